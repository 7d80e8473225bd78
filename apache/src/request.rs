//! Reading request data from httpd's structures.

use core::ffi::{CStr, c_char};

use crate::glue::{c_bytes, module_config, module_ptr, table_get};
use crate::sys;

/// An identifier for the request: mod_unique_id's UNIQUE_ID if loaded, else
/// httpd's log id (generated now if nothing logged for the request yet, so the
/// error log's %L shows the same value). The bytes live as long as the request.
///
/// # Safety
/// `r` must point to a live request that no Rust reference covers during the call.
pub(crate) unsafe fn request_id<'a>(r: *mut sys::request_rec) -> Option<&'a [u8]> {
    // SAFETY: a live request (caller's duty); fields are read and written through
    // the raw pointer only.
    unsafe {
        if let Some(id) = table_get((*r).subprocess_env, c"UNIQUE_ID") {
            return Some(id);
        }
        if (*r).log_id.is_null() {
            let mut id: *const c_char = core::ptr::null();
            // Runs httpd's generate_log_id hook, as the core does before it logs; the
            // id is allocated from the request pool.
            sys::ap_run_generate_log_id((*r).connection, r, &mut id);
            (*r).log_id = id;
        }
        c_bytes((*r).log_id)
    }
}

/// The original request and every internal redirect after it, in order.
pub(crate) fn chain(r: &sys::request_rec) -> impl Iterator<Item = &sys::request_rec> {
    // SAFETY: `next` links requests of the same connection request; all live until
    // the original request's pool is destroyed.
    std::iter::successors(Some(r), |q| unsafe { q.next.as_ref() })
}

/// The request that produced the response the client received: the last one in
/// the chain of internal redirects.
pub(crate) fn final_request(r: &sys::request_rec) -> &sys::request_rec {
    chain(r).last().unwrap_or(r)
}

/// Marks httpd's error path answering through a request, whoever writes the page.
pub(crate) const MARK_ANSWERED: &CStr = c"-";
/// Marks our document following in place of httpd's canned page, for a request
/// that is not a HEAD ([`MARK_PENDING_HEAD`] for one).
pub(crate) const MARK_PENDING: &CStr = c"";
pub(crate) const MARK_PENDING_HEAD: &CStr = c"h";

/// What this module did for a request, kept in its slot of `r->request_config`
/// (internal state stays out of the notes, which users see): unset;
/// [`MARK_ANSWERED`]; [`MARK_PENDING`] or [`MARK_PENDING_HEAD`]; the format's name
/// (longer than one byte) once a document was sent.
pub(crate) fn own_mark(r: &sys::request_rec) -> Option<&'static [u8]> {
    // SAFETY: our slot holds NULL or a pointer from `set_own_mark`: a static,
    // NUL-terminated string.
    unsafe { c_bytes(module_config(r.request_config).cast()) }
}

/// Records `mark` (see [`own_mark`]) for r.
pub(crate) fn set_own_mark(r: &mut sys::request_rec, mark: &'static CStr) {
    // SAFETY: r's config vector has a slot for every loaded module; a static string
    // outlives the request. httpd never writes through it.
    unsafe {
        sys::ap_set_module_config(
            r.request_config,
            module_ptr(),
            mark.as_ptr().cast_mut().cast(),
        )
    };
}
