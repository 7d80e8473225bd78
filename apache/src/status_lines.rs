//! The status line every response gets: the administrator's phrase, httpd's own,
//! or the registry's (decided by `mod_httpstatus_logic::status_line`).

use core::ffi::{CStr, c_int};
use core::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use httpstatus::StatusCode;
use mod_httpstatus_logic::status_line::{
    HttpdLine, HttpdLines, LineSource, UntouchedLines, interim_would_end_response, shown_phrase,
    unconfigured_source, untouched_in,
};

use crate::config::ServerConfig;
use crate::request::{CText, Request};
use crate::sys;

/// httpd's own status lines (its table lives in the httpd binary: static,
/// immutable, for the process's life), compared once with the registry's so no
/// request compares strings.
static HTTPD_LINES: OnceLock<HttpdLines> = OnceLock::new();

/// Reads httpd's built-in status lines, once per process.
pub(crate) fn learn_httpd_status_lines() {
    HTTPD_LINES.get_or_init(|| {
        HttpdLines::learn(|code| {
            // SAFETY: a lookup in httpd's static table, whose NUL-terminated strings
            // live as long as the process.
            let line = unsafe { sys::ap_get_status_line(c_int::from(code.as_u16())) };
            // SAFETY: a non-NULL line of httpd's static table is NUL-terminated and
            // lives as long as the process.
            (!line.is_null()).then(|| unsafe { CStr::from_ptr(line) })
        })
    });
}

/// This configuration's `UntouchedLines`, learned in post_config before any
/// child exists (children inherit them); none until then.
static UNTOUCHED: [AtomicU64; 8] = [const { AtomicU64::new(0) }; 8];

/// Learns which status lines httpd writes right by itself under this
/// configuration, whose virtual hosts' settings are `servers` (from post_config,
/// after `learn_httpd_status_lines`).
pub(crate) fn learn_untouched_lines(servers: &[&ServerConfig]) {
    let Some(lines) = HTTPD_LINES.get() else {
        return;
    };
    let untouched = UntouchedLines::learn(lines, |code| {
        servers.iter().any(|s| s.reason_line(code).is_some())
    });
    for (word, value) in UNTOUCHED.iter().zip(untouched.0) {
        word.store(value, Ordering::Relaxed);
    }
}

fn httpd_line(code: StatusCode) -> HttpdLine {
    HTTPD_LINES
        .get()
        .map_or(HttpdLine::NONE, |lines| lines.get(code))
}

/// The status line to set for `code` under `server`'s configuration; None when
/// httpd's own line is the one to send (which also spares httpd parsing ours).
pub(crate) fn status_line<'a>(server: &ServerConfig, code: StatusCode) -> Option<CText<'a>> {
    if let Some(line) = server.reason_line(code) {
        return Some(line.into());
    }
    match unconfigured_source(httpd_line(code), server.httpd_phrases()) {
        LineSource::Httpd => None,
        LineSource::Registry => Some(code.status_line_text().into()),
    }
}

/// The phrase documents show when it is not the registry's.
pub(crate) fn configured_phrase<'a>(server: &ServerConfig, code: StatusCode) -> Option<&'a str> {
    // Nearly every server: no phrase of its own, httpd's not wanted.
    if server.reasons.is_null() && !server.httpd_phrases() {
        return None;
    }
    shown_phrase(
        server.reason_phrase(code),
        httpd_line(code),
        server.httpd_phrases(),
    )
}

/// Keeps a safe phrase a CGI or back end chose; otherwise uses the registry's (or
/// the administrator's) phrase. Codes outside 100..599 are left to httpd. Returns
/// true when an interim (1xx) status was about to end the response and became 500.
pub(crate) fn fix_status_line(r: Request<'_>) -> bool {
    let status = r.status();
    let interim = interim_would_end_response(status, r.header_out(c"Upgrade").is_some());
    if interim {
        // As on the error path: a 1xx cannot be a final response, clients would
        // read the body as the next response.
        r.set_status(sys::HTTP_INTERNAL_SERVER_ERROR as c_int);
        r.set_status_line(None);
    }
    let Some(code) = StatusCode::from_int(r.status()) else {
        return interim;
    };
    if !r
        .status_line()
        .is_some_and(|line| code.is_safe_status_line(line))
    {
        r.set_status_line(status_line(r.server_config(), code));
    }
    interim
}

/// The question every response asks: will httpd write the registry's status line
/// by itself (no line set, no phrase configured, httpd's phrase the registry's)?
/// Kept to a few loads, as the answer is nearly always yes, and free of anything
/// that can panic (no indexing, no allocation), so it needs no panic guard.
pub(crate) fn httpd_line_is_ours(r: Request<'_>) -> bool {
    if r.has_status_line() {
        return false;
    }
    untouched_in(r.status(), |i| {
        UNTOUCHED
            .get(i)
            .map_or(0, |word| word.load(Ordering::Relaxed))
    })
}
