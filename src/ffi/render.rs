//! Error documents for C: negotiation, built-in rendering, templates, contexts.

use core::ffi::{c_char, c_int};
use core::ptr;

use super::{bounded_c_bytes, guard};
use crate::StatusCode;
use crate::registry::Text;
use crate::render::{
    BufferSink, Context, Field, Format, FormatSet, Template, TemplateErrorKind, negotiate,
};

/// Result of a fallible call: `HTTPSTATUS_OK` or one of `HTTPSTATUS_ERROR_*`.
pub type httpstatus_result = c_int;

/// Success.
pub const HTTPSTATUS_OK: httpstatus_result = 0;
/// A required pointer argument was NULL.
pub const HTTPSTATUS_ERROR_NULL_ARGUMENT: httpstatus_result = 7001;
/// The status code is outside 100..599.
pub const HTTPSTATUS_ERROR_INVALID_CODE: httpstatus_result = 7002;
/// The format is not one of `HTTPSTATUS_FORMAT_*`.
pub const HTTPSTATUS_ERROR_INVALID_FORMAT: httpstatus_result = 7003;
/// The field is not one of `HTTPSTATUS_FIELD_*`.
pub const HTTPSTATUS_ERROR_INVALID_FIELD: httpstatus_result = 7004;
/// The output did not fit; a NUL-terminated prefix was written and `*needed` tells
/// the full length.
pub const HTTPSTATUS_ERROR_BUFFER_TOO_SMALL: httpstatus_result = 7005;
/// The template has a syntax error (unclosed `{{`, unknown placeholder or filter).
pub const HTTPSTATUS_ERROR_TEMPLATE_SYNTAX: httpstatus_result = 7006;
/// The template is larger than 1 MiB.
pub const HTTPSTATUS_ERROR_TEMPLATE_TOO_LARGE: httpstatus_result = 7007;
/// Text that must be UTF-8 (a template, a reason phrase) is not.
pub const HTTPSTATUS_ERROR_INVALID_UTF8: httpstatus_result = 7008;
/// An internal error was caught before it could reach the caller; nothing was written.
pub const HTTPSTATUS_ERROR_INTERNAL: httpstatus_result = 7099;

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

const _: () = {
    assert!(HTTPSTATUS_FORMAT_HTML == Format::Html as c_int);
    assert!(HTTPSTATUS_FORMAT_JSON == Format::Json as c_int);
    assert!(HTTPSTATUS_FORMAT_TEXT == Format::Text as c_int);
    assert!(HTTPSTATUS_FORMATS_ALL == FormatSet::ALL.bits());
    assert!(HTTPSTATUS_FIELD_METHOD == Field::Method as c_int);
    assert!(HTTPSTATUS_FIELD_PATH == Field::Path as c_int);
    assert!(HTTPSTATUS_FIELD_REQUEST_ID == Field::RequestId as c_int);
    assert!(HTTPSTATUS_FIELD_SERVER == Field::Server as c_int);
    assert!(HTTPSTATUS_FIELD_DATE == Field::Date as c_int);
    assert!(HTTPSTATUS_FIELD_LOCATION == Field::Location as c_int);
    assert!(HTTPSTATUS_FIELD_NOTES == Field::Notes as c_int);
};

/// Request data for a document. Create with `httpstatus_context_new`, fill with
/// `httpstatus_context_set`, free with `httpstatus_context_free`. New fields can be
/// added in later versions without changing this ABI. Not thread-safe while being
/// modified; a context that is only read may be shared between threads.
pub struct httpstatus_context {
    values: [Option<Box<[u8]>>; Field::ALL.len()],
    reason: Option<Box<str>>,
    details: bool,
}

impl httpstatus_context {
    fn as_context(&self) -> Context<'_> {
        let mut ctx = Context::new().with_details(self.details);
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

fn format_of(format: c_int) -> Option<Format> {
    Format::ALL.into_iter().find(|f| *f as c_int == format)
}

/// Describes a result code in a short English sentence; never NULL ("unknown result
/// code" for values that are not results). Static; thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_result_describe(result: httpstatus_result) -> *const c_char {
    let text = match result {
        HTTPSTATUS_OK => Text::new("success\0"),
        HTTPSTATUS_ERROR_NULL_ARGUMENT => Text::new("a required pointer argument was NULL\0"),
        HTTPSTATUS_ERROR_INVALID_CODE => Text::new("the status code is outside 100..599\0"),
        HTTPSTATUS_ERROR_INVALID_FORMAT => Text::new("unknown document format\0"),
        HTTPSTATUS_ERROR_INVALID_FIELD => Text::new("unknown context field\0"),
        HTTPSTATUS_ERROR_BUFFER_TOO_SMALL => {
            Text::new("the buffer is too small; the output was truncated\0")
        }
        HTTPSTATUS_ERROR_TEMPLATE_SYNTAX => Text::new("the template has a syntax error\0"),
        HTTPSTATUS_ERROR_TEMPLATE_TOO_LARGE => Text::new("the template is larger than 1 MiB\0"),
        HTTPSTATUS_ERROR_INVALID_UTF8 => Text::new("the text is not valid UTF-8\0"),
        HTTPSTATUS_ERROR_INTERNAL => Text::new("internal error\0"),
        _ => Text::new("unknown result code\0"),
    };
    text.as_ptr()
}

/// The Content-Type for a format, with charset; NULL for an unknown format.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_content_type(format: c_int) -> *const c_char {
    format_of(format).map_or(ptr::null(), |f| f.content_type_text().as_ptr())
}

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
    // SAFETY: NULL or NUL-terminated, as documented; at most 1 MiB + 1 bytes are read.
    let accept_bytes = unsafe { bounded_c_bytes(accept, 1 << 20) };
    // Longer than 1 MiB: judged by its first MiB.
    let accept_bytes = match (accept.is_null(), accept_bytes) {
        (false, None) => {
            // SAFETY: the first 1 MiB were readable (bounded_c_bytes read them).
            Some(unsafe { core::slice::from_raw_parts(accept.cast::<u8>(), 1 << 20) })
        }
        (_, b) => b,
    };
    guard(HTTPSTATUS_FORMAT_HTML, || {
        negotiate(accept_bytes, FormatSet::from_bits(offered)) as c_int
    })
}

/// A new, empty context (no fields, details off). Free it with
/// `httpstatus_context_free`.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_context_new() -> *mut httpstatus_context {
    guard(ptr::null_mut(), || {
        Box::into_raw(Box::new(httpstatus_context {
            values: Default::default(),
            reason: None,
            details: false,
        }))
    })
}

/// Frees a context; NULL is a no-op.
///
/// # Safety
/// `ctx` must be NULL or a pointer from `httpstatus_context_new` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_context_free(ctx: *mut httpstatus_context) {
    if !ctx.is_null() {
        // SAFETY: the pointer came from Box::into_raw in httpstatus_context_new and is
        // freed only once, as documented.
        drop(unsafe { Box::from_raw(ctx) });
    }
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
    // SAFETY: NULL or a live context owned by the caller, not shared during the call.
    let Some(ctx) = (unsafe { ctx.as_mut() }) else {
        return HTTPSTATUS_ERROR_NULL_ARGUMENT;
    };
    let Some(field) = Field::from_number(i64::from(field)) else {
        return HTTPSTATUS_ERROR_INVALID_FIELD;
    };
    let bytes = if value.is_null() {
        None
    } else {
        // SAFETY: the caller guarantees `len` readable bytes at `value`.
        Some(unsafe { core::slice::from_raw_parts(value.cast::<u8>(), len) })
    };
    guard(HTTPSTATUS_ERROR_INTERNAL, move || {
        ctx.values[field as usize - 1] = bytes.map(Box::from);
        HTTPSTATUS_OK
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
    // SAFETY: NULL or a live context owned by the caller.
    let Some(ctx) = (unsafe { ctx.as_mut() }) else {
        return HTTPSTATUS_ERROR_NULL_ARGUMENT;
    };
    if phrase.is_null() {
        ctx.reason = None;
        return HTTPSTATUS_OK;
    }
    // SAFETY: the caller guarantees `len` readable bytes at `phrase`.
    let bytes = unsafe { core::slice::from_raw_parts(phrase.cast::<u8>(), len) };
    guard(
        HTTPSTATUS_ERROR_INTERNAL,
        move || match core::str::from_utf8(bytes) {
            Ok(s) => {
                ctx.reason = Some(s.into());
                HTTPSTATUS_OK
            }
            Err(_) => HTTPSTATUS_ERROR_INVALID_UTF8,
        },
    )
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
    // SAFETY: NULL or a live context owned by the caller.
    match unsafe { ctx.as_mut() } {
        Some(ctx) => {
            ctx.details = details;
            HTTPSTATUS_OK
        }
        None => HTTPSTATUS_ERROR_NULL_ARGUMENT,
    }
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

/// Writes a rendered document into `buf` with snprintf semantics.
///
/// # Safety
/// `buf` must be NULL or `buf_len` writable bytes; `needed` NULL or writable.
unsafe fn write_out(
    buf: *mut c_char,
    buf_len: usize,
    needed: *mut usize,
    render: impl FnOnce(&mut BufferSink<'_>),
) -> httpstatus_result {
    if buf.is_null() && buf_len != 0 {
        return HTTPSTATUS_ERROR_NULL_ARGUMENT;
    }
    let mut empty = [0u8; 0];
    let out: &mut [u8] = if buf.is_null() {
        &mut empty
    } else {
        // SAFETY: the caller guarantees `buf_len` writable bytes at `buf`.
        unsafe { core::slice::from_raw_parts_mut(buf.cast::<u8>(), buf_len) }
    };
    // Keep one byte for the NUL.
    let room = out.len().saturating_sub(1);
    let (body, _) = out.split_at_mut(room);
    let mut sink = BufferSink::new(body);
    render(&mut sink);
    let total = sink.needed();
    let fits = sink.fits();
    let mut end = sink.written().len();
    if !fits {
        end = complete_utf8_prefix(&out[..end]);
    }
    if !out.is_empty() {
        out[end] = 0;
    }
    if !needed.is_null() {
        // SAFETY: the caller passes NULL or a writable size_t.
        unsafe { *needed = total };
    }
    if fits && !out.is_empty() {
        HTTPSTATUS_OK
    } else {
        HTTPSTATUS_ERROR_BUFFER_TOO_SMALL
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
    let Some(code) = StatusCode::from_int(code) else {
        return HTTPSTATUS_ERROR_INVALID_CODE;
    };
    let Some(format) = format_of(format) else {
        return HTTPSTATUS_ERROR_INVALID_FORMAT;
    };
    // SAFETY: NULL or a live context, as documented.
    let ctx = unsafe { ctx.as_ref() };
    guard(HTTPSTATUS_ERROR_INTERNAL, || {
        let context = ctx.map(httpstatus_context::as_context).unwrap_or_default();
        // SAFETY: buffer and out-parameter validity are the caller's documented duty.
        unsafe {
            write_out(buf, buf_len, needed, |sink| {
                crate::render::render(code, format, &context, sink)
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
    if source.is_null() || out.is_null() {
        return HTTPSTATUS_ERROR_NULL_ARGUMENT;
    }
    let Some(format) = format_of(format) else {
        return HTTPSTATUS_ERROR_INVALID_FORMAT;
    };
    // SAFETY: the caller guarantees `len` readable bytes at `source`.
    let bytes = unsafe { core::slice::from_raw_parts(source.cast::<u8>(), len) };
    let compiled = guard(Err(None), || Template::compile(bytes, format).map_err(Some));
    match compiled {
        Ok(template) => {
            let boxed = Box::into_raw(Box::new(httpstatus_template { inner: template }));
            // SAFETY: `out` is non-NULL and writable, as documented.
            unsafe { *out = boxed };
            HTTPSTATUS_OK
        }
        Err(None) => HTTPSTATUS_ERROR_INTERNAL,
        Err(Some(e)) => {
            let message = e.to_string();
            if !err_buf.is_null() && err_len > 0 {
                // SAFETY: the caller guarantees `err_len` writable bytes at `err_buf`.
                unsafe {
                    write_out(err_buf, err_len, ptr::null_mut(), |s| {
                        crate::render::Sink::put_str(s, &message)
                    });
                }
            }
            match e.kind {
                TemplateErrorKind::TooLarge(_) => HTTPSTATUS_ERROR_TEMPLATE_TOO_LARGE,
                TemplateErrorKind::InvalidUtf8 => HTTPSTATUS_ERROR_INVALID_UTF8,
                _ => HTTPSTATUS_ERROR_TEMPLATE_SYNTAX,
            }
        }
    }
}

/// Frees a template; NULL is a no-op.
///
/// # Safety
/// `template` must be NULL or from `httpstatus_template_compile`, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_template_free(template: *mut httpstatus_template) {
    if !template.is_null() {
        // SAFETY: the pointer came from Box::into_raw and is freed once, as documented.
        drop(unsafe { Box::from_raw(template) });
    }
}

/// The `HTTPSTATUS_FORMAT_*` a template produces; 0 for NULL.
///
/// # Safety
/// `template` must be NULL or a live template.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_template_format(template: *const httpstatus_template) -> c_int {
    // SAFETY: NULL or a live template, as documented.
    unsafe { template.as_ref() }.map_or(0, |t| t.inner.format() as c_int)
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
    // SAFETY: NULL or a live template, as documented.
    let Some(template) = (unsafe { template.as_ref() }) else {
        return HTTPSTATUS_ERROR_NULL_ARGUMENT;
    };
    let Some(code) = StatusCode::from_int(code) else {
        return HTTPSTATUS_ERROR_INVALID_CODE;
    };
    // SAFETY: NULL or a live context, as documented.
    let ctx = unsafe { ctx.as_ref() };
    guard(HTTPSTATUS_ERROR_INTERNAL, || {
        let context = ctx.map(httpstatus_context::as_context).unwrap_or_default();
        // SAFETY: buffer and out-parameter validity are the caller's documented duty.
        unsafe {
            write_out(buf, buf_len, needed, |sink| {
                template.inner.render(code, &context, sink)
            })
        }
    })
}
