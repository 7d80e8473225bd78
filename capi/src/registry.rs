//! Registry lookups for C.

use core::ffi::{c_char, c_int};
use core::ptr;

use httpstatus_rs::registry::{MAX_CODE, MIN_CODE};
use httpstatus_rs::{Class, Flags, Header, Kind, StatusCode, Text};

use crate::boundary::{boundary, c_str_arg};
use httpstatus_class::*;
use httpstatus_kind::*;

/// Class of a status code (first digit); `HTTPSTATUS_CLASS_INVALID` outside 100..599.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum httpstatus_class {
    /// Not a status code in 100..599.
    HTTPSTATUS_CLASS_INVALID = 0,
    /// 1xx
    HTTPSTATUS_CLASS_INFORMATIONAL = 1,
    /// 2xx
    HTTPSTATUS_CLASS_SUCCESSFUL = 2,
    /// 3xx
    HTTPSTATUS_CLASS_REDIRECTION = 3,
    /// 4xx
    HTTPSTATUS_CLASS_CLIENT_ERROR = 4,
    /// 5xx
    HTTPSTATUS_CLASS_SERVER_ERROR = 5,
}

/// Where a code's meaning comes from.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum httpstatus_kind {
    /// No registered or widespread meaning (also returned outside 100..599).
    HTTPSTATUS_KIND_UNASSIGNED = 0,
    /// In the IANA registry.
    HTTPSTATUS_KIND_REGISTERED = 1,
    /// A temporary IANA registration.
    HTTPSTATUS_KIND_TEMPORARY = 2,
    /// Listed by IANA as unused, with a well-known history (306, 418).
    HTTPSTATUS_KIND_RESERVED = 3,
    /// Not registered, but used by well-known software (see `httpstatus_origin`).
    HTTPSTATUS_KIND_UNOFFICIAL = 4,
}

/// The response may carry content (not 1xx, 204, 205, 304).
pub const HTTPSTATUS_FLAG_BODY_ALLOWED: u32 = 1;
/// Heuristically cacheable by default (RFC 9110, Section 15.1).
pub const HTTPSTATUS_FLAG_CACHEABLE: u32 = 1 << 1;
/// Obsolete, deprecated or discontinued.
pub const HTTPSTATUS_FLAG_OBSOLETE: u32 = 1 << 2;
/// 4xx or 5xx.
pub const HTTPSTATUS_FLAG_ERROR: u32 = 1 << 3;

/// `Location`
pub const HTTPSTATUS_HEADER_LOCATION: u32 = 1;
/// `WWW-Authenticate`
pub const HTTPSTATUS_HEADER_WWW_AUTHENTICATE: u32 = 1 << 1;
/// `Proxy-Authenticate`
pub const HTTPSTATUS_HEADER_PROXY_AUTHENTICATE: u32 = 1 << 2;
/// `Allow`
pub const HTTPSTATUS_HEADER_ALLOW: u32 = 1 << 3;
/// `Content-Range`
pub const HTTPSTATUS_HEADER_CONTENT_RANGE: u32 = 1 << 4;
/// `Retry-After`
pub const HTTPSTATUS_HEADER_RETRY_AFTER: u32 = 1 << 5;
/// `Upgrade`
pub const HTTPSTATUS_HEADER_UPGRADE: u32 = 1 << 6;
/// `Link`
pub const HTTPSTATUS_HEADER_LINK: u32 = 1 << 7;
/// `Accept`
pub const HTTPSTATUS_HEADER_ACCEPT: u32 = 1 << 8;
/// `Accept-Encoding`
pub const HTTPSTATUS_HEADER_ACCEPT_ENCODING: u32 = 1 << 9;
/// `Upload-Offset`
pub const HTTPSTATUS_HEADER_UPLOAD_OFFSET: u32 = 1 << 10;

/// Lowest code with an entry.
pub const HTTPSTATUS_MIN_CODE: c_int = 100;
/// Highest code with an entry.
pub const HTTPSTATUS_MAX_CODE: c_int = 599;
const _: () =
    assert!(HTTPSTATUS_MIN_CODE == MIN_CODE as c_int && HTTPSTATUS_MAX_CODE == MAX_CODE as c_int);

// The C constants are literals (cbindgen cannot evaluate expressions). These
// matches are exhaustive, so a new variant does not compile without its constant,
// and the checks below keep each constant equal to the Rust value.
const fn header_constant(header: Header) -> u32 {
    match header {
        Header::Location => HTTPSTATUS_HEADER_LOCATION,
        Header::WwwAuthenticate => HTTPSTATUS_HEADER_WWW_AUTHENTICATE,
        Header::ProxyAuthenticate => HTTPSTATUS_HEADER_PROXY_AUTHENTICATE,
        Header::Allow => HTTPSTATUS_HEADER_ALLOW,
        Header::ContentRange => HTTPSTATUS_HEADER_CONTENT_RANGE,
        Header::RetryAfter => HTTPSTATUS_HEADER_RETRY_AFTER,
        Header::Upgrade => HTTPSTATUS_HEADER_UPGRADE,
        Header::Link => HTTPSTATUS_HEADER_LINK,
        Header::Accept => HTTPSTATUS_HEADER_ACCEPT,
        Header::AcceptEncoding => HTTPSTATUS_HEADER_ACCEPT_ENCODING,
        Header::UploadOffset => HTTPSTATUS_HEADER_UPLOAD_OFFSET,
    }
}

const _: () = {
    let mut i = 0;
    while i < Header::ALL.len() {
        assert!(header_constant(Header::ALL[i]) == Header::ALL[i] as u32);
        i += 1;
    }
    assert!(HTTPSTATUS_FLAG_BODY_ALLOWED == Flags::BODY_ALLOWED.bits());
    assert!(HTTPSTATUS_FLAG_CACHEABLE == Flags::CACHEABLE.bits());
    assert!(HTTPSTATUS_FLAG_OBSOLETE == Flags::OBSOLETE.bits());
    assert!(HTTPSTATUS_FLAG_ERROR == Flags::ERROR.bits());
};

fn text_ptr(text: Option<Text>) -> *const c_char {
    text.map_or(ptr::null(), Text::as_ptr)
}

/// The text `field` gives for `code`, as a C string; NULL when there is none or
/// `code` is outside 100..599.
fn lookup(code: c_int, field: impl FnOnce(StatusCode) -> Option<Text>) -> *const c_char {
    text_ptr(StatusCode::from_int(code).and_then(field))
}

/// The number `field` gives for `code`; 0 outside 100..599.
fn number<N: Default>(code: c_int, field: impl FnOnce(StatusCode) -> N) -> N {
    StatusCode::from_int(code).map_or_else(N::default, field)
}

/// The reason phrase: `"Not Found"` for 404, the class name ("Client Error") for
/// unassigned codes. NULL outside 100..599, never NULL inside. Static; thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_reason(code: c_int) -> *const c_char {
    boundary(ptr::null(), || lookup(code, |c| Some(c.reason_text())))
}

/// `"404 Not Found"`: what follows `HTTP/1.1 ` on a status line. NULL outside 100..599.
/// Static; thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_status_line(code: c_int) -> *const c_char {
    boundary(ptr::null(), || lookup(code, |c| Some(c.status_line_text())))
}

/// One sentence on what the code means. NULL outside 100..599. Static; thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_summary(code: c_int) -> *const c_char {
    boundary(ptr::null(), || lookup(code, |c| Some(c.summary())))
}

/// A few sentences: meaning, when it is sent, what a client should do. NULL outside
/// 100..599. Static; thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_description(code: c_int) -> *const c_char {
    boundary(ptr::null(), || lookup(code, |c| Some(c.description())))
}

/// The defining document, e.g. `"RFC 9110, Section 15.5.5"`. NULL for unofficial and
/// unassigned codes and outside 100..599. Static; thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_reference(code: c_int) -> *const c_char {
    boundary(ptr::null(), || {
        lookup(code, |c| c.reference().map(|r| r.citation))
    })
}

/// A link to the defining document; NULL whenever `httpstatus_reference` is NULL.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_reference_url(code: c_int) -> *const c_char {
    boundary(ptr::null(), || {
        lookup(code, |c| c.reference().map(|r| r.url))
    })
}

/// The vendor or project behind an unofficial code (e.g. `"nginx"` for 444); NULL for
/// every other kind and outside 100..599. Static; thread-safe.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_origin(code: c_int) -> *const c_char {
    boundary(ptr::null(), || lookup(code, |c| c.origin()))
}

/// The class of `code`; `HTTPSTATUS_CLASS_INVALID` outside 100..599.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_class_of(code: c_int) -> httpstatus_class {
    boundary(HTTPSTATUS_CLASS_INVALID, || {
        match StatusCode::from_int(code).map(StatusCode::class) {
            None => HTTPSTATUS_CLASS_INVALID,
            Some(Class::Informational) => HTTPSTATUS_CLASS_INFORMATIONAL,
            Some(Class::Successful) => HTTPSTATUS_CLASS_SUCCESSFUL,
            Some(Class::Redirection) => HTTPSTATUS_CLASS_REDIRECTION,
            Some(Class::ClientError) => HTTPSTATUS_CLASS_CLIENT_ERROR,
            Some(Class::ServerError) => HTTPSTATUS_CLASS_SERVER_ERROR,
        }
    })
}

/// The kind of `code`; `HTTPSTATUS_KIND_UNASSIGNED` outside 100..599 too.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_kind_of(code: c_int) -> httpstatus_kind {
    boundary(HTTPSTATUS_KIND_UNASSIGNED, || {
        match StatusCode::from_int(code).map(StatusCode::kind) {
            None | Some(Kind::Unassigned) => HTTPSTATUS_KIND_UNASSIGNED,
            Some(Kind::Registered) => HTTPSTATUS_KIND_REGISTERED,
            Some(Kind::Temporary) => HTTPSTATUS_KIND_TEMPORARY,
            Some(Kind::Reserved) => HTTPSTATUS_KIND_RESERVED,
            Some(Kind::Unofficial) => HTTPSTATUS_KIND_UNOFFICIAL,
        }
    })
}

/// `"Client Error"` etc. for a class value (an `int`, so any number is safe); NULL for
/// anything but 1..5.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_class_name(class: c_int) -> *const c_char {
    boundary(ptr::null(), || {
        let class = Class::ALL.into_iter().find(|c| *c as c_int == class);
        text_ptr(class.map(Class::name_text))
    })
}

/// `"registered"`, `"temporary"`, `"reserved"`, `"unofficial"` or `"unassigned"` for a
/// kind value (an `int`); NULL for anything else.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_kind_name(kind: c_int) -> *const c_char {
    boundary(ptr::null(), || {
        let kind = Kind::ALL.into_iter().find(|k| *k as c_int == kind);
        text_ptr(kind.map(Kind::name_text))
    })
}

/// `HTTPSTATUS_FLAG_*` bits of `code`; 0 outside 100..599.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_flags(code: c_int) -> u32 {
    boundary(0, || number(code, |c| c.flags().bits()))
}

/// `HTTPSTATUS_HEADER_*` bits of the headers the code requires; 0 outside 100..599.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_required_headers(code: c_int) -> u32 {
    boundary(0, || number(code, |c| c.required_headers().bits()))
}

/// `HTTPSTATUS_HEADER_*` bits of headers commonly sent with the code; 0 outside 100..599.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_related_headers(code: c_int) -> u32 {
    boundary(0, || number(code, |c| c.related_headers().bits()))
}

/// The field name for one `HTTPSTATUS_HEADER_*` bit (`"WWW-Authenticate"`); NULL unless
/// `bit` is exactly one known header bit.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_header_name(bit: u32) -> *const c_char {
    boundary(ptr::null(), || {
        text_ptr(Header::from_bit(bit).map(Header::text))
    })
}

/// How many aliases (historical or alternative phrases) `code` has; 0 outside 100..599.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_alias_count(code: c_int) -> usize {
    boundary(0, || number(code, |c| c.aliases().len()))
}

/// Alias number `index` of `code` (0-based); NULL when `index >= httpstatus_alias_count(code)`.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_alias(code: c_int, index: usize) -> *const c_char {
    boundary(ptr::null(), || {
        lookup(code, |c| c.aliases().get(index).map(|a| a.phrase))
    })
}

/// Who uses or used alias number `index` of `code` (a spec or a vendor); NULL like
/// `httpstatus_alias`.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_alias_origin(code: c_int, index: usize) -> *const c_char {
    boundary(ptr::null(), || {
        lookup(code, |c| c.aliases().get(index).map(|a| a.origin))
    })
}

/// The Apache httpd directives and modules that produce `code` (its class's for codes
/// without their own). NULL outside 100..599.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_apache_sources(code: c_int) -> *const c_char {
    boundary(ptr::null(), || lookup(code, |c| Some(c.apache().sources)))
}

/// Common causes of `code` in Apache httpd and what to check. NULL outside 100..599.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_apache_hint(code: c_int) -> *const c_char {
    boundary(ptr::null(), || lookup(code, |c| Some(c.apache().hint)))
}

/// The code whose phrase or alias is `phrase`, ignoring case and everything but
/// letters and digits. Returns 0 for NULL, an unknown phrase, a class name, input with
/// non-ASCII bytes, or input longer than 256 bytes (only 257 bytes are read). Thread-safe.
///
/// # Safety
/// `phrase` must be NULL or a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn httpstatus_from_reason(phrase: *const c_char) -> c_int {
    boundary(0, || {
        // SAFETY: the caller passes NULL or a NUL-terminated string, as documented.
        let bytes = unsafe { c_str_arg(phrase, 256) };
        bytes
            .and_then(StatusCode::from_reason_bytes)
            .map_or(0, |c| c_int::from(c.as_u16()))
    })
}

/// True for every code in 100..599 (all of them have an entry).
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_is_valid(code: c_int) -> bool {
    boundary(false, || StatusCode::from_int(code).is_some())
}

/// The library version, `"MAJOR.MINOR.PATCH"`, static.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_version() -> *const c_char {
    boundary(ptr::null(), || VERSION.as_ptr())
}

/// `MAJOR * 1000000 + MINOR * 1000 + PATCH`, comparable with `HTTPSTATUS_VERSION_NUMBER`.
#[unsafe(no_mangle)]
pub extern "C" fn httpstatus_version_number() -> u32 {
    boundary(0, || VERSION_NUMBER)
}

const VERSION: Text = Text::new(concat!(env!("CARGO_PKG_VERSION"), "\0"));

const VERSION_NUMBER: u32 = {
    const fn parse(s: &str) -> u32 {
        let b = s.as_bytes();
        let mut n = 0;
        let mut i = 0;
        while i < b.len() {
            n = n * 10 + (b[i] - b'0') as u32;
            i += 1;
        }
        n
    }
    parse(env!("CARGO_PKG_VERSION_MAJOR")) * 1_000_000
        + parse(env!("CARGO_PKG_VERSION_MINOR")) * 1_000
        + parse(env!("CARGO_PKG_VERSION_PATCH"))
};
