//! The bottom layer over bindgen's `sys`: what every other file needs to talk to
//! httpd safely. The panic guard, this module's record, C strings, APR tables and
//! pool allocation. Nothing here knows about status codes or documents.

use core::ffi::{CStr, c_char, c_int};
use core::sync::atomic::AtomicBool;

use mod_httpstatus_logic::log_line::push_escaped;
use mod_httpstatus_logic::panics;

use crate::sys;

unsafe extern "C" {
    /// The module record, defined at the top (`module.rs`) and reached here through
    /// the linker, as httpd's C modules declare their record before the code that
    /// uses it: the layers below never import the top.
    #[link_name = "httpstatus_module"]
    static mut MODULE_RECORD: sys::module;
}

/// This module, as httpd's config accessors want it.
pub(crate) fn module_ptr() -> *const sys::module {
    // Only the address is taken (safe for an extern static); httpd owns the record.
    &raw const MODULE_RECORD
}

/// This module's index among the loaded modules (set by httpd when it loaded it).
pub(crate) fn module_index() -> c_int {
    // SAFETY: the module record is this library's own static; httpd writes
    // module_index once, at load, before any hook runs.
    unsafe { (*module_ptr()).module_index }
}

/// This module's slot in one of httpd's configuration vectors: what httpd's own
/// `ap_get_module_config` macro reads, without a call into httpd (it is read
/// several times for every request).
///
/// # Safety
/// `vector` must be a live configuration vector of this process (one slot per
/// loaded module, this one included).
pub(crate) unsafe fn module_config(vector: *mut sys::ap_conf_vector_t) -> *mut core::ffi::c_void {
    // SAFETY: httpd set module_index when it loaded the module, before any vector
    // was built; the vector has that slot (caller's duty).
    unsafe {
        let index = (*module_ptr()).module_index as usize;
        *vector.cast::<*mut core::ffi::c_void>().add(index)
    }
}

/// An output filter's function, as httpd calls it.
pub(crate) type OutputFilter =
    unsafe extern "C" fn(*mut sys::ap_filter_t, *mut sys::apr_bucket_brigade) -> sys::apr_status_t;

/// Registers one of the module's output filters (from `register_hooks`, as httpd
/// forgets its registry at each configuration load).
pub(crate) fn register_output_filter(
    name: &'static CStr,
    filter: OutputFilter,
    ftype: sys::ap_filter_type,
) {
    // SAFETY: a plain registration during register_hooks, with a static name and
    // function.
    unsafe { sys::ap_register_output_filter(name.as_ptr(), Some(filter), None, ftype) };
}

/// This configuration's record of a filter registered by `name` (looked up once,
/// in post_config, so requests add the filter without a lookup by name).
pub(crate) fn output_filter_handle(name: &'static CStr) -> *mut sys::ap_filter_rec_t {
    // SAFETY: a lookup by static name in httpd's filter registry.
    unsafe { sys::ap_get_output_filter_handle(name.as_ptr()) }
}

/// The module's output filters of this configuration, by their records.
#[derive(Clone, Copy)]
pub(crate) struct Filters {
    pub(crate) page: *mut sys::ap_filter_rec_t,
    pub(crate) headers: *mut sys::ap_filter_rec_t,
    pub(crate) discard: *mut sys::ap_filter_rec_t,
}

impl Filters {
    /// None yet (before post_config): requests would add filters by name.
    pub(crate) const NONE: Filters = Filters {
        page: core::ptr::null_mut(),
        headers: core::ptr::null_mut(),
        discard: core::ptr::null_mut(),
    };
}

/// What a maintenance directive calls to have the maintenance hooks run in the
/// configuration being read (its pool, and whether a hook after the URL's
/// mapping is needed). Set by `register_hooks`; kept here so the directives
/// need not import the hooks above them.
pub(crate) static MAINTENANCE_HOOKS: std::sync::OnceLock<unsafe fn(*mut sys::apr_pool_t, bool)> =
    std::sync::OnceLock::new();

/// The module's entry points, as named in the line a caught panic leaves.
#[derive(Clone, Copy)]
pub(crate) enum Hook {
    PostConfig,
    Directive,
    CreateConfig,
    MergeConfig,
    ConfigCleanup,
    HeaderFilter,
    InsertErrorFilter,
    PageFilter,
    Handler,
    LogTransaction,
    Maintenance,
    HeadersFilter,
    ProxyStatus,
    Monitor,
    SummaryCleanup,
    // Keep last: COUNT is derived from it.
    ModStatus,
}

impl Hook {
    /// One per variant: the panic flags are indexed by `hook as usize`.
    const COUNT: usize = Hook::ModStatus as usize + 1;

    pub(crate) fn name(self) -> &'static str {
        match self {
            Hook::PostConfig => "post_config",
            Hook::Directive => "directive",
            Hook::CreateConfig => "create_config",
            Hook::MergeConfig => "merge_config",
            Hook::ConfigCleanup => "config_cleanup",
            Hook::HeaderFilter => "header_filter",
            Hook::InsertErrorFilter => "insert_error_filter",
            Hook::Maintenance => "maintenance",
            Hook::HeadersFilter => "headers_filter",
            Hook::ProxyStatus => "proxy_request_status",
            Hook::PageFilter => "page_filter",
            Hook::Handler => "handler",
            Hook::LogTransaction => "log_transaction",
            Hook::Monitor => "monitor",
            Hook::SummaryCleanup => "summary_cleanup",
            Hook::ModStatus => "status_hook",
        }
    }
}

/// Where a caught panic is logged: the request's server and client, or a server.
#[derive(Clone, Copy)]
pub(crate) enum LogTo {
    Request(*const sys::request_rec),
    /// NULL for the main server.
    Server(*const sys::server_rec),
}

/// Whether each hook has logged a panic in this process (a child logs each once).
static PANIC_LOGGED: [AtomicBool; Hook::COUNT] = [const { AtomicBool::new(false) }; Hook::COUNT];

/// Writes this module's slot of a configuration vector: what httpd's own
/// `ap_set_module_config` does, without a call into httpd (the request marks are
/// written several times for every request).
///
/// # Safety
/// `vector` must be a live configuration vector of this process; `value` must
/// stay valid for as long as the vector is read.
pub(crate) unsafe fn set_module_config(
    vector: *mut sys::ap_conf_vector_t,
    value: *mut core::ffi::c_void,
) {
    // SAFETY: httpd set module_index when it loaded the module, before any vector
    // was built; the vector has that slot (caller's duty).
    unsafe {
        let index = (*module_ptr()).module_index as usize;
        *vector.cast::<*mut core::ffi::c_void>().add(index) = value;
    }
}

/// Runs `body`, or returns `fallback` if it panics: no panic may unwind into httpd.
/// A caught panic leaves one `crit` line (the hook and the panic's message) the
/// first time it happens in this process for `hook`.
pub(crate) fn guard<R>(hook: Hook, log_to: LogTo, fallback: R, body: impl FnOnce() -> R) -> R {
    match panics::catch(&PANIC_LOGGED[hook as usize], body) {
        Ok(value) => value,
        Err(caught) => {
            if caught.first {
                log_panic(hook, log_to, &caught.message);
            }
            fallback
        }
    }
}

fn log_panic(hook: Hook, log_to: LogTo, message: &str) {
    let mut line = format!("cause=panic hook={} message=\"", hook.name()).into_bytes();
    push_escaped(&mut line, message.as_bytes(), 400);
    line.extend_from_slice(b"\"\0");
    let level = sys::APLOG_CRIT as c_int;
    // SAFETY: a NUL-terminated message (every byte of the panic's text is escaped,
    // a NUL too), logged with "%s"; the request or server is the live one the hook
    // was called for.
    unsafe {
        match log_to {
            LogTo::Request(r) => sys::httpstatus_shim_log(r, level, line.as_ptr().cast()),
            LogTo::Server(s) => sys::httpstatus_shim_log_server(s, level, line.as_ptr().cast()),
        }
    }
}

/// The bytes of a NUL-terminated C string, or None for NULL.
///
/// # Safety
/// `p` must be NULL or point to a NUL-terminated string that outlives `'a`.
pub(crate) unsafe fn c_bytes<'a>(p: *const c_char) -> Option<&'a [u8]> {
    if p.is_null() {
        None
    } else {
        // SAFETY: guaranteed by the caller.
        Some(unsafe { CStr::from_ptr(p) }.to_bytes())
    }
}

/// Is the C string at `p` (NULL allowed) exactly `expected`? Stops at the first
/// difference, without measuring either string first.
///
/// # Safety
/// `p` must be NULL or point to a NUL-terminated string.
pub(crate) unsafe fn c_str_is(p: *const c_char, expected: &CStr) -> bool {
    if p.is_null() {
        return false;
    }
    // Compared with its NUL, so a longer string differs at expected's end.
    for (i, &want) in expected.to_bytes_with_nul().iter().enumerate() {
        // SAFETY: every byte up to here matched a non-NUL byte of `expected`, so
        // p's string is at least i + 1 bytes long (counting its NUL).
        if unsafe { *p.add(i) } as u8 != want {
            return false;
        }
    }
    true
}

/// Is the C string at `p` (NULL: no) `expected`, ignoring ASCII case? Compared
/// without measuring `p` first, so most strings differ at their first byte.
///
/// # Safety
/// `p` must be NULL or a NUL-terminated string, live during the call.
pub(crate) unsafe fn c_str_is_ignoring_case(p: *const c_char, expected: &CStr) -> bool {
    if p.is_null() {
        return false;
    }
    for (i, &want) in expected.to_bytes_with_nul().iter().enumerate() {
        // SAFETY: every byte up to here matched a non-NUL byte of `expected`, so
        // p's string is at least i + 1 bytes long (counting its NUL).
        let got = unsafe { *p.add(i) } as u8;
        if !got.eq_ignore_ascii_case(&want) {
            return false;
        }
    }
    true
}

/// A value from an APR table (headers, notes, environment).
pub(crate) fn table_get<'a>(table: *mut sys::apr_table_t, key: &CStr) -> Option<&'a [u8]> {
    if table.is_null() {
        return None;
    }
    // SAFETY: a live table of the request; values are NUL-terminated pool strings
    // that live as long as the request.
    unsafe { c_bytes(sys::apr_table_get(table, key.as_ptr())) }
}

/// Allocates and initialises a `T` in `pool`. `T` must need no destructor.
///
/// # Safety
/// `pool` must be a live pool.
pub(crate) unsafe fn pool_new<T: Copy>(pool: *mut sys::apr_pool_t, value: T) -> *mut T {
    // APR aligns pool memory for 8 bytes (APR_ALIGN_DEFAULT).
    const { assert!(core::mem::align_of::<T>() <= 8) };
    // SAFETY: apr_palloc returns memory aligned for any type (APR_ALIGN_DEFAULT),
    // living as long as the pool; it is initialised before use.
    unsafe {
        let p = sys::apr_palloc(pool, core::mem::size_of::<T>()).cast::<T>();
        p.write(value);
        p
    }
}

/// A copy of `s` in `pool`, NUL-terminated.
pub(crate) fn pool_str(pool: *mut sys::apr_pool_t, s: &str) -> *const c_char {
    // SAFETY: apr_pstrmemdup copies `len` bytes and adds a NUL.
    unsafe { sys::apr_pstrmemdup(pool, s.as_ptr().cast(), s.len()) }
}
