//! Status lines and error documents on the request path.

use core::ffi::{CStr, c_char, c_int};
use core::ptr;
use std::sync::OnceLock;

use httpstatus::lang::{Language, negotiate_language};
use httpstatus::registry::CODE_COUNT;
use httpstatus::render::{Sink, negotiate, render};
use httpstatus::{Context, Field, Format, StatusCode, Template};
use mod_httpstatus_logic::vary::vary;

use crate::buffer::BucketBuffer;
use crate::config::{ServerConfig, dir_config, server_config};
use crate::glue::{c_bytes, c_str_is, guard, table_get};
use crate::notes;
use crate::prepared;
use crate::request::{
    MARK_ANSWERED, MARK_PENDING, MARK_PENDING_HEAD, own_mark, request_id, set_own_mark,
};
use crate::sys;

/// Names of the output filters; registered once per configuration load.
const PAGE_FILTER: &CStr = c"HTTPSTATUS_PAGE";
const DISCARD_FILTER: &CStr = c"HTTPSTATUS_DISCARD";

/// Registers the output filters (from `register_hooks`).
pub(crate) fn register_filters() {
    // SAFETY: plain registrations during register_hooks, with static names and
    // functions.
    unsafe {
        sys::ap_register_output_filter(
            PAGE_FILTER.as_ptr(),
            Some(page_filter),
            None,
            sys::ap_filter_type_AP_FTYPE_CONTENT_SET,
        );
        // After every content filter, before the protocol filters: it drops the
        // handler's body, never the document sent below it.
        sys::ap_register_output_filter(
            DISCARD_FILTER.as_ptr(),
            Some(discard_filter),
            None,
            sys::ap_filter_type_AP_FTYPE_CONTENT_SET + 5,
        );
    }
}

/// This configuration's handle of the page filter (for `post_config` to store, so
/// requests add it without a lookup by name).
pub(crate) fn page_filter_handle() -> *mut sys::ap_filter_rec_t {
    // SAFETY: a lookup by static name in httpd's filter registry.
    unsafe { sys::ap_get_output_filter_handle(PAGE_FILTER.as_ptr()) }
}

/// The handler name for `SetHandler httpstatus`.
const HANDLER: &CStr = c"httpstatus";

/// First try at a document's size: what fits one 8 KiB allocator node, as APR's
/// own heap buckets do. Larger documents (templates only) are rendered twice.
const FIRST_BUFFER: usize = 8000;

/// httpd's own status line for a code it knows, and whether it is the registry's.
#[derive(Clone, Copy)]
struct HttpdLine {
    line: Option<&'static CStr>,
    same_as_registry: bool,
}

/// For each code 100..599, httpd's own status line (its table lives in the httpd
/// binary: static, immutable, for the process's life), compared once with the
/// registry's so no request compares strings.
static HTTPD_LINES: OnceLock<[HttpdLine; CODE_COUNT]> = OnceLock::new();

/// Reads httpd's built-in status lines, once per process.
pub(crate) fn learn_httpd_status_lines() {
    HTTPD_LINES.get_or_init(|| {
        let mut lines = [HttpdLine {
            line: None,
            same_as_registry: false,
        }; CODE_COUNT];
        for code in StatusCode::all() {
            // SAFETY: a lookup in httpd's static table (NUL-terminated strings that
            // live as long as the process).
            let line = unsafe { sys::ap_get_status_line(c_int::from(code.as_u16())) };
            // SAFETY: as above.
            let line = (!line.is_null()).then(|| unsafe { CStr::from_ptr(line) });
            // httpd answers unknown codes with its 500 line.
            let line = line.filter(|l| {
                l.to_bytes()
                    .starts_with(code.code_text().as_str().as_bytes())
            });
            lines[code.index()] = HttpdLine {
                line,
                same_as_registry: line
                    .is_some_and(|l| l.to_bytes() == code.status_line().as_bytes()),
            };
        }
        lines
    });
}

fn httpd_line_of(code: StatusCode) -> Option<HttpdLine> {
    HTTPD_LINES.get()?.get(code.index()).copied()
}

/// httpd's own status line for `code`, if httpd knows the code.
fn httpd_line(code: StatusCode) -> Option<&'static CStr> {
    httpd_line_of(code).and_then(|l| l.line)
}

/// The status line to set for `code` under `server`'s configuration; NULL when
/// httpd's own line is the one to send (which also spares httpd parsing ours).
fn status_line(server: &ServerConfig, code: StatusCode) -> *const c_char {
    if let Some(line) = server.reason_line(code) {
        return line;
    }
    if let Some(theirs) = httpd_line_of(code) {
        if theirs.same_as_registry || (theirs.line.is_some() && server.httpd_phrases()) {
            return ptr::null();
        }
    }
    code.status_line_text().as_ptr()
}

/// The phrase documents show when it is not the registry's: the administrator's,
/// or httpd's own under `HttpStatusPhrases httpd`.
fn configured_phrase(server: &ServerConfig, code: StatusCode) -> Option<&str> {
    server.reason_phrase(code).or_else(|| {
        let theirs = httpd_line(code).filter(|_| server.httpd_phrases())?;
        core::str::from_utf8(theirs.to_bytes().get(4..)?).ok()
    })
}

/// Keeps a safe phrase a CGI or back end chose; otherwise uses the registry's (or
/// the administrator's) phrase. Codes outside 100..599 are left to httpd. Returns
/// true when an interim (1xx) status was about to end the response and became 500.
fn fix_status_line(r: &mut sys::request_rec) -> bool {
    let interim = (100..200).contains(&r.status) && !switches_protocols(r);
    if interim {
        // As on the error path: a 1xx cannot be a final response, clients would
        // read the body as the next response.
        r.status = sys::HTTP_INTERNAL_SERVER_ERROR as c_int;
        r.status_line = ptr::null();
    }
    let Some(code) = StatusCode::from_int(r.status) else {
        return interim;
    };
    // SAFETY: NULL or a NUL-terminated string set by httpd or a module.
    let current = unsafe { c_bytes(r.status_line) };
    if !current.is_some_and(|line| code.is_safe_status_line(line)) {
        r.status_line = status_line(&server_config(r), code);
    }
    interim
}

/// The question every response asks: will httpd write the registry's status line
/// by itself (no line set, no phrase configured, httpd's phrase the registry's)?
/// Kept to a few loads, as the answer is nearly always yes, and free of anything
/// that can panic (no indexing, no allocation), so it needs no panic guard.
fn httpd_line_is_ours(r: &sys::request_rec) -> bool {
    if !r.status_line.is_null() || r.status < 200 {
        return false;
    }
    let Some(code) = StatusCode::from_int(r.status) else {
        return false;
    };
    httpd_line_of(code).is_some_and(|l| l.same_as_registry)
        && server_config(r).reason_line(code).is_none()
}

/// A real 101: a module switching the connection to another protocol (WebSocket
/// through mod_proxy) sends the Upgrade header with it.
fn switches_protocols(r: &sys::request_rec) -> bool {
    r.status == sys::HTTP_SWITCHING_PROTOCOLS as c_int
        && table_get(r.headers_out, c"Upgrade").is_some()
}

/// An error document is part of the answer to the original request: it must not
/// switch protocols. Core's upgrade handler runs before the other handlers and
/// would turn an `Upgrade: h2c` copied from the original request into a new
/// HTTP/2 request for the error document's own URL, losing the error.
fn keep_error_document_on_this_protocol(r: &mut sys::request_rec) {
    if table_get(r.headers_in, c"Upgrade").is_none() {
        return;
    }
    // SAFETY: the redirect shares its headers with the original request, which
    // must keep them (for logging): this request gets its own copy, from its pool.
    unsafe {
        r.headers_in = sys::apr_table_copy(r.pool, r.headers_in);
        sys::apr_table_unset(r.headers_in, c"Upgrade".as_ptr());
    }
}

/// httpd's own HTTP/1 header filter, which [`status_line_filter`] wraps: the
/// function lives in the httpd binary, so it is the same for the process's life.
static HTTPD_HEADER_FILTER: OnceLock<HeaderFilter> = OnceLock::new();

type HeaderFilter =
    unsafe extern "C" fn(*mut sys::ap_filter_t, *mut sys::apr_bucket_brigade) -> sys::apr_status_t;

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
        if ptr::fn_addr_eq(current, status_line_filter as HeaderFilter) {
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
    // SAFETY: httpd passes a live filter whose request outlives the call.
    let r = unsafe { (*f).r };
    // SAFETY: as above; a shared reference for the call only.
    if httpd_line_is_ours(unsafe { &*r }) {
        // SAFETY: the filter and brigade httpd passed us, for the function we wrap.
        return unsafe { httpd_filter(f, bb) };
    }
    // SAFETY: as above; the reference ends with the closure.
    let interim = guard(false, || fix_status_line(unsafe { &mut *r }));
    // SAFETY: as above.
    if !interim || !dir_config(unsafe { &*r }).pages() {
        // SAFETY: the filter and brigade httpd passed us, for the function we wrap.
        return unsafe { httpd_filter(f, bb) };
    }
    // The interim response's body goes; the 500's document replaces it. What the
    // handler still sends is dropped above the protocol filters.
    // SAFETY: a live request and connection; the filter was registered at load.
    unsafe {
        sys::apr_brigade_cleanup(bb.cast());
        add_filter(r, ptr::null_mut(), DISCARD_FILTER);
    }
    let sent = guard(None, || {
        let code = StatusCode::from_int(sys::HTTP_INTERNAL_SERVER_ERROR as c_int)?;
        Some(send_document(r, r, code, |body, len| {
            // SAFETY: f and bb are the filter and brigade httpd passed us; the shim
            // takes over the body memory and states its length.
            unsafe {
                sys::httpstatus_shim_set_body(r, bb, body, len);
                httpd_filter(f, bb)
            }
        }))
    });
    // SAFETY: as above; on failure (a bug) the response still ends, without a body.
    sent.unwrap_or_else(|| unsafe {
        sys::httpstatus_shim_set_body(r, bb, ptr::null_mut(), 0);
        httpd_filter(f, bb)
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
        set_own_mark(r, MARK_ANSWERED);
        if !dir_config(r).pages() || administrator_text_configured(r) {
            return;
        }
        if matches!(code.as_u16(), 204 | 304) {
            return; // httpd sends no body for these at all
        }
        // SAFETY: a live request and connection; the filter was registered at load.
        unsafe { add_filter(r, server.page_filter, PAGE_FILTER) };
        // httpd would now build its canned page only for our filter to drop it.
        // Told the request is a HEAD, it writes none and ends the response at
        // once; the page filter, the first to see that end, puts the truth back
        // (kept in our mark) before any filter below it looks.
        let head = r.header_only != 0;
        r.header_only = 1;
        set_own_mark(
            r,
            if head {
                MARK_PENDING_HEAD
            } else {
                MARK_PENDING
            },
        );
    });
}

/// Puts back whether r is a HEAD request, hidden from httpd while our document
/// was pending (see `insert_error_filter`).
fn restore_header_only(r: &mut sys::request_rec) {
    match own_mark(r) {
        Some(mark) if mark == MARK_PENDING.to_bytes() => r.header_only = 0,
        Some(mark) if mark == MARK_PENDING_HEAD.to_bytes() => r.header_only = 1,
        _ => {}
    }
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
        // SAFETY: as above; the reference ends with the call.
        restore_header_only(unsafe { &mut *r });
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
/// It runs before every other handler (core's upgrade handler included), so it
/// also keeps any error document on the client's protocol.
pub(crate) unsafe extern "C" fn handler(r: *mut sys::request_rec) -> c_int {
    // SAFETY: httpd passes a live request; a shared reference for the check only.
    let (first, handler) = unsafe { ((*r).prev.is_null(), (*r).handler) };
    // SAFETY: NULL or a NUL-terminated handler name.
    let ours = unsafe { c_str_is(handler, HANDLER) };
    if first && !ours {
        // Nearly every request: decided by loads and comparisons, which cannot
        // panic, so without a panic guard.
        return sys::DECLINED;
    }
    guard(sys::HTTP_INTERNAL_SERVER_ERROR as c_int, || {
        // SAFETY: httpd passes a live request.
        let r = unsafe { &mut *r };
        if !first && r.status >= 400 {
            keep_error_document_on_this_protocol(r);
        }
        if !ours {
            return sys::DECLINED;
        }
        // Whatever this URL answers (a document about another request, or the 404
        // for a direct request) is no representation of it for a cache to keep.
        r.no_cache = 1;
        // Only meaningful as an error document: the original request is r->prev.
        let mut original: *const sys::request_rec = r.prev;
        if original.is_null() {
            return sys::HTTP_NOT_FOUND as c_int;
        }
        // SAFETY: prev links live requests of the same connection request.
        while let Some(prev) = unsafe { (*original).prev.as_ref() } {
            original = prev;
        }
        // An error redirect carries the original status (also codes that fall into
        // httpd's 500 slot, which ErrorDocument cannot name). Any other internal
        // redirect (a RewriteRule, a CGI's local Location) is not an error to show.
        let Some(code) = StatusCode::from_int(r.status).filter(|c| c.is_error()) else {
            return sys::HTTP_NOT_FOUND as c_int;
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
    let (dir, own, id, method, path, about_notes) = unsafe {
        let id = request_id(about.cast_mut());
        let dir = dir_config(&*about);
        let own = (!core::ptr::eq(about, r)).then(|| dir_config(&*r));
        // While its error document runs, httpd shows the original request as a GET
        // and keeps the real method in REQUEST_METHOD.
        let redirected = own.and_then(|_| table_get((*about).subprocess_env, c"REQUEST_METHOD"));
        let method = redirected.or(c_bytes((*about).method));
        (dir, own, id, method, c_bytes((*about).uri), (*about).notes)
    };
    // SAFETY: no other reference to r exists from here on.
    let r = unsafe { &mut *r };
    let offered = dir.formats();
    let format = negotiate(table_get(r.headers_in, c"Accept"), offered);
    let languages = dir.languages();
    let default_language = dir.default_language();
    let language = negotiate_language(
        table_get(r.headers_in, c"Accept-Language"),
        languages,
        default_language,
    );
    let vary = vary(offered, languages, default_language);
    set_document_headers(r, format, language, vary);
    if r.header_only != 0 || !code.body_allowed() {
        return emit(ptr::null_mut(), 0);
    }
    let mut ctx = Context::new()
        .with_details(dir.details())
        .with_language(language);
    // A configured phrase shows in the document as on the status line.
    let server = server_config(r);
    if let Some(phrase) = configured_phrase(&server, code) {
        ctx = ctx.with_reason(phrase);
    }
    ctx.set(Field::Method, method);
    ctx.set(Field::Path, path);
    ctx.set(Field::RequestId, id);
    // What other modules told httpd to show with this error (see notes.rs).
    let carried = notes::Carried::from_notes(about_notes, code);
    ctx.set(Field::Notes, carried.text());
    let alternatives = carried.alternatives();
    ctx = ctx.with_alternatives(&alternatives);
    if code.class() == httpstatus::Class::Redirection {
        ctx.set(Field::Location, table_get(r.headers_out, c"Location"));
    }
    let template = dir.template(code, format, language).or_else(|| {
        own.as_ref()
            .and_then(|o| o.template(code, format, language))
    });
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
        None => match prepared::prepared(code, format, ctx) {
            Some(document) => document.render(ctx, out),
            None => render(code, format, ctx, out),
        },
    }
}

/// apr_table_addn, _setn and _mergen: one signature.
type TablePut = unsafe extern "C" fn(*mut sys::apr_table_t, *const c_char, *const c_char);

fn set_document_headers(
    r: &mut sys::request_rec,
    format: Format,
    language: Language,
    vary: Option<&'static CStr>,
) {
    // SAFETY: static NUL-terminated strings set into the request's own tables.
    unsafe {
        sys::ap_set_content_type(r, format.content_type_text().as_ptr());
        let headers = r.headers_out;
        // An error httpd makes itself starts from empty headers (it swapped in the
        // error headers, usually none): then each field is simply added, where
        // setting, merging and unsetting would each scan the table first.
        let fresh = sys::apr_is_empty_table(headers) != 0;
        if !fresh {
            // Headers of a body that is not sent (a proxied or CGI error's).
            for stale in [
                c"Content-Length",
                c"Content-Encoding",
                c"ETag",
                c"Last-Modified",
            ] {
                sys::apr_table_unset(headers, stale.as_ptr());
            }
        }
        let (set, merge) = if fresh {
            (
                sys::apr_table_addn as TablePut,
                sys::apr_table_addn as TablePut,
            )
        } else {
            (
                sys::apr_table_setn as TablePut,
                sys::apr_table_mergen as TablePut,
            )
        };
        set(
            headers,
            c"X-Content-Type-Options".as_ptr(),
            c"nosniff".as_ptr(),
        );
        set(
            headers,
            c"Content-Language".as_ptr(),
            language.tag_text().as_ptr(),
        );
        if let Some(vary) = vary {
            merge(headers, c"Vary".as_ptr(), vary.as_ptr());
        }
    }
    set_own_mark(r, format.name_text().as_c_str());
}
