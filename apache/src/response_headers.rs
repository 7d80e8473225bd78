//! `HttpStatusRetryAfter` and `HttpStatusCacheControl`: a filter that adds the
//! headers when the response's status is known, after every content filter
//! (mod_headers' included) and before the protocol's header filter, for HTTP/1
//! and HTTP/2 alike. Added only in scopes that set a rule; it removes itself
//! after the first brigade.

use core::ffi::{CStr, c_int};

use httpstatus::StatusCode;
use mod_httpstatus_logic::header_rules::retry_after_applies;

use crate::config::DirConfig;
use crate::glue::{Hook, LogTo, guard, register_output_filter};
use crate::request::Request;
use crate::sys;

pub(crate) const HEADERS_FILTER: &CStr = c"HTTPSTATUS_HEADERS";

/// Registers the filter (from `register_hooks`): just before the protocol
/// filters, after every content filter (mod_headers' among them), so a header
/// they set is seen and kept.
pub(crate) fn register_headers_filter() {
    register_output_filter(
        HEADERS_FILTER,
        headers_filter,
        sys::ap_filter_type_AP_FTYPE_PROTOCOL - 1,
    );
}

/// Adds the filter to `r` when its scope sets a rule (from the handler hook,
/// which runs before every handler, and `insert_error_filter`). Loads and
/// comparisons unless the scope sets a rule, so no panic guard is needed.
pub(crate) fn add_if_configured(r: Request<'_>, dir: &DirConfig) {
    if dir.has_header_rules() && dir.enabled() {
        r.add_output_filter(r.server_config().filters.headers, HEADERS_FILTER);
    }
}

unsafe extern "C" fn headers_filter(
    f: *mut sys::ap_filter_t,
    bb: *mut sys::apr_bucket_brigade,
) -> sys::apr_status_t {
    // SAFETY: a live filter whose request outlives the call and is covered by no
    // Rust reference.
    let raw = unsafe { (*f).r };
    // SAFETY: as just said.
    if let Some(r) = unsafe { Request::from_raw(raw) } {
        guard(Hook::HeadersFilter, LogTo::Request(raw), (), || {
            add_headers(r)
        });
    }
    // SAFETY: the filter httpd passed us, removed once; the brigade goes on to
    // the next filter, which httpd keeps live.
    unsafe {
        let next = (*f).next;
        sys::ap_remove_output_filter(f);
        sys::ap_pass_brigade(next, bb)
    }
}

/// Adds what the rules say for the response's status, where nobody else set
/// the header.
fn add_headers(r: Request<'_>) {
    #[cfg(feature = "fault-injection")]
    crate::faults::inject(Hook::HeadersFilter, r);
    let Some(code) = StatusCode::from_int(r.status()) else {
        return;
    };
    let dir = r.dir_config();
    if retry_after_applies(code.as_u16()) && !r.has_response_header(c"Retry-After") {
        if let Some(value) = dir
            .retry_after(code)
            .and_then(|rule| rule.value(r.arrival_second()))
        {
            r.add_header_out(c"Retry-After", r.pool_c_str(&value).into());
        }
    }
    // Only on the module's own documents.
    if r.mark().answer().sent().is_some() && !r.has_response_header(c"Cache-Control") {
        if let Some(value) = dir.cache_control(code) {
            r.add_header_out(c"Cache-Control", value.into());
        }
    }
}

/// mod_proxy's optional `request_status` hook.
/// Under `ProxyErrorOverride` httpd replaces a back end's error with an error
/// document, and its error path keeps none of the back end's headers: a
/// `Retry-After` the back end sent is kept for the document here, so a rule
/// never replaces it.
pub(crate) unsafe extern "C" fn proxy_request_status(
    status: *mut c_int,
    raw: *mut sys::request_rec,
) -> c_int {
    // SAFETY: mod_proxy passes the final status it is about to return.
    let status = unsafe { status.as_ref() }.copied().unwrap_or(0);
    if !(400..600).contains(&status) || !retry_after_applies(status as u16) {
        return sys::DECLINED;
    }
    // SAFETY: mod_proxy passes the live request it handled, which no Rust
    // reference covers.
    let Some(r) = (unsafe { Request::from_raw(raw) }) else {
        return sys::DECLINED;
    };
    guard(Hook::ProxyStatus, LogTo::Request(raw), (), || {
        if r.dir_config().enabled() {
            r.keep_header_for_errors(c"Retry-After");
        }
    });
    sys::DECLINED
}
