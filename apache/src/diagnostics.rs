//! One diagnostic error-log line per error response, and the same facts in
//! `r->notes` for LogFormat / ErrorLogFormat `%{httpstatus-...}n`.
//!
//! Safe to read and bounded to write: every value is escaped (bytes outside
//! printable ASCII, `"`, `%` and `\` become `%XX`), so httpd's own escaping has
//! nothing left to do, no value can open or close a field, and the line's length
//! is what this module decides (`HttpStatusLogLineLength`). httpd's raw
//! `, referer: ...` suffix is left out (the line carries the referer itself). At
//! most `HttpStatusLogLimit` lines per second are written for one virtual host
//! and status, by all children together; the parent summarises the rest
//! (`summaries`). Hints look at file metadata only, with a small
//! fixed number of `stat`s: never a directory listing, never an `open`.
//!
//! What the line says and how is decided in `mod_httpstatus_logic` (`log_line`,
//! `rate_limit`, `hints`); this file reads httpd's structures for it and writes
//! the result to the log and the notes.

use core::ffi::{CStr, c_int};
use std::borrow::Cow;

use httpstatus::StatusCode;
use mod_httpstatus_logic::hints::{self, Facts, Limits, Redirect};
use mod_httpstatus_logic::log_line::{self, Line, VHOST_BYTES};
use mod_httpstatus_logic::notes::ERROR_NOTES;
use mod_httpstatus_logic::rate_limit::{self, Admit};

use crate::config::ServerConfig;
use crate::glue::{Hook, LogTo, guard};
use crate::request::{CText, Request};
use crate::sys;

/// `log_transaction` hook: once per client request, after the response.
pub(crate) unsafe extern "C" fn log_transaction(raw: *mut sys::request_rec) -> c_int {
    // SAFETY: httpd passes the original, live request, which no Rust reference
    // covers.
    let Some(r) = (unsafe { Request::from_raw(raw) }) else {
        return sys::DECLINED;
    };
    if r.chain().all(|q| q.status() < 400) {
        // Most responses are no error: nothing to look up for them. (Loads and
        // comparisons only: nothing here can panic, so no guard is needed.)
        return sys::DECLINED;
    }
    guard(Hook::LogTransaction, LogTo::Request(raw), (), || {
        #[cfg(feature = "fault-injection")]
        crate::faults::inject(Hook::LogTransaction, r);
        diagnose(r)
    });
    sys::DECLINED
}

/// The request whose response the client received: the last one this module saw
/// answer through httpd's error path (a failing ErrorDocument target makes httpd
/// answer with the original request), else the last internal redirect.
fn responder(r: Request<'_>) -> Request<'_> {
    r.chain()
        .filter(|q| q.mark().is_some())
        .last()
        .unwrap_or_else(|| r.final_request())
}

fn diagnose(r: Request<'_>) {
    let responder = responder(r);
    let Some(code) = StatusCode::from_int(responder.status()) else {
        return;
    };
    if !code.is_error() || !r.dir_config().log() {
        return;
    }
    let level = if code.as_u16() >= 500 {
        sys::APLOG_ERR
    } else {
        sys::APLOG_INFO
    } as c_int;
    let logged = r.logs_at(level);
    let server = r.server_config();
    // The clock is read only for a line that may be written.
    let (admitted, now) = if logged {
        // SAFETY: apr_time_now has no preconditions.
        let now = unsafe { sys::apr_time_now() };
        (admit(&server, code, now, level), now)
    } else {
        (Admit::Skip, 0)
    };
    // The specific hint probes the file system: only worth it for a line that is
    // written. The notes otherwise carry the registry's general hint.
    let hint: Cow<'static, str> = match admitted {
        Admit::Write => Cow::Owned(hint(r, responder, code)),
        Admit::Skip => Cow::Borrowed(code.apache().hint.as_str()),
    };
    let sent = responder
        .mark()
        .and_then(|mark| mark.sent())
        .map(|format| format.name().as_bytes());
    let id = r.id();
    let specific_hint = match &hint {
        Cow::Owned(h) => Some(h.as_str()),
        Cow::Borrowed(_) => None,
    };
    set_notes(r, code, specific_hint, id);
    if admitted == Admit::Skip {
        return;
    }

    let last = r.final_request();
    let mut vhost_buffer = [0u8; VHOST_BYTES];
    let vhost = log_line::vhost(r.server_name(), 0, r.server_port(), &mut vhost_buffer);
    let redirects = log_line::redirects(r.chain().map(|q| (q.uri(), q.status())));
    let mut line = Line::new(server.log_line_length());
    line.word("status", code.code_text().as_str());
    line.word("class", code.class().pattern());
    line.number("time_us", u64::try_from(now - r.arrived()).unwrap_or(0));
    // Short facts first, then the long ones: whatever the budget leaves is shared
    // by the fields that can be long.
    let fields: [(&str, Option<&[u8]>, usize); 13] = [
        ("reason", Some(code.reason().as_bytes()), 120),
        ("method", r.method(), 24),
        ("vhost", Some(vhost), 128),
        ("client", r.client_ip(), 48),
        ("id", id.map(CStr::to_bytes), 48),
        ("handler", last.handler(), 40),
        ("sent", sent, 8),
        ("uri", r.target(), 256),
        ("file", r.filename(), 256),
        ("redirects", redirects.as_deref().map(str::as_bytes), 256),
        ("ua", r.header_in(c"User-Agent"), 128),
        ("referer", r.header_in(c"Referer"), 128),
        ("hint", Some(hint.as_bytes()), 480),
    ];
    line.quoted_fields(&fields);
    r.log(level, line.finish());
}

/// Puts the facts into the notes of the original and of the final request:
/// mod_log_config reads `%{...}n` from the final one, ErrorLogFormat from the one
/// being logged.
/// `specific_hint` is None when the registry's general hint is the one to note.
fn set_notes(r: Request<'_>, code: StatusCode, specific_hint: Option<&str>, id: Option<&CStr>) {
    let last = r.final_request();
    let both = !last.shares_notes_with(r);
    // Added, not set: this hook runs once per request, so the notes are new, and
    // setting would compare against every note that shares the "http" prefix.
    let add = |key: &'static CStr, value: CText<'_>| {
        r.add_note(key, value);
        if both {
            last.add_note(key, value);
        }
    };
    add(c"httpstatus-status", code.code_text().into());
    add(c"httpstatus-reason", code.reason_text().into());
    add(c"httpstatus-class", code.class().pattern_text().into());
    match specific_hint {
        Some(h) => add(c"httpstatus-hint", r.pool_c_str(h).into()),
        None => add(c"httpstatus-hint", code.apache().hint.into()),
    }
    if let Some(id) = id {
        add(c"httpstatus-request-id", id.into());
    }
}

/// Counts a line for `code` against the virtual host's limit, shared by all
/// children.
fn admit(server: &ServerConfig, code: StatusCode, now: sys::apr_time_t, level: c_int) -> Admit {
    let level = u8::try_from(level).unwrap_or(u8::MAX);
    rate_limit::admit(server.log_counter(code), now, server.log_limit(), level)
}

/// A specific hint for the operator: what this request shows, then the registry's
/// general advice for the code.
fn hint(r: Request<'_>, responder: Request<'_>, code: StatusCode) -> String {
    let last = r.final_request();
    let (request_line, request_field_size, request_fields) = r.header_limits();
    let facts = Facts {
        code,
        error_document: (!responder.is(last)).then(|| Redirect {
            uri: last.uri(),
            status: last.status(),
        }),
        file: r.filename(),
        handler: last.handler(),
        error_notes: r.chain().find_map(|q| q.note(ERROR_NOTES)),
        limits: Limits {
            request_body: r.body_limit(),
            request_line,
            request_field_size,
            request_fields,
        },
    };
    hints::hint(&facts, &readable)
}

/// May this process read `file`? access(2) checks permissions without opening.
fn readable(file: &str) -> bool {
    let Ok(path) = std::ffi::CString::new(file) else {
        return true;
    };
    // SAFETY: a NUL-terminated path; access only reads it.
    unsafe { libc::access(path.as_ptr(), libc::R_OK) == 0 }
}
