//! The one place every status line passes: the module wraps httpd's HTTP/1
//! header filter, fixes the line there, and turns an interim (1xx) status that
//! would end a response into a 500 with its document.

use core::ffi::{CStr, c_int};
use core::ptr;
use std::sync::OnceLock;

use httpstatus::StatusCode;

use crate::documents::{fallback_document, send_document};
use crate::glue::{Hook, LogTo, OutputFilter, guard, register_output_filter};
use crate::request::Request;
use crate::status_lines::{fix_status_line, httpd_line_is_ours};
use crate::sys;

/// The filter that drops a handler's body once a document went out in its place.
pub(crate) const DISCARD_FILTER: &CStr = c"HTTPSTATUS_DISCARD";

/// Registers the discard filter (from `register_hooks`): after every content
/// filter, before the protocol filters, it drops the handler's body, never the
/// document sent below it.
pub(crate) fn register_discard_filter() {
    register_output_filter(
        DISCARD_FILTER,
        discard_filter,
        sys::ap_filter_type_AP_FTYPE_CONTENT_SET + 5,
    );
}

/// httpd's own HTTP/1 header filter, which [`status_line_filter`] wraps: the
/// function lives in the httpd binary, so it is the same for the process's life.
static HTTPD_HEADER_FILTER: OnceLock<OutputFilter> = OnceLock::new();

/// Puts [`status_line_filter`] in front of httpd's HTTP/1 header filter (from
/// `post_config`, before any child forks). The header filter runs once per
/// response and is the one place every status line passes, so fixing the line
/// there costs a response nothing when there is nothing to fix, where a filter of
/// our own would have to be added to, called in and removed from every request.
///
/// httpd registers its filters again on every configuration load, which resets
/// the record to its own function; a record already wrapped is left alone. If
/// another module has replaced the function, status lines are left to it.
pub(crate) fn wrap_http_header_filter() {
    // SAFETY: a lookup by static name in httpd's filter registry. The record lives
    // as long as this configuration; writing its function pointer is safe here
    // because post_config runs in the parent alone, before any child or thread
    // that reads it exists, and the function put there is a 'static one with the
    // same signature.
    unsafe {
        let record = sys::ap_get_output_filter_handle(c"HTTP_HEADER".as_ptr());
        let Some(record) = record.as_mut() else {
            return;
        };
        let Some(current) = record.filter_func.out_func else {
            return;
        };
        if ptr::fn_addr_eq(current, status_line_filter as OutputFilter) {
            return;
        }
        let httpd_own = *HTTPD_HEADER_FILTER.get_or_init(|| current);
        if ptr::fn_addr_eq(current, httpd_own) {
            record.filter_func.out_func = Some(status_line_filter);
        }
    }
}

/// Runs in place of httpd's HTTP/1 header filter: fixes the status line, then
/// lets httpd's filter write the header. A 1xx that would end the response
/// becomes a 500 with its document instead of the handler's body.
unsafe extern "C" fn status_line_filter(
    f: *mut sys::ap_filter_t,
    bb: *mut sys::apr_bucket_brigade,
) -> sys::apr_status_t {
    // Installed only after the function it wraps was stored.
    let Some(&httpd_filter) = HTTPD_HEADER_FILTER.get() else {
        return sys::APR_EGENERAL as sys::apr_status_t;
    };
    // SAFETY: httpd passes a live filter whose request outlives the call and is
    // covered by no Rust reference.
    let raw = unsafe { (*f).r };
    // SAFETY: as just said.
    let Some(r) = (unsafe { Request::from_raw(raw) }) else {
        // SAFETY: the filter and brigade httpd passed us, for the function we wrap.
        return unsafe { httpd_filter(f, bb) };
    };
    if httpd_line_is_ours(r) {
        // Nearly every response: loads and comparisons, nothing that can panic.
        // SAFETY: as above.
        return unsafe { httpd_filter(f, bb) };
    }
    fix_and_pass_on(f, bb, raw, r, httpd_filter)
}

/// The rest of `status_line_filter`, for a line to fix: a call of its own, so
/// that every other response's path saves no registers.
#[inline(never)]
fn fix_and_pass_on(
    f: *mut sys::ap_filter_t,
    bb: *mut sys::apr_bucket_brigade,
    raw: *mut sys::request_rec,
    r: Request<'_>,
    httpd_filter: OutputFilter,
) -> sys::apr_status_t {
    // SAFETY: the filter and brigade httpd passed us, for the function we wrap.
    let pass_on = || unsafe { httpd_filter(f, bb) };
    if !r.dir_config().enabled() {
        return pass_on();
    }
    let interim = guard(Hook::HeaderFilter, LogTo::Request(raw), None, || {
        #[cfg(feature = "fault-injection")]
        crate::faults::inject(Hook::HeaderFilter, r);
        Some(fix_status_line(r))
    })
    .unwrap_or_else(|| {
        // A bug the guard logged: still send the registry's line for the status
        // rather than httpd's 500 line for a code it does not know.
        let line = StatusCode::from_int(r.status()).map(|c| c.status_line_text().into());
        r.set_status_line(line);
        false
    });
    if !interim || !r.dir_config().pages() {
        return pass_on();
    }
    // The interim response's body goes; the 500's document replaces it. What the
    // handler still sends is dropped above the protocol filters.
    // SAFETY: the brigade httpd passed us.
    unsafe { sys::apr_brigade_cleanup(bb.cast()) };
    r.add_output_filter(r.server_config().filters.discard, DISCARD_FILTER);
    let set_body_and_pass_on = |body, len| {
        // SAFETY: r is live and bb is the brigade httpd passed us; the shim takes
        // over the body memory and states its length.
        unsafe { sys::httpstatus_shim_set_body(raw, bb, body, len) };
        pass_on()
    };
    let sent = guard(Hook::HeaderFilter, LogTo::Request(raw), None, || {
        let code = StatusCode::from_int(sys::HTTP_INTERNAL_SERVER_ERROR as c_int)?;
        Some(send_document(r, r, code, set_body_and_pass_on))
    });
    sent.unwrap_or_else(|| {
        let (body, len) = fallback_document(r);
        set_body_and_pass_on(body, len)
    })
}

/// Drops whatever reaches it: the body of a response whose document was sent
/// in its place.
unsafe extern "C" fn discard_filter(
    _f: *mut sys::ap_filter_t,
    bb: *mut sys::apr_bucket_brigade,
) -> sys::apr_status_t {
    // SAFETY: the brigade httpd passed us.
    unsafe { sys::apr_brigade_cleanup(bb.cast()) };
    sys::APR_SUCCESS as sys::apr_status_t
}
