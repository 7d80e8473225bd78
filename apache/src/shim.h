/* What Rust needs from httpd that bindgen cannot translate: the directive table
 * (AP_INIT_* macros), bucket-brigade walking (APR ring macros) and logging
 * (ap_log_rerror is a macro over a variadic function). */
#ifndef HTTPSTATUS_SHIM_H
#define HTTPSTATUS_SHIM_H

#include "httpd.h"
#include "http_config.h"
#include "http_core.h"
#include "http_log.h"
#include "http_protocol.h"
#include "http_request.h"
#include "util_filter.h"
#include "ap_mmn.h"
#include "apr_strings.h"
#include "apr_buckets.h"
#include "ap_release.h"
#include "mod_core.h"

/* Directive handlers, implemented in Rust and handed over in register_hooks
 * (which httpd runs right after it registers the command table, before any
 * directive of this module can be read), so no Rust symbol needs exporting. */
typedef struct {
    const char *(*flag)(cmd_parms *cmd, void *dir_config, int on);
    const char *(*take123)(cmd_parms *cmd, void *dir_config, const char *a1,
                           const char *a2, const char *a3);
} httpstatus_directive_fns;

/* Directive identifiers, passed as cmd->info. */
enum httpstatus_directive {
    HTTPSTATUS_DIRECTIVE_PAGES = 1,
    HTTPSTATUS_DIRECTIVE_DETAILS = 2,
    HTTPSTATUS_DIRECTIVE_LOG = 3,
    HTTPSTATUS_DIRECTIVE_REASON = 4,
    HTTPSTATUS_DIRECTIVE_TEMPLATE = 5,
    HTTPSTATUS_DIRECTIVE_FORMATS = 6,
    HTTPSTATUS_DIRECTIVE_PHRASES = 7,
    HTTPSTATUS_DIRECTIVE_LOG_LIMIT = 8,
    HTTPSTATUS_DIRECTIVE_LOG_LINE_LENGTH = 9
};

extern const command_rec httpstatus_cmds[];

void httpstatus_shim_install(const httpstatus_directive_fns *fns);

/* The directive identifier of a command being run (cmd->info). */
int httpstatus_shim_directive(const cmd_parms *cmd);

/* Writes msg to the error log under this module at `level` (APLOG_*), for r but
 * without the ", referer: <raw value>" httpd would append: it is outside the
 * module's escaping, so a client could forge fields with it. */
void httpstatus_shim_log(const request_rec *r, int level, const char *msg);

/* Would a message at `level` for this module be logged for r? */
int httpstatus_shim_log_enabled(const request_rec *r, int level);

/* Does the brigade end the response (hold an EOS bucket)? */
int httpstatus_shim_has_eos(apr_bucket_brigade *bb);

/* Replaces everything in bb with `len` bytes of data and EOS, removes filter f
 * and passes the brigade on. `data` is NULL or memory from apr_bucket_alloc that
 * the brigade takes over (a heap bucket: nothing is copied, even when kept). */
apr_status_t httpstatus_shim_replace_body(ap_filter_t *f, apr_bucket_brigade *bb,
                                          char *data, apr_size_t len);

/* Removes filter f and passes bb on unchanged. */
apr_status_t httpstatus_shim_pass_and_remove(ap_filter_t *f, apr_bucket_brigade *bb);

/* Sends data and EOS down r's output filters (for the handler); `data` as for
 * httpstatus_shim_replace_body. */
apr_status_t httpstatus_shim_send_body(request_rec *r, char *data, apr_size_t len);

#endif
