//! Error documents: the module's page in place of httpd's canned one (the
//! `insert_error_filter` hook and the page filter), the `httpstatus` handler for
//! `ErrorDocument`, and how a document is negotiated, rendered and sent. The
//! handler hook also dispatches `httpstatus-metrics` (`metrics`).

use core::ffi::{CStr, c_char, c_int};
use core::ptr;
use core::sync::atomic::{AtomicU32, Ordering};

use httpstatus::lang::{Language, negotiate_language};
use httpstatus::render::{Link, Prepared, Shape, Shaped, Sink, negotiate, render};
use httpstatus::{Class, Context, Field, Format, StatusCode, Template};
use mod_httpstatus_logic::mark::{Answer, Reached};
use mod_httpstatus_logic::notes::Carried;
use mod_httpstatus_logic::prepared::{ScopeKey, prepared, scope_page};
use mod_httpstatus_logic::vary::vary;

use crate::buffer::BucketBuffer;
use crate::config::{DirConfig, Setting};
use crate::diagnostics::line_enabled;
use crate::glue::{Hook, LogTo, guard, register_output_filter};
use crate::maintenance::PageNotice;
use crate::request::{Put, Request};
use crate::response_headers::add_if_configured;
use crate::status_lines::{configured_phrase, status_line};
use crate::sys;

/// The page filter's name; registered once per configuration load.
pub(crate) const PAGE_FILTER: &CStr = c"HTTPSTATUS_PAGE";

/// The handler name for `SetHandler httpstatus`.
const HANDLER: &CStr = c"httpstatus";

/// First try at a document's size: what fits one 8 KiB allocator node, as APR's
/// own heap buckets do. Larger documents (templates only) are rendered twice.
const FIRST_BUFFER: usize = 8000;

/// Registers the page filter (from `register_hooks`).
pub(crate) fn register_page_filter() {
    register_output_filter(
        PAGE_FILTER,
        page_filter,
        sys::ap_filter_type_AP_FTYPE_CONTENT_SET,
    );
}

/// `insert_error_filter` hook: runs inside `ap_send_error_response` for every error
/// httpd produces itself (handlers, auth, redirects, early protocol errors...).
pub(crate) unsafe extern "C" fn insert_error_filter(raw: *mut sys::request_rec) {
    // SAFETY: httpd passes a live request, which no Rust reference covers.
    let Some(r) = (unsafe { Request::from_raw(raw) }) else {
        return;
    };
    guard(Hook::InsertErrorFilter, LogTo::Request(raw), (), || {
        #[cfg(feature = "fault-injection")]
        crate::faults::inject(Hook::InsertErrorFilter, r);
        let dir = r.dir_config();
        // `HttpStatus Off`: httpd's own answer, untouched.
        if !dir.enabled() {
            return;
        }
        add_if_configured(r, dir);
        // A 1xx as a final response breaks clients: answer 500 instead.
        if (100..200).contains(&r.status()) {
            r.set_status(sys::HTTP_INTERNAL_SERVER_ERROR as c_int);
        }
        let Some(code) = StatusCode::from_int(r.status()) else {
            return;
        };
        // A back end's own line (ProxyErrorOverride) tells its error from the
        // proxy's failures, which set none or "Proxy Error".
        let line_was_set = r
            .status_line()
            .is_some_and(|line| !line.ends_with(b"Proxy Error"));
        let server = r.server_config();
        r.set_status_line(status_line(server, code));
        r.set_mark(
            r.mark()
                .answered(Answer::Answered { sent: None })
                .with_line_set(line_was_set),
        );
        if !dir.pages() || r.administrator_text_configured() {
            return;
        }
        if matches!(code.as_u16(), 204 | 304) {
            return; // httpd sends no body for these at all
        }
        r.add_output_filter(server.filters.page, PAGE_FILTER);
        // httpd would now build its canned page only for our filter to drop it.
        // Told the request is a HEAD, it writes none and ends the response at
        // once; the page filter, the first to see that end, puts the truth back
        // (kept in the mark) before any filter below it looks.
        r.set_answer(Answer::Pending {
            head: r.header_only(),
        });
        r.set_header_only(true);
    });
}

/// Puts back whether r is a HEAD request, hidden from httpd while our document
/// was pending (see `insert_error_filter`).
fn restore_header_only(r: Request<'_>) {
    if let Answer::Pending { head } = r.mark().answer() {
        r.set_header_only(head);
    }
}

/// The error-page filter: swallows the canned page and, at EOS, sends ours.
unsafe extern "C" fn page_filter(
    f: *mut sys::ap_filter_t,
    bb: *mut sys::apr_bucket_brigade,
) -> sys::apr_status_t {
    // SAFETY: the live filter httpd passed us; its context is ours (NULL until
    // the document went out, see httpstatus_shim_replace_body).
    if unsafe { !(*f).ctx.is_null() } {
        // After the document: the response has ended, nothing is ours to drop.
        // SAFETY: the next filter and the brigade httpd passed us.
        return unsafe { sys::ap_pass_brigade((*f).next, bb.cast()) };
    }
    // SAFETY: the brigade httpd passed us.
    if unsafe { sys::httpstatus_shim_has_eos(bb) } == 0 {
        // Part of the canned page: drop it, ours follows with the EOS.
        // SAFETY: the brigade httpd passed us, emptied in place.
        unsafe { sys::apr_brigade_cleanup(bb.cast()) };
        return sys::APR_SUCCESS as sys::apr_status_t;
    }
    // SAFETY: a live filter whose request outlives the call and is covered by no
    // Rust reference.
    let raw = unsafe { (*f).r };
    // SAFETY: as just said.
    let Some(r) = (unsafe { Request::from_raw(raw) }) else {
        return sys::APR_EGENERAL as sys::apr_status_t;
    };
    let emit = |body: *mut c_char, len: usize| {
        // SAFETY: f and bb are the filter and brigade httpd passed us; the shim
        // takes over the body memory and states its length.
        unsafe { sys::httpstatus_shim_replace_body(f, bb, body, len) }
    };
    // Loads and stores only (no guard needed), and done first so that even the
    // fallback after a panic knows whether to send a body.
    restore_header_only(r);
    let sent = guard(Hook::PageFilter, LogTo::Request(raw), None, || {
        #[cfg(feature = "fault-injection")]
        crate::faults::inject(Hook::PageFilter, r);
        let code = StatusCode::from_int(r.status())?;
        Some(send_document(r, r, code, emit))
    });
    sent.unwrap_or_else(|| {
        let (body, len) = fallback_document(r);
        emit(body, len)
    })
}

/// The `httpstatus` handler, for `ErrorDocument <code> /path` with
/// `<Location /path> SetHandler httpstatus </Location>`: renders the original error.
/// It runs before every other handler (core's upgrade handler included), so it
/// also keeps any error document on the client's protocol.
pub(crate) unsafe extern "C" fn handler(raw: *mut sys::request_rec) -> c_int {
    // SAFETY: httpd passes a live request, which no Rust reference covers.
    let Some(r) = (unsafe { Request::from_raw(raw) }) else {
        return sys::DECLINED;
    };
    #[cfg(feature = "fault-injection")]
    crate::faults::rename_server(r);
    // The handler phase starts here (the line's cause depends on it).
    r.set_reached(Reached::Handler);
    // Before any handler writes: the Retry-After and Cache-Control rules' filter,
    // where the scope sets one.
    add_if_configured(r, r.dir_config());
    if r.is_original() && !r.handler_is(HANDLER) && !r.handler_is(crate::metrics::HANDLER) {
        // Nearly every request: decided by loads and comparisons, which cannot
        // panic, so without a panic guard.
        return sys::DECLINED;
    }
    handle(raw, r)
}

/// The rest of `handler`, for the module's own handlers and error documents:
/// a call of its own, so that every other request's path saves no registers.
#[inline(never)]
fn handle(raw: *mut sys::request_rec, r: Request<'_>) -> c_int {
    let first = r.is_original();
    let ours = r.handler_is(HANDLER);
    let metrics = !ours && r.handler_is(crate::metrics::HANDLER);
    let internal_error = sys::HTTP_INTERNAL_SERVER_ERROR as c_int;
    guard(Hook::Handler, LogTo::Request(raw), internal_error, || {
        #[cfg(feature = "fault-injection")]
        crate::faults::inject(Hook::Handler, r);
        if metrics {
            return crate::metrics::handle(r);
        }
        if !first && r.status() >= 400 {
            keep_error_document_on_this_protocol(r);
        }
        if !ours {
            return sys::DECLINED;
        }
        // Whatever this URL answers (a document about another request, or the 404
        // for a direct request) is no representation of it for a cache to keep.
        r.forbid_caching();
        // Only meaningful as an error document: the original request is r->prev.
        if first {
            return sys::HTTP_NOT_FOUND as c_int;
        }
        let original = r.original();
        // An error redirect carries the original status (also codes that fall into
        // httpd's 500 slot, which ErrorDocument cannot name). Any other internal
        // redirect (a RewriteRule, a CGI's local Location) is not an error to show.
        let Some(code) = StatusCode::from_int(r.status()).filter(|c| c.is_error()) else {
            return sys::HTTP_NOT_FOUND as c_int;
        };
        r.set_status_line(status_line(r.server_config(), code));
        let status = send_document(r, original, code, |body, len| {
            // SAFETY: r is live; the shim takes over the body memory.
            unsafe { sys::httpstatus_shim_send_body(r.raw(), body, len) }
        });
        if status == sys::APR_SUCCESS as sys::apr_status_t {
            sys::OK as c_int
        } else {
            sys::DONE
        }
    })
}

/// An error document is part of the answer to the original request: it must not
/// switch protocols. Core's upgrade handler runs before the other handlers and
/// would turn an `Upgrade: h2c` copied from the original request into a new
/// HTTP/2 request for the error document's own URL, losing the error.
fn keep_error_document_on_this_protocol(r: Request<'_>) {
    if r.header_in(c"Upgrade").is_some() {
        r.drop_upgrade_request();
    }
}

/// The configuration this process serves, counted up at each load: scope pages
/// name configuration values by address, and a new configuration may reuse an
/// old one's addresses.
static CONFIGURATION: AtomicU32 = AtomicU32::new(0);

/// Called from `post_config`: a new configuration is in force.
pub(crate) fn new_configuration() {
    CONFIGURATION.fetch_add(1, Ordering::Relaxed);
}

/// Negotiates, renders and sends the document for `code` on `r`, describing the
/// request `about` (the original request when r is an error document; r itself
/// otherwise). `emit` gets the body as bucket-allocator memory it must take over
/// (NULL for none) and its length.
pub(crate) fn send_document(
    r: Request<'_>,
    about: Request<'_>,
    code: StatusCode,
    emit: impl FnOnce(*mut c_char, usize) -> sys::apr_status_t,
) -> sys::apr_status_t {
    // The configuration where the error happened decides; for the handler that is
    // the original request, with the handler's own location as a fallback for
    // templates.
    let dir = about.dir_config();
    let own = (!about.is(r)).then(|| r.dir_config());
    // While its error document runs, httpd shows the original request as a GET
    // and keeps the real method in REQUEST_METHOD.
    let method = own
        .and_then(|_| about.env(c"REQUEST_METHOD"))
        .or(about.method());
    let offered = dir.formats();
    let format = negotiate(r.header_in(c"Accept"), offered);
    let languages = dir.languages();
    let default_language = dir.default_language();
    let negotiated =
        negotiate_language(r.header_in(c"Accept-Language"), languages, default_language);
    let chosen = dir.template(code, format, negotiated).or_else(|| {
        own.as_ref()
            .and_then(|o| o.template(code, format, negotiated))
    });
    // A template written in one language makes the whole document that
    // language: its registry texts, `lang` and `Content-Language`.
    let (template, language) = match chosen {
        Some((template, fixed)) => (Some(template), fixed.unwrap_or(negotiated)),
        None => (None, negotiated),
    };
    set_document_headers(
        r,
        format,
        language,
        vary(offered, languages, default_language),
    );
    if r.header_only() || !code.body_allowed() {
        return emit(ptr::null_mut(), 0);
    }
    // First what this request alone shows; the scope's values follow only when
    // no page prepared for the scope can be filled in.
    let mut ctx = Context::new()
        .with_details(dir.details())
        .with_language(language);
    ctx.set(Field::Method, method);
    ctx.set(Field::Path, about.uri());
    // An id only an operator can look up: mod_unique_id's, or the one this
    // request's diagnostic line will carry.
    let id = about.unique_id().or_else(|| {
        line_enabled(about, code)
            .then(|| about.logged_id())
            .flatten()
    });
    ctx.set(Field::RequestId, id.map(CStr::to_bytes));
    // The signature httpd's own pages end with, where ServerSignature asks.
    let signature = about.server_signature();
    if signature.is_some() {
        ctx.set(Field::Server, Some(r.signature_text().to_bytes()));
    }
    // Templates may show the date; the built-in documents do not.
    if template.is_some() {
        ctx.set(Field::Date, Some(r.date_text().to_bytes()));
    }
    let maintenance = PageNotice::of(about);
    if let Some(notice) = &maintenance {
        ctx = ctx.with_maintenance(notice.page());
    }
    // A configured phrase shows in the document as on the status line.
    let phrase = configured_phrase(r.server_config(), code);
    if let Some(phrase) = phrase {
        ctx = ctx.with_reason(phrase);
    }
    // What other modules told httpd to show with this error (for most codes,
    // nothing can be).
    let carried = Carried::possible(code).then(|| Carried::look_up(code, |key| about.note(key)));
    ctx.set(Field::Notes, carried.as_ref().and_then(Carried::text));
    let alternatives = carried
        .as_ref()
        .map_or_else(Vec::new, Carried::alternatives);
    if !alternatives.is_empty() {
        ctx = ctx.with_alternatives(&alternatives);
    }
    if code.class() == Class::Redirection {
        ctx.set(Field::Location, r.header_out(c"Location"));
    }
    let scope = Scope {
        r,
        about,
        dir,
        code,
        language,
        signature,
    };
    let alloc = r.bucket_alloc();
    // Nearly every error: the scope's page, prepared once, with this request's
    // values filled in.
    let key = template.is_none().then(|| scope.key(&ctx)).flatten();
    let page = key.and_then(|key| {
        scope_page(code, format, key, || {
            let links = dir.links();
            Prepared::for_scope(code, format, &scope.fill(ctx, &links))
        })
    });
    if let Some(page) = page {
        let (body, len) = write_body(alloc, |out| page.fill(&ctx, out));
        return emit(body, len);
    }
    let links = dir.links();
    let ctx = scope.fill(ctx, &links);
    let (body, len) = write_body(alloc, |out| {
        write_document(template, code, format, &ctx, out)
    });
    emit(body, len)
}

/// Renders with `write` into memory of `alloc`, a connection's bucket
/// allocator, and hands the memory over with its length.
fn write_body(
    alloc: *mut sys::apr_bucket_alloc_t,
    write: impl Fn(&mut BucketBuffer),
) -> (*mut c_char, usize) {
    // SAFETY: a live connection's bucket allocator.
    let mut body = unsafe { BucketBuffer::new(alloc, FIRST_BUFFER) };
    write(&mut body);
    let needed = body.needed();
    if needed > FIRST_BUFFER {
        // Rare: a large template. Render again into memory of the exact size.
        // SAFETY: the same live connection's bucket allocator.
        body = unsafe { BucketBuffer::new(alloc, needed) };
        write(&mut body);
    }
    // Only the written (initialized) bytes are ever handed on.
    body.into_raw()
}

/// Where a document is sent from: what fills the values a scope fixes (the
/// site's name, home page, contact, logo, accent, message and links).
struct Scope<'a> {
    r: Request<'a>,
    about: Request<'a>,
    dir: &'a DirConfig,
    code: StatusCode,
    language: Language,
    /// `ServerSignature` (see `Request::server_signature`).
    signature: Option<bool>,
}

impl<'a> Scope<'a> {
    /// `ctx` with the scope's values.
    fn fill(&self, mut ctx: Context<'a>, links: &'a [Link<'a>]) -> Context<'a> {
        let Scope {
            r,
            about,
            dir,
            code,
            language,
            signature,
        } = *self;
        ctx.set(Field::Home, dir.home());
        ctx.set(Field::Site, dir.site_name().or(about.server_name()));
        ctx.set(Field::Logo, dir.logo());
        if let Some(accent) = dir.accent() {
            ctx = ctx.with_accent(accent);
        }
        let contact = match dir.contact() {
            Setting::Set(contact) => Some(contact),
            Setting::Off => None,
            // As stock httpd: ServerAdmin on a 5xx page, or on every page with
            // `ServerSignature EMail`.
            Setting::Unset if signature == Some(true) || code.class() == Class::ServerError => {
                about.server_admin().map(|admin| admin_link(r, admin))
            }
            Setting::Unset => None,
        };
        ctx.set(Field::Contact, contact);
        if let Some(message) = dir.message(code, language) {
            ctx = ctx.with_message(message);
        }
        ctx.with_links(links)
    }

    /// What tells this scope's page apart from every other one's: the shape
    /// of the request's own values (`Shape`: none when they change more than
    /// values, as notes or a location do), the addresses of the configuration
    /// values `fill` reads (see `ScopeKey`), and whether the signature mails the
    /// administrator. None when some value has no lasting address (see
    /// `DirConfig::page_settings` and `Request::configured_server_names`).
    fn key(&self, ctx: &Context<'_>) -> Option<ScopeKey> {
        Some(ScopeKey {
            generation: CONFIGURATION.load(Ordering::Relaxed),
            shape: Shape::of(ctx)?,
            mailed_signature: self.signature == Some(true),
            settings: self.dir.page_settings()?,
            host: self.about.configured_server_names()?,
        })
    }
}

/// `ServerAdmin` as a link: an address becomes a `mailto:` link, a URL stays.
fn admin_link<'a>(r: Request<'a>, admin: &'a [u8]) -> &'a [u8] {
    if admin.contains(&b':') || !admin.contains(&b'@') {
        return admin;
    }
    let mut link = String::with_capacity(admin.len() + 7);
    link.push_str("mailto:");
    link.push_str(&String::from_utf8_lossy(admin));
    r.pool_c_str(&link).to_bytes()
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
        None => match Shaped::of(ctx).and_then(|s| Some((prepared(code, format, s)?, s))) {
            Some((document, shaped)) => document.render_shaped(shaped, out),
            None => render(code, format, ctx, out),
        },
    }
}

fn set_document_headers(
    r: Request<'_>,
    format: Format,
    language: Language,
    vary: Option<&'static CStr>,
) {
    r.set_content_type(format.content_type_text());
    // An error httpd makes itself starts from empty headers (it swapped in the
    // error headers, usually none): then each field is simply added, where
    // setting, merging and unsetting would each scan the table first.
    let fresh = r.headers_out_empty();
    if !fresh {
        // Headers of a body that is not sent (a proxied or CGI error's).
        for stale in [
            c"Content-Length",
            c"Content-Encoding",
            c"ETag",
            c"Last-Modified",
        ] {
            r.unset_header_out(stale);
        }
    }
    let (set, merge) = if fresh {
        (Put::Add, Put::Add)
    } else {
        (Put::Set, Put::Merge)
    };
    r.put_header_out(set, c"X-Content-Type-Options", c"nosniff".into());
    r.put_header_out(set, c"Content-Language", language.tag_text().into());
    if let Some(vary) = vary {
        r.put_header_out(merge, c"Vary", vary.into());
    }
    r.set_answer(r.mark().answer().document_sent(format));
    r.server_config().count_document(format);
}

/// What the client gets when rendering its document panicked (a bug the guard
/// has logged): the status line as plain text, so the response still ends
/// complete and says what happened. Nothing here can panic.
pub(crate) fn fallback_document(r: Request<'_>) -> (*mut c_char, usize) {
    r.set_content_type(Format::Text.content_type_text());
    r.unset_header_out(c"Content-Language");
    let code = StatusCode::from_int(r.status());
    let Some(code) = code.filter(|c| c.body_allowed() && !r.header_only()) else {
        return (ptr::null_mut(), 0);
    };
    let line = code.status_line().as_bytes();
    // SAFETY: a live connection's bucket allocator.
    let mut body = unsafe { BucketBuffer::new(r.bucket_alloc(), line.len() + 1) };
    body.put(line);
    body.put(b"\n");
    body.into_raw()
}
