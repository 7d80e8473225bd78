//! The module declaration httpd loads, and hook registration.

use core::ffi::{c_char, c_int, c_ulong};
use core::ptr;

use crate::sys;
use crate::{config, diagnostics, pages};

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
    // Only the address of the C command table is taken, never its contents.
    cmds: (&raw const sys::httpstatus_cmds).cast(),
    register_hooks: Some(register_hooks),
    #[cfg(httpd_module_flags)]
    flags: 0,
};

/// This module, as httpd's config accessors want it.
pub(crate) fn module_ptr() -> *const sys::module {
    &raw const httpstatus_module
}

/// Names of the output filters; registered once per configuration load.
pub(crate) const PAGE_FILTER: &core::ffi::CStr = c"HTTPSTATUS_PAGE";
pub(crate) const STATUS_FILTER: &core::ffi::CStr = c"HTTPSTATUS_STATUS";

const LOG_CONFIG_MODULE: [*const c_char; 2] = [c"mod_log_config.c".as_ptr(), ptr::null()];

unsafe extern "C" fn register_hooks(_pool: *mut sys::apr_pool_t) {
    // stderr is httpd's error log: a panic message must never land there. Every
    // entry point catches panics; this keeps the default hook from printing.
    std::panic::set_hook(Box::new(|_| {}));
    let fns = sys::httpstatus_directive_fns {
        flag: Some(config::on_flag),
        take123: Some(config::on_take123),
    };
    // SAFETY: plain calls into httpd's registration API during register_hooks, with
    // 'static function pointers and NUL-terminated static names.
    unsafe {
        sys::httpstatus_shim_install(&fns);
        sys::ap_hook_post_config(
            Some(config::post_config),
            ptr::null(),
            ptr::null(),
            sys::APR_HOOK_MIDDLE as c_int,
        );
        sys::ap_hook_insert_error_filter(
            Some(pages::insert_error_filter),
            ptr::null(),
            ptr::null(),
            sys::APR_HOOK_MIDDLE as c_int,
        );
        sys::ap_hook_insert_filter(
            Some(pages::insert_status_filter),
            ptr::null(),
            ptr::null(),
            sys::APR_HOOK_LAST as c_int,
        );
        sys::ap_hook_handler(
            Some(pages::handler),
            ptr::null(),
            ptr::null(),
            sys::APR_HOOK_MIDDLE as c_int,
        );
        // Before mod_log_config, so our notes are there for its %{...}n.
        sys::ap_hook_log_transaction(
            Some(diagnostics::log_transaction),
            ptr::null(),
            LOG_CONFIG_MODULE.as_ptr(),
            sys::APR_HOOK_FIRST as c_int,
        );
        sys::ap_register_output_filter(
            PAGE_FILTER.as_ptr(),
            Some(pages::page_filter),
            None,
            sys::ap_filter_type_AP_FTYPE_CONTENT_SET,
        );
        sys::ap_register_output_filter(
            STATUS_FILTER.as_ptr(),
            Some(pages::status_filter),
            None,
            sys::ap_filter_type_AP_FTYPE_CONTENT_SET,
        );
    }
}

/// Runs `body`, or returns `fallback` if it panics: no panic may unwind into httpd.
pub(crate) fn guard<R>(fallback: R, body: impl FnOnce() -> R) -> R {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(body)).unwrap_or(fallback)
}
