//! Status lines and error documents on the request path.

use core::ffi::{CStr, c_char, c_int};
use core::ptr;
use std::sync::OnceLock;

use httpstatus::registry::CODE_COUNT;
use httpstatus::render::{Sink, negotiate, render};
use httpstatus::{Context, Field, Format, StatusCode, Template};

use crate::buffer::BucketBuffer;
use crate::config::{ServerConfig, dir_config, server_config};
use crate::module::{PAGE_FILTER, STATUS_FILTER, guard};
use crate::request::{c_bytes, own_mark, request_id, set_own_mark, table_get};
use crate::sys;

/// The handler name for `SetHandler httpstatus`.
const HANDLER: &[u8] = b"httpstatus";

/// First try at a document's size: what fits one 8 KiB allocator node, as APR's
/// own heap buckets do. Larger documents (templates only) are rendered twice.
const FIRST_BUFFER: usize = 8000;

/// For each code 100..599: does httpd write the same status line as the registry?
/// Then `r->status_line` can stay unset, which spares httpd parsing ours again.
static HTTPD_AGREES: OnceLock<[bool; CODE_COUNT]> = OnceLock::new();

/// Compares httpd's built-in status lines with the registry's, once per process.
pub(crate) fn learn_httpd_status_lines() {
    HTTPD_AGREES.get_or_init(|| {
        let mut agrees = [false; CODE_COUNT];
        for code in StatusCode::all() {
            // SAFETY: a lookup in httpd's static table; NULL for codes it lacks.
            let theirs = unsafe { c_bytes(sys::ap_get_status_line(c_int::from(code.as_u16()))) };
            agrees[code.index()] = theirs == Some(code.status_line().as_bytes());
        }
        agrees
    });
}

/// The status line to set for `code` under `server`'s configuration; NULL when
/// httpd's own line is the one to send.
fn status_line(server: &ServerConfig, code: StatusCode) -> *const c_char {
    if let Some(line) = server.reason_line(code) {
        return line;
    }
    if HTTPD_AGREES
        .get()
        .is_some_and(|agrees| agrees[code.index()])
    {
        return ptr::null();
    }
    code.status_line_text().as_ptr()
}

/// Keeps a safe phrase a CGI or back end chose; otherwise uses the registry's (or
/// the administrator's) phrase. Codes outside 100..599 are left to httpd.
fn fix_status_line(r: &mut sys::request_rec) {
    let Some(code) = StatusCode::from_int(r.status) else {
        return;
    };
    // SAFETY: NULL or a NUL-terminated string set by httpd or a module.
    let current = unsafe { c_bytes(r.status_line) };
    if !current.is_some_and(|line| code.is_safe_status_line(line)) {
        r.status_line = status_line(&server_config(r), code);
    }
}

/// `insert_filter` hook: every response passes our status-line filter, which
/// runs before the HTTP header filter (it is a content filter).
pub(crate) unsafe extern "C" fn insert_status_filter(r: *mut sys::request_rec) {
    guard((), || {
        // SAFETY: httpd passes a live request with its connection.
        unsafe { add_filter(r, server_config(&*r).status_filter, STATUS_FILTER) };
    });
}

/// The status-line filter: fixes the phrase once, then steps aside.
pub(crate) unsafe extern "C" fn status_filter(
    f: *mut sys::ap_filter_t,
    bb: *mut sys::apr_bucket_brigade,
) -> sys::apr_status_t {
    // SAFETY: httpd passes a live filter whose request outlives the call.
    guard((), || fix_status_line(unsafe { &mut *(*f).r }));
    // SAFETY: the filter and brigade httpd passed us.
    unsafe { sys::httpstatus_shim_pass_and_remove(f, bb) }
}

/// `insert_error_filter` hook: runs inside `ap_send_error_response` for every error
/// httpd produces itself (handlers, auth, redirects, early protocol errors...).
pub(crate) unsafe extern "C" fn insert_error_filter(r: *mut sys::request_rec) {
    guard((), || {
        // SAFETY: httpd passes a live request.
        let r = unsafe { &mut *r };
        // A 1xx as a final response breaks clients: answer 500 instead.
        if (100..200).contains(&r.status) {
            r.status = sys::HTTP_INTERNAL_SERVER_ERROR as c_int;
        }
        let Some(code) = StatusCode::from_int(r.status) else {
            return;
        };
        let server = server_config(r);
        r.status_line = status_line(&server, code);
        if !dir_config(r).pages() || administrator_text_configured(r) {
            return;
        }
        if matches!(code.as_u16(), 204 | 304) {
            return; // httpd sends no body for these at all
        }
        // SAFETY: a live request and connection; the filter was registered at load.
        unsafe { add_filter(r, server.page_filter, PAGE_FILTER) };
        // httpd would now build its canned page only for our filter to drop it. An
        // empty per-request text ErrorDocument makes it write nothing instead; our
        // mark records that the text is ours.
        // SAFETY: a live request; httpd copies the string into the request pool.
        unsafe { sys::ap_custom_response(r, r.status, c"".as_ptr()) };
        set_own_mark(r, c"");
    });
}

/// Adds one of our filters to r, by the handle post_config stored (by name if
/// post_config has not run, e.g. for errors while the configuration loads).
///
/// # Safety
/// `r` must be a live request; `handle` NULL or a registered filter.
unsafe fn add_filter(r: *mut sys::request_rec, handle: *mut sys::ap_filter_rec_t, name: &CStr) {
    // SAFETY: guaranteed by the caller.
    unsafe {
        if handle.is_null() {
            sys::ap_add_output_filter(name.as_ptr(), ptr::null_mut(), r, (*r).connection);
        } else {
            sys::ap_add_output_filter_handle(handle, ptr::null_mut(), r, (*r).connection);
        }
    }
}

/// Is an `ErrorDocument <code> "text"` configured for this status? It wins.
fn administrator_text_configured(r: &mut sys::request_rec) -> bool {
    // Marked for an earlier error on this request: the text is ours, and it was set
    // only because no administrator's text was configured.
    if own_mark(r).is_some() {
        return false;
    }
    // SAFETY: plain lookups in httpd's configuration for this request.
    unsafe {
        let slot = sys::ap_index_of_response(r.status);
        let custom = sys::ap_response_code_string(r, slot);
        // httpd marks text (as opposed to a path or URL) with a leading quote.
        !custom.is_null() && *custom == b'"' as c_char
    }
}

/// The error-page filter: swallows the canned page and, at EOS, sends ours.
pub(crate) unsafe extern "C" fn page_filter(
    f: *mut sys::ap_filter_t,
    bb: *mut sys::apr_bucket_brigade,
) -> sys::apr_status_t {
    // SAFETY: the brigade httpd passed us.
    if unsafe { sys::httpstatus_shim_has_eos(bb) } == 0 {
        // Part of the canned page: drop it, ours follows with the EOS.
        // SAFETY: as above.
        unsafe { sys::apr_brigade_cleanup(bb.cast()) };
        return sys::APR_SUCCESS as sys::apr_status_t;
    }
    let sent = guard(None, || {
        // SAFETY: a live filter; its request outlives the call.
        let r = unsafe { (*f).r };
        // SAFETY: only the status is read here.
        let code = StatusCode::from_int(unsafe { (*r).status })?;
        Some(send_document(r, r, code, |body, len| {
            // SAFETY: f and bb are the filter and brigade httpd passed us; the shim
            // takes over the body memory.
            unsafe { sys::httpstatus_shim_replace_body(f, bb, body, len) }
        }))
    });
    match sent {
        Some(status) => status,
        // Rendering failed (a bug): still end the response cleanly, without a body.
        // SAFETY: the filter and brigade httpd passed us.
        None => unsafe { sys::httpstatus_shim_replace_body(f, bb, ptr::null_mut(), 0) },
    }
}

/// The `httpstatus` handler, for `ErrorDocument <code> /path` with
/// `<Location /path> SetHandler httpstatus </Location>`: renders the original error.
pub(crate) unsafe extern "C" fn handler(r: *mut sys::request_rec) -> c_int {
    guard(sys::HTTP_INTERNAL_SERVER_ERROR as c_int, || {
        // SAFETY: httpd passes a live request.
        let r = unsafe { &mut *r };
        // SAFETY: NULL or a NUL-terminated handler name.
        if unsafe { c_bytes(r.handler) } != Some(HANDLER) {
            return sys::DECLINED;
        }
        // Only meaningful as an error document: the original request is r->prev.
        let mut original: *const sys::request_rec = r.prev;
        if original.is_null() {
            return sys::HTTP_NOT_FOUND as c_int;
        }
        // SAFETY: prev links live requests of the same connection request.
        while let Some(prev) = unsafe { (*original).prev.as_ref() } {
            original = prev;
        }
        // An internal redirect carries the original status (also codes that fall
        // into httpd's 500 slot, which ErrorDocument cannot name).
        if !(200..600).contains(&r.status) {
            r.status = sys::HTTP_INTERNAL_SERVER_ERROR as c_int;
        }
        let Some(code) = StatusCode::from_int(r.status) else {
            return sys::HTTP_INTERNAL_SERVER_ERROR as c_int;
        };
        r.status_line = status_line(&server_config(r), code);
        let r: *mut sys::request_rec = r;
        let status = send_document(r, original, code, |body, len| {
            // SAFETY: r is live; the shim takes over the body memory.
            unsafe { sys::httpstatus_shim_send_body(r, body, len) }
        });
        if status == sys::APR_SUCCESS as sys::apr_status_t {
            sys::OK as c_int
        } else {
            sys::DONE
        }
    })
}

/// Negotiates, renders and sends the document for `code` on `r`, describing the
/// request `about` (the original request when r is an error document; r itself
/// otherwise, hence raw pointers: no two references to one request coexist).
/// `emit` gets the body as bucket-allocator memory it must take over (NULL for
/// none) and its length.
fn send_document(
    r: *mut sys::request_rec,
    about: *const sys::request_rec,
    code: StatusCode,
    emit: impl FnOnce(*mut c_char, usize) -> sys::apr_status_t,
) -> sys::apr_status_t {
    // Everything about the described request is read first, through its pointer.
    // The configuration where the error happened decides; for the handler that is
    // the original request, with the handler's own location as a fallback for
    // templates.
    // SAFETY: both are live requests of this connection; the references made here
    // end before `r` is borrowed mutably below. Strings live in request pools.
    let (dir, own, id, method, path) = unsafe {
        let id = request_id(about.cast_mut());
        let dir = dir_config(&*about);
        let own = (!core::ptr::eq(about, r)).then(|| dir_config(&*r));
        // While its error document runs, httpd shows the original request as a GET
        // and keeps the real method in REQUEST_METHOD.
        let redirected = own.and_then(|_| table_get((*about).subprocess_env, c"REQUEST_METHOD"));
        let method = redirected.or(c_bytes((*about).method));
        (dir, own, id, method, c_bytes((*about).uri))
    };
    // SAFETY: no other reference to r exists from here on.
    let r = unsafe { &mut *r };
    let offered = dir.formats();
    let format = negotiate(table_get(r.headers_in, c"Accept"), offered);
    set_document_headers(r, format, offered.bits().count_ones() > 1);
    if r.header_only != 0 || !code.body_allowed() {
        return emit(ptr::null_mut(), 0);
    }
    let mut ctx = Context::new().with_details(dir.details());
    // An HttpStatusReason phrase shows in the document as on the status line.
    let server = server_config(r);
    if let Some(phrase) = server.reason_phrase(code) {
        ctx = ctx.with_reason(phrase);
    }
    ctx.set(Field::Method, method);
    ctx.set(Field::Path, path);
    ctx.set(Field::RequestId, id);
    if code.class() == httpstatus::Class::Redirection {
        ctx.set(Field::Location, table_get(r.headers_out, c"Location"));
    }
    let template = dir
        .template(code, format)
        .or_else(|| own.as_ref().and_then(|o| o.template(code, format)));
    // SAFETY: a live connection's bucket allocator.
    let alloc = unsafe { (*r.connection).bucket_alloc };
    // SAFETY: as above.
    let mut body = unsafe { BucketBuffer::new(alloc, FIRST_BUFFER) };
    write_document(template, code, format, &ctx, &mut body);
    let needed = body.needed();
    if needed > FIRST_BUFFER {
        // Rare: a large template. Render again into memory of the exact size.
        // SAFETY: as above.
        body = unsafe { BucketBuffer::new(alloc, needed) };
        write_document(template, code, format, &ctx, &mut body);
    }
    // Only the written (initialized) bytes are ever handed on.
    let (data, len) = body.into_raw();
    emit(data, len)
}

fn write_document(
    template: Option<&Template>,
    code: StatusCode,
    format: Format,
    ctx: &Context<'_>,
    out: &mut impl Sink,
) {
    match template {
        Some(template) => template.render(code, ctx, out),
        None => render(code, format, ctx, out),
    }
}

fn set_document_headers(r: &mut sys::request_rec, format: Format, negotiated: bool) {
    // SAFETY: static NUL-terminated strings set into the request's own tables.
    unsafe {
        sys::ap_set_content_type(r, format.content_type_text().as_ptr());
        for stale in [
            c"Content-Length",
            c"Content-Encoding",
            c"ETag",
            c"Last-Modified",
        ] {
            sys::apr_table_unset(r.headers_out, stale.as_ptr());
        }
        sys::apr_table_setn(
            r.headers_out,
            c"X-Content-Type-Options".as_ptr(),
            c"nosniff".as_ptr(),
        );
        if negotiated {
            sys::apr_table_mergen(r.headers_out, c"Vary".as_ptr(), c"Accept".as_ptr());
        }
    }
    set_own_mark(r, format.name_text().as_c_str());
}
