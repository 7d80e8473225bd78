/* The small C part of mod_httpstatus; see shim.h for why each piece is here. */
#include "shim.h"

extern module AP_MODULE_DECLARE_DATA httpstatus_module;

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

void httpstatus_shim_log_server(const server_rec *s, int level, const char *msg)
{
    /* Always "%s": the message may carry request data. */
    ap_log_error_(__FILE__, __LINE__, httpstatus_module.module_index, level, 0, s,
                  "%s", msg);
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
    apr_brigade_cleanup(bb);
    append_body(bb, data, len, f->c->bucket_alloc);
    /* Marked done rather than removed: the response ends with this brigade, and
     * the filter would only pass on anything after it. */
    f->ctx = f;
    return ap_pass_brigade(f->next, bb);
}

void httpstatus_shim_set_body(request_rec *r, apr_bucket_brigade *bb, char *data,
                              apr_size_t len)
{
    append_body(bb, data, len, r->connection->bucket_alloc);
    ap_set_content_length(r, len);
    r->bytes_sent = len;
}

apr_status_t httpstatus_shim_send_body(request_rec *r, char *data, apr_size_t len)
{
    conn_rec *c = r->connection;
    apr_bucket_brigade *bb = apr_brigade_create(r->pool, c->bucket_alloc);
    append_body(bb, data, len, c->bucket_alloc);
    return ap_pass_brigade(r->output_filters, bb);
}

void httpstatus_shim_register_status_hook(int (*hook)(request_rec *r, int flags))
{
    APR_OPTIONAL_HOOK(ap, status_hook, hook, NULL, NULL, APR_HOOK_MIDDLE);
}

void httpstatus_shim_register_proxy_status_hook(int (*hook)(int *status, request_rec *r))
{
    /* What APR_OPTIONAL_HOOK(proxy, request_status, ...) expands to, without
     * mod_proxy.h for the hook's type. */
    apr_optional_hook_add("request_status", (void (*)(void))hook, NULL, NULL,
                          APR_HOOK_MIDDLE);
}
