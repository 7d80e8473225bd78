/* The small C part of mod_httpstatus; see shim.h for why each piece is here. */
#include "shim.h"

extern module AP_MODULE_DECLARE_DATA httpstatus_module;

static httpstatus_directive_fns directive_fns;

void httpstatus_shim_install(const httpstatus_directive_fns *fns)
{
    directive_fns = *fns;
}

static const char *on_flag(cmd_parms *cmd, void *dir_config, int on)
{
    if (!directive_fns.flag)
        return "mod_httpstatus: directive handlers not installed";
    return directive_fns.flag(cmd, dir_config, on);
}

static const char *on_take123(cmd_parms *cmd, void *dir_config, const char *a1,
                              const char *a2, const char *a3)
{
    if (!directive_fns.take123)
        return "mod_httpstatus: directive handlers not installed";
    return directive_fns.take123(cmd, dir_config, a1, a2, a3);
}

#define ID(x) ((void *)(apr_uintptr_t)(x))

const command_rec httpstatus_cmds[] = {
    AP_INIT_FLAG("HttpStatusPages", on_flag, ID(HTTPSTATUS_DIRECTIVE_PAGES),
                 RSRC_CONF | ACCESS_CONF | OR_FILEINFO,
                 "On|Off: replace httpd's error pages with mod_httpstatus documents (default On)"),
    AP_INIT_FLAG("HttpStatusDetails", on_flag, ID(HTTPSTATUS_DIRECTIVE_DETAILS),
                 RSRC_CONF | ACCESS_CONF | OR_FILEINFO,
                 "On|Off: show the long description and the spec link in pages (default On)"),
    AP_INIT_FLAG("HttpStatusLog", on_flag, ID(HTTPSTATUS_DIRECTIVE_LOG),
                 RSRC_CONF | ACCESS_CONF,
                 "On|Off: write one diagnostic error-log line per error response (default On)"),
    AP_INIT_TAKE123("HttpStatusReason", on_take123, ID(HTTPSTATUS_DIRECTIVE_REASON),
                    RSRC_CONF,
                    "<code> \"<phrase>\": the reason phrase to send for a status code"),
    AP_INIT_TAKE123("HttpStatusTemplate", on_take123, ID(HTTPSTATUS_DIRECTIVE_TEMPLATE),
                    RSRC_CONF | ACCESS_CONF,
                    "<code|4xx|5xx|default> <file> [html|json|text]: a page template"),
    AP_INIT_TAKE123("HttpStatusFormats", on_take123, ID(HTTPSTATUS_DIRECTIVE_FORMATS),
                    RSRC_CONF | ACCESS_CONF | OR_FILEINFO,
                    "html json text: the formats negotiation may choose (default all three)"),
    AP_INIT_TAKE123("HttpStatusPhrases", on_take123, ID(HTTPSTATUS_DIRECTIVE_PHRASES),
                    RSRC_CONF,
                    "registry|httpd: whose phrase codes httpd knows get (default registry)"),
    AP_INIT_TAKE123("HttpStatusLogLimit", on_take123, ID(HTTPSTATUS_DIRECTIVE_LOG_LIMIT),
                    RSRC_CONF,
                    "<n>: diagnostic lines per second and status one child writes, 0 for "
                    "no limit (default 10)"),
    AP_INIT_TAKE123("HttpStatusLogLineLength", on_take123,
                    ID(HTTPSTATUS_DIRECTIVE_LOG_LINE_LENGTH), RSRC_CONF,
                    "<bytes>: the longest diagnostic line, 256 to 8000 (default 1024)"),
    {NULL}
};

int httpstatus_shim_directive(const cmd_parms *cmd)
{
    return (int)(apr_uintptr_t)cmd->info;
}

void httpstatus_shim_log(const request_rec *r, int level, const char *msg)
{
    /* The line carries the referer itself, escaped; hide the header during the call
     * and put the first value back (the one apr_table_get, and so every log
     * format, reads). */
    const char *referer = apr_table_get(r->headers_in, "Referer");
    if (referer != NULL)
        apr_table_unset(r->headers_in, "Referer");
    /* Always "%s": the message carries request data. */
    ap_log_rerror_(__FILE__, __LINE__, httpstatus_module.module_index, level, 0, r,
                   "%s", msg);
    if (referer != NULL)
        apr_table_setn(r->headers_in, "Referer", referer);
}

int httpstatus_shim_log_enabled(const request_rec *r, int level)
{
    return APLOG_R_MODULE_IS_LEVEL(r, httpstatus_module.module_index, level);
}

int httpstatus_shim_has_eos(apr_bucket_brigade *bb)
{
    apr_bucket *b;
    for (b = APR_BRIGADE_FIRST(bb); b != APR_BRIGADE_SENTINEL(bb); b = APR_BUCKET_NEXT(b)) {
        if (APR_BUCKET_IS_EOS(b))
            return 1;
    }
    return 0;
}

/* The body as a heap bucket that owns `data` (freed with the bucket). */
static void append_body(apr_bucket_brigade *bb, char *data, apr_size_t len,
                        apr_bucket_alloc_t *alloc)
{
    if (data != NULL && len > 0)
        APR_BRIGADE_INSERT_TAIL(bb, apr_bucket_heap_create(data, len, apr_bucket_free, alloc));
    else if (data != NULL)
        apr_bucket_free(data);
    APR_BRIGADE_INSERT_TAIL(bb, apr_bucket_eos_create(alloc));
}

apr_status_t httpstatus_shim_replace_body(ap_filter_t *f, apr_bucket_brigade *bb,
                                          char *data, apr_size_t len)
{
    ap_filter_t *next = f->next;
    apr_brigade_cleanup(bb);
    append_body(bb, data, len, f->c->bucket_alloc);
    ap_remove_output_filter(f);
    return ap_pass_brigade(next, bb);
}

apr_status_t httpstatus_shim_pass_and_remove(ap_filter_t *f, apr_bucket_brigade *bb)
{
    ap_filter_t *next = f->next;
    ap_remove_output_filter(f);
    return ap_pass_brigade(next, bb);
}

apr_status_t httpstatus_shim_send_body(request_rec *r, char *data, apr_size_t len)
{
    conn_rec *c = r->connection;
    apr_bucket_brigade *bb = apr_brigade_create(r->pool, c->bucket_alloc);
    append_body(bb, data, len, c->bucket_alloc);
    return ap_pass_brigade(r->output_filters, bb);
}
