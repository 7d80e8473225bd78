//! Error documents for C: negotiation, built-in rendering, templates, contexts.

use core::ffi::{c_char, c_int};
use core::ptr;

use httpstatus_rs::lang::Language;
use httpstatus_rs::render::{BufferSink, Sink, TemplateErrorKind, negotiate, render};
use httpstatus_rs::{Context, Field, Format, FormatSet, StatusCode, Template};

use crate::boundary::{
    boundary, buffer_arg, bytes_arg, c_str_arg, code_arg, fallible, field_arg, format_arg,
    free_boxed, required, required_mut, required_out, set_out,
};
use crate::lang::language_arg;
use crate::result::UNKNOWN;
use crate::result::httpstatus_result::{self, *};

/// A complete HTML5 page (`text/html; charset=utf-8`).
pub const HTTPSTATUS_FORMAT_HTML: c_int = 1;
/// RFC 9457 problem details (`application/problem+json; charset=utf-8`).
pub const HTTPSTATUS_FORMAT_JSON: c_int = 2;
/// Plain text (`text/plain; charset=utf-8`).
pub const HTTPSTATUS_FORMAT_TEXT: c_int = 3;
/// Every format, as an `offered` mask; one format's bit is `1u << (format - 1)`.
pub const HTTPSTATUS_FORMATS_ALL: u32 = 0b111;

/// Context field: the request method.
pub const HTTPSTATUS_FIELD_METHOD: c_int = 1;
/// Context field: the request path (and query, if you include it).
pub const HTTPSTATUS_FIELD_PATH: c_int = 2;
/// Context field: a request identifier to quote in reports.
pub const HTTPSTATUS_FIELD_REQUEST_ID: c_int = 3;
/// Context field: the server name for the page footer.
pub const HTTPSTATUS_FIELD_SERVER: c_int = 4;
/// Context field: the response date, preformatted.
pub const HTTPSTATUS_FIELD_DATE: c_int = 5;
/// Context field: the redirect target of a 3xx.
pub const HTTPSTATUS_FIELD_LOCATION: c_int = 6;
/// Context field: what other server components said about the error, as plain text.
pub const HTTPSTATUS_FIELD_NOTES: c_int = 7;
/// Context field: the site's home page, the target of the page's home link
/// (linked only when it is an http(s) URL or a local path).
pub const HTTPSTATUS_FIELD_HOME: c_int = 8;
/// Context field: the site's name, shown above the heading and in the title.
pub const HTTPSTATUS_FIELD_SITE: c_int = 9;
/// Context field: where a visitor gets help, a `mailto:` address or a URL
/// (linked only when safe).
pub const HTTPSTATUS_FIELD_CONTACT: c_int = 10;
/// Context field: the site's logo, an image URL shown above the heading (used
/// only when it is an http(s) URL or a local path).
pub const HTTPSTATUS_FIELD_LOGO: c_int = 11;

// The C constants are literals (cbindgen cannot evaluate expressions). These
// matches are exhaustive, so a new format or field does not compile without its
// constant, and the checks below keep each constant equal to the Rust value.
const fn format_constant(format: Format) -> c_int {
    match format {
        Format::Html => HTTPSTATUS_FORMAT_HTML,
        Format::Json => HTTPSTATUS_FORMAT_JSON,
        Format::Text => HTTPSTATUS_FORMAT_TEXT,
    }
}

const fn field_constant(field: Field) -> c_int {
    match field {
        Field::Method => HTTPSTATUS_FIELD_METHOD,
        Field::Path => HTTPSTATUS_FIELD_PATH,
        Field::RequestId => HTTPSTATUS_FIELD_REQUEST_ID,
        Field::Server => HTTPSTATUS_FIELD_SERVER,
        Field::Date => HTTPSTATUS_FIELD_DATE,
        Field::Location => HTTPSTATUS_FIELD_LOCATION,
        Field::Notes => HTTPSTATUS_FIELD_NOTES,
        Field::Home => HTTPSTATUS_FIELD_HOME,
        Field::Site => HTTPSTATUS_FIELD_SITE,
        Field::Contact => HTTPSTATUS_FIELD_CONTACT,
        Field::Logo => HTTPSTATUS_FIELD_LOGO,
    }
}

const _: () = {
    let mut i = 0;
    while i < Format::ALL.len() {
        assert!(format_constant(Format::ALL[i]) == Format::ALL[i] as c_int);
        i += 1;
    }
    let mut i = 0;
    while i < Field::ALL.len() {
        assert!(field_constant(Field::ALL[i]) == Field::ALL[i] as c_int);
        i += 1;
    }
    assert!(HTTPSTATUS_FORMATS_ALL == FormatSet::ALL.bits());
};

/// Request data for a document. Create with `httpstatus_context_new`, fill with
/// `httpstatus_context_set`, free with `httpstatus_context_free`. New fields can be
/// added in later versions without changing this ABI. Not thread-safe while being
/// modified; a context that is only read may be shared between threads.
pub struct httpstatus_context {
    values: [Option<Box<[u8]>>; Field::ALL.len()],
    reason: Option<Box<str>>,
    details: bool,
    language: Language,
}

impl httpstatus_context {
    fn as_context(&self) -> Context<'_> {
        let mut ctx = Context::new()
            .with_details(self.details)
            .with_language(self.language);
        if let Some(reason) = self.reason.as_deref() {
            ctx = ctx.with_reason(reason);
        }
        for field in Field::ALL {
            ctx.set(field, self.values[field as usize - 1].as_deref());
        }
        ctx
    }
}

/// A compiled template. Compile with `httpstatus_template_compile`, free with
/// `httpstatus_template_free`. Immutable once compiled: may be used from any number
/// of threads at once.
pub struct httpstatus_template {
    inner: Template,
}

/// Describes a result code in a short English sentence; never NULL ("unknown result
/// code" for values that are not results). Takes an `int`, so any number is safe.
/// Static; thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_result_describe(result: c_int) -> *const c_char {
    boundary(UNKNOWN.as_ptr(), || {
        httpstatus_result::from_int(result)
            .map_or(UNKNOWN, httpstatus_result::description)
            .as_ptr()
    })
}

/// The Content-Type for a format, with charset; NULL for an unknown format.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_content_type(format: c_int) -> *const c_char {
    boundary(ptr::null(), || {
        format_arg(format).map_or(ptr::null(), |f| f.content_type_text().as_ptr())
    })
}

/// How much of an Accept header `httpstatus_negotiate` reads.
const MAX_ACCEPT: usize = 1 << 20;

/// Picks a format from an Accept header value. `accept` NULL means no header.
/// `offered` is a mask of `1 << (format - 1)` bits (`HTTPSTATUS_FORMATS_ALL` or 0 for
/// all). Ties go to HTML, then JSON, then text; with no header or no acceptable
/// format the answer is HTML if offered, else the first offered. Reads at most 1 MiB
/// of `accept`. Always returns a valid `HTTPSTATUS_FORMAT_*`. Thread-safe.
///
/// # Safety
/// `accept` must be NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_negotiate(accept: *const c_char, offered: u32) -> c_int {
    boundary(HTTPSTATUS_FORMAT_HTML, || {
        // SAFETY: NULL or NUL-terminated, as documented; at most 1 MiB + 1 bytes are read.
        let accept_bytes = match unsafe { c_str_arg(accept, MAX_ACCEPT) } {
            // Longer than 1 MiB: judged by its first MiB.
            // SAFETY: c_str_arg has just read those first 1 MiB, so they are readable.
            None if !accept.is_null() => unsafe { bytes_arg(accept, MAX_ACCEPT) },
            bytes => bytes,
        };
        format_constant(negotiate(accept_bytes, FormatSet::from_bits(offered)))
    })
}

/// A new, empty context (no fields, details off). Free it with
/// `httpstatus_context_free`. NULL only if it could not be made.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_context_new() -> *mut httpstatus_context {
    boundary(ptr::null_mut(), || {
        Box::into_raw(Box::new(httpstatus_context {
            values: Default::default(),
            reason: None,
            details: false,
            language: Language::ENGLISH,
        }))
    })
}

/// Frees a context; NULL is a no-op.
///
/// # Safety
/// `ctx` must be NULL or a pointer from `httpstatus_context_new` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_context_free(ctx: *mut httpstatus_context) {
    // SAFETY: NULL or from Box::into_raw in httpstatus_context_new, freed once.
    boundary((), || unsafe { free_boxed(ctx) })
}

/// Sets field `field` (`HTTPSTATUS_FIELD_*`) to the `len` bytes at `value`, which
/// need not be NUL-terminated nor UTF-8 (they are copied, and escaped when rendered).
/// `value` NULL clears the field. Errors: `HTTPSTATUS_ERROR_NULL_ARGUMENT` (ctx NULL),
/// `HTTPSTATUS_ERROR_INVALID_FIELD`; the context is unchanged on error.
///
/// # Safety
/// `ctx` must be NULL or a live context; `value` NULL or `len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_context_set(
    ctx: *mut httpstatus_context,
    field: c_int,
    value: *const c_char,
    len: usize,
) -> httpstatus_result {
    fallible(|| {
        // SAFETY: NULL or a live context owned by the caller, not shared during the call.
        let ctx = unsafe { required_mut(ctx) }?;
        let field = field_arg(field)?;
        // SAFETY: NULL or `len` readable bytes, as documented.
        let bytes = unsafe { bytes_arg(value, len) };
        ctx.values[field as usize - 1] = bytes.map(Box::from);
        Ok(())
    })
}

/// Makes documents show `len` bytes at `phrase` as the reason phrase instead of the
/// registry's (for a server that sends its own phrase on the status line); the bytes
/// are copied and escaped when rendered. `phrase` NULL restores the registry's.
/// Errors: `HTTPSTATUS_ERROR_NULL_ARGUMENT` (ctx NULL), `HTTPSTATUS_ERROR_INVALID_UTF8`;
/// the context is unchanged on error.
///
/// # Safety
/// `ctx` must be NULL or a live context; `phrase` NULL or `len` readable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_context_set_reason(
    ctx: *mut httpstatus_context,
    phrase: *const c_char,
    len: usize,
) -> httpstatus_result {
    fallible(|| {
        // SAFETY: NULL or a live context owned by the caller, not shared during the call.
        let ctx = unsafe { required_mut(ctx) }?;
        // SAFETY: NULL or `len` readable bytes, as documented.
        ctx.reason = match unsafe { bytes_arg(phrase, len) } {
            None => None,
            Some(bytes) => match core::str::from_utf8(bytes) {
                Ok(s) => Some(s.into()),
                Err(_) => return Err(HTTPSTATUS_ERROR_INVALID_UTF8),
            },
        };
        Ok(())
    })
}

/// Shows (true) or hides (false, the default) the long description and the link to
/// the defining specification. `HTTPSTATUS_ERROR_NULL_ARGUMENT` if ctx is NULL.
///
/// # Safety
/// `ctx` must be NULL or a live context.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_context_set_details(
    ctx: *mut httpstatus_context,
    details: bool,
) -> httpstatus_result {
    fallible(|| {
        // SAFETY: NULL or a live context owned by the caller, not shared during the call.
        unsafe { required_mut(ctx) }?.details = details;
        Ok(())
    })
}

/// Writes documents in the language `tag` names (`"de"`, `"pt-BR"`, `"zh-Hant"`;
/// ASCII case does not matter); `tag` NULL restores English, the default. Errors:
/// `HTTPSTATUS_ERROR_NULL_ARGUMENT` (ctx NULL), `HTTPSTATUS_ERROR_INVALID_LANGUAGE`;
/// the context is unchanged on error.
///
/// # Safety
/// `ctx` must be NULL or a live context; `tag` NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_context_set_language(
    ctx: *mut httpstatus_context,
    tag: *const c_char,
) -> httpstatus_result {
    fallible(|| {
        // SAFETY: NULL or a live context owned by the caller, not shared during the call.
        let ctx = unsafe { required_mut(ctx) }?;
        ctx.language = if tag.is_null() {
            Language::ENGLISH
        } else {
            // SAFETY: a NUL-terminated string, as documented.
            unsafe { language_arg(tag) }.ok_or(HTTPSTATUS_ERROR_INVALID_LANGUAGE)?
        };
        Ok(())
    })
}

/// Length of `bytes` without a trailing, incomplete UTF-8 sequence, so a truncated
/// prefix never ends in half a character.
fn complete_utf8_prefix(bytes: &[u8]) -> usize {
    let len = bytes.len();
    // The last lead byte (not a continuation byte) within the final four bytes.
    let Some(lead_at) = (len.saturating_sub(4)..len)
        .rev()
        .find(|&i| bytes[i] & 0xC0 != 0x80)
    else {
        return len;
    };
    let width = match bytes[lead_at] {
        b if b < 0x80 => 1,
        b if b >= 0xF0 => 4,
        b if b >= 0xE0 => 3,
        b if b >= 0xC0 => 2,
        _ => 1,
    };
    if lead_at + width > len { lead_at } else { len }
}

/// The path both render functions share: the document for `code` with the request
/// data of `ctx` (NULL for none), written into `buf` with snprintf semantics.
///
/// # Safety
/// `ctx` NULL or live; `buf` NULL or `buf_len` writable bytes; `needed` NULL or writable.
unsafe fn render_document(
    code: StatusCode,
    ctx: *const httpstatus_context,
    buf: *mut c_char,
    buf_len: usize,
    needed: *mut usize,
    document: impl FnOnce(StatusCode, &Context<'_>, &mut BufferSink<'_>),
) -> Result<(), httpstatus_result> {
    // SAFETY: NULL or a live context, as documented.
    let context = unsafe { ctx.as_ref() }
        .map(httpstatus_context::as_context)
        .unwrap_or_default();
    // SAFETY: buffer and out-parameter validity are the caller's documented duty.
    unsafe { write_out(buf, buf_len, needed, |sink| document(code, &context, sink)) }
}

/// Writes output into `buf` with snprintf semantics: at most `buf_len - 1` bytes,
/// cut at a character boundary, then a NUL; the full length goes to `*needed`.
///
/// # Safety
/// `buf` must be NULL or `buf_len` writable bytes; `needed` NULL or writable.
unsafe fn write_out(
    buf: *mut c_char,
    buf_len: usize,
    needed: *mut usize,
    write: impl FnOnce(&mut BufferSink<'_>),
) -> Result<(), httpstatus_result> {
    // SAFETY: NULL or `buf_len` writable bytes, as the caller guarantees.
    let out = unsafe { buffer_arg(buf, buf_len) }?;
    // Keep one byte for the NUL.
    let room = out.len().saturating_sub(1);
    let mut sink = BufferSink::new(&mut out[..room]);
    write(&mut sink);
    let total = sink.needed();
    let fits = sink.fits();
    let mut end = sink.written().len();
    if !fits {
        end = complete_utf8_prefix(&out[..end]);
    }
    if !out.is_empty() {
        out[end] = 0;
    }
    // SAFETY: NULL or a writable size_t, as the caller guarantees.
    unsafe { set_out(needed, total) };
    if fits && !out.is_empty() {
        Ok(())
    } else {
        Err(HTTPSTATUS_ERROR_BUFFER_TOO_SMALL)
    }
}

/// Renders the built-in document for `code` in `format`, with request data from `ctx`
/// (NULL for none), into `buf`: `buf_len` bytes including the terminating NUL.
/// `*needed` (if not NULL) receives the document's full length without the NUL.
/// Returns `HTTPSTATUS_OK`, or `HTTPSTATUS_ERROR_BUFFER_TOO_SMALL` after writing a
/// NUL-terminated prefix cut at a character boundary (buf NULL with buf_len 0 asks
/// for the size only), or `HTTPSTATUS_ERROR_INVALID_CODE`, `_INVALID_FORMAT`,
/// `_NULL_ARGUMENT` (buf NULL with buf_len > 0) with nothing written. Never writes
/// past `buf_len`; allocates nothing. Thread-safe.
///
/// # Safety
/// `ctx` NULL or live; `buf` NULL or `buf_len` writable bytes; `needed` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_render(
    code: c_int,
    format: c_int,
    ctx: *const httpstatus_context,
    buf: *mut c_char,
    buf_len: usize,
    needed: *mut usize,
) -> httpstatus_result {
    fallible(|| {
        let code = code_arg(code)?;
        let format = format_arg(format)?;
        // SAFETY: the pointer arguments are valid as documented.
        unsafe {
            render_document(code, ctx, buf, buf_len, needed, |code, context, sink| {
                render(code, format, context, sink)
            })
        }
    })
}

/// Compiles a template of `len` bytes at `source` (need not be NUL-terminated) that
/// produces documents of `format`. On success stores a new template in `*out`
/// (free with `httpstatus_template_free`). On failure `*out` is untouched and, if
/// `err_buf` is not NULL, a NUL-terminated message with line and column is written
/// there (truncated to `err_len`). Errors: `HTTPSTATUS_ERROR_NULL_ARGUMENT`,
/// `_INVALID_FORMAT`, `_TEMPLATE_SYNTAX`, `_TEMPLATE_TOO_LARGE`, `_INVALID_UTF8`.
///
/// # Safety
/// `source` NULL or `len` readable bytes; `out` NULL or writable; `err_buf` NULL or
/// `err_len` writable bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_template_compile(
    source: *const c_char,
    len: usize,
    format: c_int,
    out: *mut *mut httpstatus_template,
    err_buf: *mut c_char,
    err_len: usize,
) -> httpstatus_result {
    fallible(|| {
        // SAFETY: NULL or `len` readable bytes, as documented.
        let source = unsafe { bytes_arg(source, len) }.ok_or(HTTPSTATUS_ERROR_NULL_ARGUMENT)?;
        let out = required_out(out)?;
        let format = format_arg(format)?;
        match Template::compile(source, format) {
            Ok(inner) => {
                let template = Box::into_raw(Box::new(httpstatus_template { inner }));
                // SAFETY: `out` is writable, as documented; written only on success.
                unsafe { out.write(template) };
                Ok(())
            }
            Err(e) => {
                if !err_buf.is_null() {
                    let message = e.to_string();
                    // Truncation is expected here: the message is a courtesy, and the
                    // result code says what went wrong.
                    // SAFETY: `err_len` writable bytes at `err_buf`, as documented.
                    let _ = unsafe {
                        write_out(err_buf, err_len, ptr::null_mut(), |s| s.put_str(&message))
                    };
                }
                Err(match e.kind {
                    TemplateErrorKind::TooLarge(_) => HTTPSTATUS_ERROR_TEMPLATE_TOO_LARGE,
                    TemplateErrorKind::InvalidUtf8 => HTTPSTATUS_ERROR_INVALID_UTF8,
                    _ => HTTPSTATUS_ERROR_TEMPLATE_SYNTAX,
                })
            }
        }
    })
}

/// Frees a template; NULL is a no-op.
///
/// # Safety
/// `template` must be NULL or from `httpstatus_template_compile`, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_template_free(template: *mut httpstatus_template) {
    // SAFETY: NULL or from Box::into_raw in httpstatus_template_compile, freed once.
    boundary((), || unsafe { free_boxed(template) })
}

/// The `HTTPSTATUS_FORMAT_*` a template produces; 0 for NULL.
///
/// # Safety
/// `template` must be NULL or a live template.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_template_format(template: *const httpstatus_template) -> c_int {
    boundary(0, || {
        // SAFETY: NULL or a live template, as documented.
        unsafe { required(template) }.map_or(0, |t| format_constant(t.inner.format()))
    })
}

/// Renders `template` for `code` with `ctx` (NULL for none) into `buf`, with the same
/// buffer rules and results as `httpstatus_render`; `HTTPSTATUS_ERROR_NULL_ARGUMENT`
/// if `template` is NULL. Allocates nothing. Thread-safe.
///
/// # Safety
/// `template` NULL or live; `ctx` NULL or live; `buf` NULL or `buf_len` writable
/// bytes; `needed` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_render_template(
    template: *const httpstatus_template,
    code: c_int,
    ctx: *const httpstatus_context,
    buf: *mut c_char,
    buf_len: usize,
    needed: *mut usize,
) -> httpstatus_result {
    fallible(|| {
        // SAFETY: NULL or a live template, as documented.
        let template = unsafe { required(template) }?;
        let code = code_arg(code)?;
        // SAFETY: the pointer arguments are valid as documented.
        unsafe {
            render_document(code, ctx, buf, buf_len, needed, |code, context, sink| {
                template.inner.render(code, context, sink)
            })
        }
    })
}
