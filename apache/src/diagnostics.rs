//! One diagnostic error-log line per error response, saying why (a `cause=`
//! token, `mod_httpstatus_logic::causes`) at the level of whoever is responsible,
//! with the facts that cause is about; and the same facts in `r->notes` for
//! LogFormat / ErrorLogFormat `%{httpstatus-...}n` when the configuration reads
//! them.
//!
//! Safe to read and bounded to write: every value is escaped (bytes outside
//! printable ASCII, `"`, `%` and `\` become `%XX`), so httpd's own escaping has
//! nothing left to do, no value can open or close a field, and the line's length
//! is what this module decides (`HttpStatusLogLineLength`). httpd's raw
//! `, referer: ...` suffix is left out. At most `HttpStatusLogLimit` lines per
//! second are written for one virtual host and status, by all children together;
//! the parent summarises the rest (`summaries`). What the line says is decided in
//! `mod_httpstatus_logic` (`causes`, `diagnostic`, `rate_limit`); this file reads
//! httpd's structures for it and writes the result to the log and the notes.

use core::ffi::{CStr, c_int};
use core::sync::atomic::{AtomicBool, Ordering};

use httpstatus::StatusCode;
use mod_httpstatus_logic::causes::{self, Cause, Facts, Level, Phase};
use mod_httpstatus_logic::diagnostic::{self, Values};
use mod_httpstatus_logic::log_line::{self, VHOST_BYTES};
use mod_httpstatus_logic::notes::ERROR_NOTES;
use mod_httpstatus_logic::rate_limit::{self, Admit};

use crate::config::ServerConfig;
use crate::glue::{Hook, LogTo, c_bytes, guard};
use crate::request::{CText, Request};
use crate::sys;

/// Does the configuration read the module's request notes (a `LogFormat`,
/// `CustomLog`, `TransferLog` or `ErrorLogFormat` with `%{httpstatus-...}n`)? Decided
/// once per configuration load; the notes cost a request nothing otherwise.
static NOTES_READ: AtomicBool = AtomicBool::new(false);

/// Looks through the configuration tree for formats that read the module's notes
/// (from `post_config`).
pub(crate) fn detect_note_readers() {
    // SAFETY: httpd's parsed configuration tree, read in the parent during
    // post_config, while nothing changes it; every node's strings are
    // NUL-terminated pool strings.
    let found = unsafe { tree_reads_notes(sys::ap_conftree) };
    NOTES_READ.store(found, Ordering::Relaxed);
}

/// # Safety
/// `node` must be NULL or a node of httpd's live configuration tree.
unsafe fn tree_reads_notes(mut node: *const sys::ap_directive_t) -> bool {
    const FORMATS: [&[u8]; 4] = [
        b"logformat",
        b"customlog",
        b"transferlog",
        b"errorlogformat",
    ];
    // SAFETY: NULL or a live node (caller's duty); its siblings and children are
    // nodes of the same tree.
    while let Some(n) = unsafe { node.as_ref() } {
        // SAFETY: a node's directive name and arguments are NULL or pool strings.
        let (name, args) = unsafe { (c_bytes(n.directive), c_bytes(n.args)) };
        let is_format = name.is_some_and(|d| FORMATS.iter().any(|f| d.eq_ignore_ascii_case(f)));
        // `%{httpstatus-...}n`: the brace keeps a path such as a log file's
        // directory from counting.
        let reads = args.is_some_and(|a| a.windows(12).any(|w| w == b"{httpstatus-"));
        // SAFETY: the node's children belong to the same live tree.
        if (is_format && reads) || unsafe { tree_reads_notes(n.first_child) } {
            return true;
        }
        node = n.next;
    }
    false
}

/// `log_transaction` hook: once per client request, after the response: counts
/// it for the metrics and writes its diagnostic line.
pub(crate) unsafe extern "C" fn log_transaction(raw: *mut sys::request_rec) -> c_int {
    // SAFETY: httpd passes the original, live request, which no Rust reference
    // covers.
    let Some(r) = (unsafe { Request::from_raw(raw) }) else {
        return sys::DECLINED;
    };
    // The two statuses that matter: the final one (`%>s`, the last request's),
    // counted for the metrics under the virtual host that served it, and the
    // first error, which the line is about. Without internal redirects (nearly
    // always) both are the request's own.
    let (last, error) = match r.next() {
        None => {
            let status = r.status();
            (status, (status >= 400).then_some(status))
        }
        Some(_) => redirected_statuses(r),
    };
    // httpd runs this hook for the requests the client sent, never for
    // sub-requests; checked anyway, as sub-requests must never count.
    if !r.is_subrequest() {
        r.server_config().count_response(last);
    }
    match error {
        // Most responses are no error: nothing to look up for them. (Loads,
        // comparisons and one atomic add: nothing here can panic, so no guard is
        // needed, and the error path below is a call of its own, so this path
        // saves no registers.)
        None => sys::DECLINED,
        Some(status) => log_error(raw, r, status),
    }
}

/// The final status of a request with internal redirects and its first error,
/// in one walk of the chain.
#[inline(never)]
fn redirected_statuses(r: Request<'_>) -> (c_int, Option<c_int>) {
    let mut last = r.status();
    let mut error = None;
    for q in r.chain() {
        last = q.status();
        if last >= 400 && error.is_none() {
            error = Some(last);
        }
    }
    (last, error)
}

/// The rest of `log_transaction` for an error response.
#[inline(never)]
fn log_error(raw: *mut sys::request_rec, r: Request<'_>, status: c_int) -> c_int {
    // Nothing to write and nothing to note: decided before anything is computed.
    let most = if status >= 500 {
        Level::Error
    } else {
        Level::Info
    };
    if !r.logs_at(level(most)) && !NOTES_READ.load(Ordering::Relaxed) {
        return sys::DECLINED;
    }
    guard(Hook::LogTransaction, LogTo::Request(raw), (), || {
        #[cfg(feature = "fault-injection")]
        crate::faults::inject(Hook::LogTransaction, r);
        diagnose(r)
    });
    sys::DECLINED
}

/// httpd's level for one of the module's.
fn level(level: Level) -> c_int {
    (match level {
        Level::Debug => sys::APLOG_DEBUG,
        Level::Info => sys::APLOG_INFO,
        Level::Warn => sys::APLOG_WARNING,
        Level::Error => sys::APLOG_ERR,
    }) as c_int
}

/// The request whose status the client got and whose facts tell why, and whether
/// httpd's error path answered it: the first one that path answered through (a
/// failing ErrorDocument target makes httpd answer with the original request);
/// else the original request when its error was handed to a local ErrorDocument
/// (httpd redirects without writing a page for it, and it keeps its status);
/// else the last internal redirect, whose handler chose the status itself.
fn origin(r: Request<'_>) -> (Request<'_>, bool) {
    if let Some(q) = r.chain().find(|q| q.mark().answer().by_error_path()) {
        return (q, true);
    }
    if r.next().is_some() && r.status() >= 400 {
        return (r, true);
    }
    (r.final_request(), false)
}

/// The phase `origin`'s status was set in.
fn phase_of(origin: Request<'_>) -> Phase {
    origin.mark().phase(origin.was_read(), origin.mapped())
}

/// The cause of `origin`'s status, set in `phase`, from what httpd shows about it
/// (`answered`: httpd's error path produced the response).
fn cause_of(
    error_notes: Option<&[u8]>,
    origin: Request<'_>,
    status: u16,
    phase: Phase,
    answered: bool,
) -> Cause {
    let mark = origin.mark();
    causes::classify(&Facts {
        status,
        phase,
        answered_by_httpd: answered,
        handler: origin.handler(),
        proxied: origin.proxied(),
        own_status_line: mark.line_was_set(),
        credentials_sent: origin.header_in(c"Authorization").is_some(),
        error_notes,
        redirects: origin.original().chain().count() - 1,
        file: origin.file_state(),
        maintenance: origin.original().chain().any(|q| q.mark().maintenance()),
    })
}

/// Will this request's line be written (the module's own request id is shown on
/// the page only then)? The same decision as `diagnose`, short of the limit.
pub(crate) fn line_enabled(r: Request<'_>, code: StatusCode) -> bool {
    let status = code.as_u16();
    // The highest level any cause of this status is logged at: at the default
    // LogLevel, a 4xx's line is never written and nothing needs looking up.
    let most = if status >= 500 {
        Level::Error
    } else {
        Level::Info
    };
    if !r.logs_at(level(most)) || !r.dir_config().log() {
        return false;
    }
    // Logged down to the most verbose level of any cause: no need to find which.
    if r.logs_at(level(causes::least_level(status))) {
        return true;
    }
    // A page is being written for an error: httpd's error path answers.
    let error_notes = r.chain().find_map(|q| q.note(ERROR_NOTES));
    let cause = cause_of(error_notes, r, status, phase_of(r), true);
    r.logs_at(level(cause.level(status)))
}

fn diagnose(r: Request<'_>) {
    let (origin, answered) = origin(r);
    let Some(code) = StatusCode::from_int(origin.status()).filter(|c| c.is_error()) else {
        return;
    };
    if !r.dir_config().log() {
        return;
    }
    let status = code.as_u16();
    let phase = phase_of(origin);
    let error_notes = r.chain().find_map(|q| q.note(ERROR_NOTES));
    let cause = cause_of(error_notes, origin, status, phase, answered);
    let at = level(cause.level(status));
    let id = r.shown_id();
    if NOTES_READ.load(Ordering::Relaxed) {
        set_notes(r, code, cause, id);
    }
    if !r.logs_at(at) {
        return;
    }
    let server = r.server_config();
    // SAFETY: apr_time_now has no preconditions.
    let now = unsafe { sys::apr_time_now() };
    if admit(server, code, now, at) == Admit::Skip {
        return;
    }
    let mut vhost_buffer = [0u8; VHOST_BYTES];
    let vhost = log_line::vhost(r.server_name(), r.server_port(), 0, &mut vhost_buffer);
    let redirects = log_line::redirects(r.chain().map(|q| (q.uri(), q.status())));
    let notes = error_notes.map(html_text);
    let values = Values {
        vhost: Some(vhost),
        file: origin.filename(),
        handler: origin.handler().or(r.final_request().handler()),
        user: origin.user(),
        notes: notes.as_deref(),
        redirects: redirects.as_deref().map(str::as_bytes),
        id: id.map(CStr::to_bytes),
        sent: r.chain().find_map(|q| q.mark().answer().sent()),
        phase: Some(phase),
        limit: limit(origin, status, error_notes),
        method: r.method(),
        uri: r.target(),
    };
    let line = diagnostic::line(cause, status, &values, server.log_line_length());
    r.log(at, line);
}

/// Other modules' notes are HTML: the line shows their text.
fn html_text(notes: &[u8]) -> Vec<u8> {
    mod_httpstatus_logic::notes::html_to_text(&notes[..notes.len().min(600)])
}

/// The limit a `limits` status is about, with its value where the request was
/// served; for a 400 or 431, core's note says whether the fields were too large
/// or too many.
fn limit(r: Request<'_>, status: u16, error_notes: Option<&[u8]>) -> Option<(&'static str, i64)> {
    let (line, field_size, fields) = r.header_limits();
    let too_many_fields = error_notes.is_some_and(|n| n.windows(13).any(|w| w == b"header fields"));
    match status {
        413 => Some(("LimitRequestBody", r.body_limit())),
        414 => Some(("LimitRequestLine", i64::from(line))),
        400 | 431 if too_many_fields => Some(("LimitRequestFields", i64::from(fields))),
        400 | 431 => Some(("LimitRequestFieldSize", i64::from(field_size))),
        _ => None,
    }
}

/// Puts the facts into the notes of the original and of the final request:
/// mod_log_config reads `%{...}n` from the final one, ErrorLogFormat from the one
/// being logged.
fn set_notes(r: Request<'_>, code: StatusCode, cause: Cause, id: Option<&CStr>) {
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
    add(c"httpstatus-cause", r.pool_c_str(cause.token()).into());
    add(c"httpstatus-reason", code.reason_text().into());
    add(c"httpstatus-class", code.class().pattern_text().into());
    add(c"httpstatus-hint", code.apache().hint.into());
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
