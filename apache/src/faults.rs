//! Test builds only (`--features fault-injection`): a request can make one of the
//! module's hooks panic, so the live tests can show what a bug costs (one log
//! line, a complete response). Never part of a release build.

use core::ffi::CStr;

use crate::glue::Hook;
use crate::request::Request;

/// The request header naming the hook to break.
const FAULT_HEADER: &CStr = c"X-HttpStatus-Test-Fault";

/// Panics when the request asks for a fault in `hook`.
pub(crate) fn inject(hook: Hook, r: Request<'_>) {
    if r.header_in(FAULT_HEADER) == Some(hook.name().as_bytes()) {
        panic!("fault injected into {} by the test build", hook.name());
    }
}
