/* What Rust needs from httpd that bindgen cannot translate: bucket-brigade
 * walking (APR ring macros) and logging (ap_log_rerror is a macro over a variadic
 * function, the level check a macro too). The directive table is in Rust
 * (config.rs), built from bindgen's command_rec. */
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
#include "http_main.h"
#include "mpm_common.h"
#include "apr_shm.h"
#include "ap_listen.h"
#include "mod_status.h"

/* Writes msg to the error log under this module at `level` (APLOG_*), for r but
 * without the ", referer: <raw value>" httpd would append: it is outside the
 * module's escaping, so a client could forge fields with it. */
void httpstatus_shim_log(const request_rec *r, int level, const char *msg);

/* Logs `msg` for server `s` (NULL: the main server) under this module, for what
 * happens outside a request (a panic caught in a configuration hook). */
void httpstatus_shim_log_server(const server_rec *s, int level, const char *msg);

/* Does the brigade end the response (hold an EOS bucket)? */
int httpstatus_shim_has_eos(apr_bucket_brigade *bb);

/* Replaces everything in bb with `len` bytes of data and EOS, marks filter f done
 * (a non-NULL f->ctx) and passes the brigade on. `data` is NULL or memory from apr_bucket_alloc that
 * the brigade takes over (a heap bucket: nothing is copied, even when kept). */
apr_status_t httpstatus_shim_replace_body(ap_filter_t *f, apr_bucket_brigade *bb,
                                          char *data, apr_size_t len);

/* Puts `len` bytes of data and EOS into the (empty) brigade bb and states that
 * length as r's Content-Length and bytes sent, for a body that goes below the
 * filters that would count it; `data` as for httpstatus_shim_replace_body. */
void httpstatus_shim_set_body(request_rec *r, apr_bucket_brigade *bb, char *data,
                              apr_size_t len);

/* Sends data and EOS down r's output filters (for the handler); `data` as for
 * httpstatus_shim_replace_body. */
apr_status_t httpstatus_shim_send_body(request_rec *r, char *data, apr_size_t len);

/* Registers `hook` for mod_status's optional status_hook (APR_OPTIONAL_HOOK is
 * a macro over apr_optional_hook_add with the hook's name and type). */
void httpstatus_shim_register_status_hook(int (*hook)(request_rec *r, int flags));

/* Registers `hook` for mod_proxy's optional request_status hook, run when
 * mod_proxy is loaded (as for mod_status's hook: by name, so this module loads
 * without mod_proxy and needs none of its headers). */
void httpstatus_shim_register_proxy_status_hook(int (*hook)(int *status, request_rec *r));

#endif
