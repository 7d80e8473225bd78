//! The top of the module: the record httpd loads, hook registration and the
//! post-configuration step. Nothing imports this file; the other files reach the
//! record through `glue`'s forward declaration.

use core::ffi::{c_char, c_int, c_ulong};
use core::ptr;

use crate::glue::{self, Hook, LogTo, guard};
use crate::sys;
use crate::{
    config, diagnostics, directives, documents, header_filter, maintenance, metrics, request,
    response_headers, segment, status_lines, summaries,
};

/// The module record. `static mut` because httpd writes into it (module_index,
/// next, dynamic_load_handle); it is the only symbol this library exports.
#[unsafe(no_mangle)]
#[allow(non_upper_case_globals)]
pub static mut httpstatus_module: sys::module = sys::module {
    version: sys::MODULE_MAGIC_NUMBER_MAJOR as c_int,
    minor_version: sys::MODULE_MAGIC_NUMBER_MINOR as c_int,
    module_index: -1,
    name: c"mod_httpstatus.c".as_ptr(),
    dynamic_load_handle: ptr::null_mut(),
    next: ptr::null_mut(),
    magic: sys::MODULE_MAGIC_COOKIE as c_ulong,
    rewrite_args: None,
    create_dir_config: Some(config::create_dir_config),
    merge_dir_config: Some(config::merge_dir_config),
    create_server_config: Some(config::create_server_config),
    merge_server_config: Some(config::merge_server_config),
    // httpd only reads the table.
    cmds: (&raw const directives::COMMANDS).cast(),
    register_hooks: Some(register_hooks),
    // A virtual host without any of the module's directives would otherwise share
    // the main server's record (httpd makes one only for hosts that name the
    // module), and with it the main server's block of counters.
    #[cfg(httpd_module_flags)]
    flags: sys::AP_MODULE_FLAG_ALWAYS_MERGE as c_int,
};

const LOG_CONFIG_MODULE: [*const c_char; 2] = [c"mod_log_config.c".as_ptr(), ptr::null()];

unsafe extern "C" fn register_hooks(_pool: *mut sys::apr_pool_t) {
    // SAFETY: plain calls into httpd's registration API during register_hooks, with
    // 'static function pointers and NUL-terminated static names.
    unsafe {
        sys::ap_hook_post_config(
            Some(post_config),
            ptr::null(),
            ptr::null(),
            sys::APR_HOOK_MIDDLE as c_int,
        );
        sys::ap_hook_insert_error_filter(
            Some(documents::insert_error_filter),
            ptr::null(),
            ptr::null(),
            sys::APR_HOOK_MIDDLE as c_int,
        );
        // Before core's upgrade handler (APR_HOOK_REALLY_FIRST), which would
        // switch an error document's request to another protocol.
        sys::ap_hook_handler(
            Some(documents::handler),
            ptr::null(),
            ptr::null(),
            sys::APR_HOOK_REALLY_FIRST as c_int - 1,
        );
        // Before mod_log_config, so our notes are there for its %{...}n.
        sys::ap_hook_log_transaction(
            Some(diagnostics::log_transaction),
            ptr::null(),
            LOG_CONFIG_MODULE.as_ptr(),
            sys::APR_HOOK_FIRST as c_int,
        );
        // The parent's periodic hook: it writes the summaries of left-out lines.
        sys::ap_hook_monitor(
            Some(summaries::monitor),
            ptr::null(),
            ptr::null(),
            sys::APR_HOOK_MIDDLE as c_int,
        );
    }
    // The maintenance directives register their hooks, and only they (see
    // maintenance::register_hooks_for_this_load).
    glue::MAINTENANCE_HOOKS.get_or_init(|| maintenance::register_hooks_for_this_load);
    metrics::register_status_hook();
    // SAFETY: a plain registration during register_hooks, with a 'static function.
    unsafe {
        sys::httpstatus_shim_register_proxy_status_hook(Some(
            response_headers::proxy_request_status,
        ))
    };
    documents::register_page_filter();
    header_filter::register_discard_filter();
    response_headers::register_headers_filter();
}

/// `post_config` hook: reads httpd's status lines (once per process), puts the
/// status-line fix in front of httpd's header filter, finds or makes the shared
/// segment of line counters and gives every server's configuration what exists
/// once per load. Fails (httpd does not start) when the segment cannot be made.
unsafe extern "C" fn post_config(
    pconf: *mut sys::apr_pool_t,
    _plog: *mut sys::apr_pool_t,
    _ptemp: *mut sys::apr_pool_t,
    server: *mut sys::server_rec,
) -> c_int {
    guard(
        Hook::PostConfig,
        LogTo::Server(server),
        sys::OK as c_int,
        || {
            // First, so that nothing after it can leave it uncounted.
            documents::new_configuration();
            status_lines::learn_httpd_status_lines();
            // SAFETY: httpd's list of servers for this configuration.
            status_lines::learn_untouched_lines(&unsafe { config::server_configs(server) });
            diagnostics::detect_note_readers();
            request::detect_unique_id();
            header_filter::wrap_http_header_filter();
            let filters = glue::Filters {
                page: glue::output_filter_handle(documents::PAGE_FILTER),
                headers: glue::output_filter_handle(response_headers::HEADERS_FILTER),
                discard: glue::output_filter_handle(header_filter::DISCARD_FILTER),
            };
            // SAFETY: httpd passes its configuration pool and server list, in the
            // parent; the filters were registered for this load in register_hooks.
            unsafe {
                let attach = match segment::attach(pconf, server) {
                    Ok(attach) => attach,
                    Err(message) => {
                        let line = format!("cause=log-limit-segment message=\"{message}\"\0");
                        sys::httpstatus_shim_log_server(
                            server,
                            sys::APLOG_CRIT as c_int,
                            line.as_ptr().cast(),
                        );
                        return sys::HTTP_INTERNAL_SERVER_ERROR as c_int;
                    }
                };
                config::attach_to_servers(server, filters, attach.as_ref());
                if let Some(attach) = &attach {
                    summaries::at_configuration_end(pconf);
                    if attach.made {
                        summaries::at_exit();
                    }
                    summaries::start_ticker(pconf, server);
                }
            }
            sys::OK as c_int
        },
    )
}
