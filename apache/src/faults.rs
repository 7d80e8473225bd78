//! Test builds only (`--features fault-injection`): a request can make one of the
//! module's hooks panic, so the live tests can show what a bug costs (one log
//! line, a complete response), or act as a mass-hosting module does on the
//! server record. Never part of a release build.

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

/// The request header whose value the server record names for the request.
const SERVER_NAME_HEADER: &CStr = c"X-HttpStatus-Test-Server-Name";

/// Does what mass-hosting modules (mod_vhs and the like) do for a request that
/// names a site: puts its name, a string of the request, into the virtual
/// host's shared server record (put back when the request ends).
pub(crate) fn rename_server(r: Request<'_>) {
    if let Some(name) = r.header_in(SERVER_NAME_HEADER) {
        r.rename_server_for_request(name);
    }
}
