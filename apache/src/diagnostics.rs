//! One diagnostic error-log line per error response, and the same facts in
//! `r->notes` for LogFormat / ErrorLogFormat `%{httpstatus-...}n`.
//!
//! httpd's core escapes control characters, backslashes and non-ASCII bytes in
//! error-log messages (and mod_log_config in notes), so values are not escaped a
//! second time here. What the core leaves alone is the double quote, which could
//! forge a `key="..."` field: it becomes `%22`. Every request-derived value is
//! bounded, so an 8 KB request line cannot crowd out the rest.

use core::ffi::{CStr, c_char, c_int};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::ErrorKind;
use std::path::Path;

use httpstatus::StatusCode;

use crate::config::{dir_config, pool_str};
use crate::module::guard;
use crate::request::{c_bytes, chain, final_request, own_mark, request_id, table_get};
use crate::sys;

/// Appends `value` in double quotes, bounded to `max` bytes, with `"` as `%22`.
fn push_quoted(line: &mut String, value: Option<&[u8]>, max: usize) {
    let Some(value) = value else {
        line.push_str("\"-\"");
        return;
    };
    line.push('"');
    let cut = value.len() > max;
    for chunk in value[..value.len().min(max)].utf8_chunks() {
        for ch in chunk.valid().chars() {
            if ch == '"' {
                line.push_str("%22");
            } else {
                line.push(ch);
            }
        }
        // Left for the core to escape as \xHH: invalid UTF-8 bytes, shown as such.
        for &b in chunk.invalid() {
            let _ = write!(line, "%{b:02X}");
        }
    }
    if cut {
        line.push_str("...");
    }
    line.push('"');
}

fn bytes<'a>(p: *const c_char) -> Option<&'a [u8]> {
    // SAFETY: every pointer passed here is NULL or a NUL-terminated string owned by
    // a request or server that outlives the log_transaction hook.
    unsafe { c_bytes(p) }
}

/// `log_transaction` hook: once per client request, after the response.
pub(crate) unsafe extern "C" fn log_transaction(r: *mut sys::request_rec) -> c_int {
    // SAFETY: httpd passes the original, live request.
    guard((), || diagnose(unsafe { &mut *r }));
    sys::DECLINED
}

fn diagnose(r: &mut sys::request_rec) {
    let last = final_request(r);
    let Some(code) = StatusCode::from_int(last.status) else {
        return;
    };
    if !code.is_error() || !dir_config(r).log() {
        return;
    }
    let level = if code.as_u16() >= 500 {
        sys::APLOG_ERR
    } else {
        sys::APLOG_INFO
    } as c_int;
    // SAFETY: the logging check reads only r's log configuration.
    let logged = unsafe { sys::httpstatus_shim_log_enabled(r, level) } != 0;
    // The specific hint probes the file system: only worth it for a line that is
    // written. The notes otherwise carry the registry's general hint.
    let hint: Cow<'static, str> = if logged {
        Cow::Owned(hint(r, code))
    } else {
        Cow::Borrowed(code.apache().hint.as_str())
    };
    let last: *const sys::request_rec = last;
    // SAFETY: `last` is r itself or a live request further down its chain.
    let last = unsafe { &*last };
    let sent = chain(r).find_map(|q| own_mark(q).filter(|format| !format.is_empty()));
    // SAFETY: r is live and not otherwise borrowed during the call.
    let id = unsafe { request_id(&raw mut *r) };

    // mod_log_config reads %{...}n from the final request, ErrorLogFormat from the
    // one being logged: put the notes on both. Values are static registry strings or
    // NUL-terminated strings of the request pool, so nothing is copied.
    let (first_notes, last_notes) = (r.notes, last.notes);
    // Added, not set: this hook runs once per request, so the notes are new, and
    // setting would compare against every note that shares the "http" prefix.
    let set = |key: &CStr, value: *const c_char| {
        // SAFETY: both tables belong to live requests; values outlive them.
        unsafe {
            sys::apr_table_addn(first_notes, key.as_ptr(), value);
            if last_notes != first_notes {
                sys::apr_table_addn(last_notes, key.as_ptr(), value);
            }
        }
    };
    set(c"httpstatus-status", code.code_text().as_ptr());
    set(c"httpstatus-reason", code.reason_text().as_ptr());
    set(c"httpstatus-class", code.class().pattern_text().as_ptr());
    set(
        c"httpstatus-hint",
        match &hint {
            Cow::Borrowed(_) => code.apache().hint.as_ptr(),
            Cow::Owned(h) => pool_str(r.pool, h),
        },
    );
    if let Some(id) = id {
        // The id comes from a NUL-terminated pool string (UNIQUE_ID or log_id).
        set(c"httpstatus-request-id", id.as_ptr().cast());
    }
    if !logged {
        return;
    }
    let mut line = String::with_capacity(1024);
    let _ = write!(line, "status={} reason=", code.as_u16());
    push_quoted(&mut line, Some(code.reason().as_bytes()), 120);
    let _ = write!(line, " class={} method=", code.class().pattern());
    push_quoted(&mut line, bytes(r.method), 32);
    line.push_str(" uri=");
    let uri = bytes(r.unparsed_uri).or_else(|| bytes(r.the_request));
    push_quoted(&mut line, uri, 1024);
    line.push_str(" vhost=");
    // SAFETY: r->server is always set.
    let server = unsafe { &*r.server };
    // SAFETY: ap_get_server_port only reads r.
    let port = unsafe { sys::ap_get_server_port(r) };
    let vhost = format!(
        "{}:{port}",
        String::from_utf8_lossy(bytes(server.server_hostname).unwrap_or(b"-"))
    );
    push_quoted(&mut line, Some(vhost.as_bytes()), 256);
    line.push_str(" client=");
    push_quoted(&mut line, bytes(r.useragent_ip), 64);
    line.push_str(" ua=");
    push_quoted(&mut line, table_get(r.headers_in, c"User-Agent"), 256);
    line.push_str(" referer=");
    push_quoted(&mut line, table_get(r.headers_in, c"Referer"), 512);
    line.push_str(" id=");
    push_quoted(&mut line, id, 64);
    line.push_str(" handler=");
    push_quoted(&mut line, bytes(last.handler), 64);
    line.push_str(" file=");
    push_quoted(&mut line, bytes(r.filename), 512);
    line.push_str(" redirects=");
    push_quoted(&mut line, redirects(r).as_deref().map(str::as_bytes), 1024);
    // SAFETY: apr_time_now has no preconditions.
    let micros = (unsafe { sys::apr_time_now() } - r.request_time).max(0);
    let _ = write!(line, " time_us={micros} sent=");
    push_quoted(&mut line, sent, 8);
    line.push_str(" hint=");
    push_quoted(&mut line, Some(hint.as_bytes()), 1024);

    if let Ok(message) = std::ffi::CString::new(line) {
        // SAFETY: a NUL-terminated message, logged with "%s" by the shim.
        unsafe { sys::httpstatus_shim_log(r, level, message.as_ptr()) };
    }
}

/// "/a (404) -> /errors/404 (404)" when internal redirects happened.
fn redirects(r: &sys::request_rec) -> Option<String> {
    if r.next.is_null() {
        return None;
    }
    let mut out = String::new();
    for (i, q) in chain(r).enumerate().take(8) {
        if i > 0 {
            out.push_str(" -> ");
        }
        let uri = bytes(q.uri).unwrap_or(b"-");
        let uri = String::from_utf8_lossy(&uri[..uri.len().min(200)]);
        let _ = write!(out, "{uri} ({})", q.status);
    }
    Some(out)
}

/// A specific hint for the operator: what this request shows, then the registry's
/// general advice for the code.
fn hint(r: &sys::request_rec, code: StatusCode) -> String {
    let general = code.apache().hint.as_str();
    let file = bytes(r.filename).map(|f| String::from_utf8_lossy(f).into_owned());
    // SAFETY: r->server is always set.
    let server = unsafe { &*r.server };
    let specific = match code.as_u16() {
        404 => file.as_deref().and_then(missing_file_hint),
        // Access rules refuse in the access phase, before a handler is chosen; a
        // directory listing is refused by its handler. The file system alone cannot
        // tell the two apart.
        403 if last_handler_unset(r) => Some(
            "refused by an access rule (Require, Deny, RewriteRule [F]) before any handler \
             ran"
            .to_string(),
        ),
        403 => file.as_deref().and_then(forbidden_hint),
        500 => chain(r)
            .find_map(|q| table_get(q.notes, c"error-notes"))
            .map(|n| {
                format!(
                    "error notes: {}",
                    String::from_utf8_lossy(&n[..n.len().min(300)])
                )
            }),
        502..=504 => file
            .as_deref()
            .and_then(|f| f.strip_prefix("proxy:"))
            .map(|backend| format!("back end {backend}")),
        // SAFETY: reads r's core configuration.
        413 => Some(format!("LimitRequestBody here is {} bytes", unsafe {
            sys::ap_get_limit_req_body(r)
        })),
        414 => Some(format!(
            "LimitRequestLine is {} bytes",
            server.limit_req_line
        )),
        400 | 431 => Some(format!(
            "LimitRequestFieldSize is {} bytes, LimitRequestFields {}",
            server.limit_req_fieldsize, server.limit_req_fields
        )),
        _ => None,
    };
    match specific {
        Some(s) => format!("{s}. {general}"),
        None => general.to_string(),
    }
}

fn last_handler_unset(r: &sys::request_rec) -> bool {
    bytes(final_request(r).handler).is_none()
}

fn missing_file_hint(file: &str) -> Option<String> {
    let path = Path::new(file);
    if !path.is_absolute() {
        return None;
    }
    let parent = path.parent()?;
    let name = path.file_name()?.to_str()?;
    if path.is_dir() {
        return Some(format!(
            "{file} is a directory with no DirectoryIndex file, and mod_autoindex does not \
             list it"
        ));
    }
    if !parent.is_dir() {
        return Some(format!("directory {} does not exist", parent.display()));
    }
    // A name differing only in case is the most common surprise; look, bounded.
    let twin = std::fs::read_dir(parent)
        .ok()?
        .take(10_000)
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().into_string().ok())
        .find(|other| other != name && other.eq_ignore_ascii_case(name));
    Some(match twin {
        Some(other) => {
            format!("{file} does not exist, but {other} does: file names are case-sensitive")
        }
        None => format!("{file} does not exist"),
    })
}

fn forbidden_hint(file: &str) -> Option<String> {
    let path = Path::new(file);
    if !path.is_absolute() {
        return None;
    }
    Some(match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => format!(
            "{file} is a directory without a DirectoryIndex file, and Options -Indexes \
             forbids a listing"
        ),
        Ok(_) => match std::fs::File::open(path) {
            Err(e) if e.kind() == ErrorKind::PermissionDenied => {
                format!("the httpd user may not read {file} (file-system permissions)")
            }
            _ => format!("{file} is readable, yet its handler refused it"),
        },
        Err(e) if e.kind() == ErrorKind::PermissionDenied => {
            format!("a directory above {file} is not searchable by the httpd user (needs +x)")
        }
        Err(_) => return None,
    })
}
