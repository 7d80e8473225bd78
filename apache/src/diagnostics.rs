//! One diagnostic error-log line per error response, and the same facts in
//! `r->notes` for LogFormat / ErrorLogFormat `%{httpstatus-...}n`.
//!
//! Safe to read and bounded to write: every value is escaped here (bytes outside
//! printable ASCII, `"`, `%` and `\` become `%XX`), so httpd's own escaping has
//! nothing left to do, no value can open or close a field, and the line's length
//! is what this module decides (`HttpStatusLogLineLength`). httpd's raw
//! `, referer: ...` suffix is left out (the line carries the referer itself). A
//! child writes at most `HttpStatusLogLimit` lines per second for one status and
//! then says how many it left out. Hints look at file metadata only, with a small
//! fixed number of `stat`s: never a directory listing, never an `open`.

use core::ffi::{CStr, c_char, c_int};
use core::sync::atomic::{AtomicU64, Ordering};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::ErrorKind;
use std::io::Write as _;
use std::path::Path;

use httpstatus::StatusCode;
use httpstatus::render::{BufferSink, Sink};

use crate::config::{ServerConfig, dir_config, server_config};
use crate::glue::{c_bytes, guard, pool_str, table_get};
use crate::notes::html_to_text;
use crate::request::{chain, final_request, own_mark, request_id};
use crate::sys;

fn bytes<'a>(p: *const c_char) -> Option<&'a [u8]> {
    // SAFETY: every pointer passed here is NULL or a NUL-terminated string owned by
    // a request or server that outlives the log_transaction hook.
    unsafe { c_bytes(p) }
}

/// `log_transaction` hook: once per client request, after the response.
pub(crate) unsafe extern "C" fn log_transaction(r: *mut sys::request_rec) -> c_int {
    // SAFETY: httpd passes the original, live request; a shared reference for the
    // check only.
    if chain(unsafe { &*r }).all(|q| q.status < 400) {
        // Most responses are no error: nothing to look up for them. (Loads and
        // comparisons only: nothing here can panic, so no guard is needed.)
        return sys::DECLINED;
    }
    // SAFETY: as above.
    guard((), || diagnose(unsafe { &mut *r }));
    sys::DECLINED
}

/// The request whose response the client received: the last one this module saw
/// answer through httpd's error path (a failing ErrorDocument target makes httpd
/// answer with the original request), else the last internal redirect.
fn responder(r: &sys::request_rec) -> &sys::request_rec {
    chain(r)
        .filter(|q| own_mark(q).is_some())
        .last()
        .unwrap_or_else(|| final_request(r))
}

fn diagnose(r: &mut sys::request_rec) {
    let responder: *const sys::request_rec = responder(r);
    // SAFETY: r itself or a live request further down its chain.
    let responder = unsafe { &*responder };
    let Some(code) = StatusCode::from_int(responder.status) else {
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
    let server = server_config(r);
    // The clock is read only for a line that may be written.
    let (admitted, now) = if logged {
        // SAFETY: apr_time_now has no preconditions.
        let now = unsafe { sys::apr_time_now() };
        (admit(&server, code, now), now)
    } else {
        (Admit::Skip, 0)
    };
    // The specific hint probes the file system: only worth it for a line that is
    // written. The notes otherwise carry the registry's general hint.
    let hint: Cow<'static, str> = match admitted {
        Admit::Write { .. } => Cow::Owned(hint(r, responder, code)),
        Admit::Skip => Cow::Borrowed(code.apache().hint.as_str()),
    };
    let sent = own_mark(responder).filter(|format| format.len() > 1);
    // SAFETY: r is live and not otherwise borrowed during the call.
    let id = unsafe { request_id(&raw mut *r) };
    let specific_hint = match &hint {
        Cow::Owned(h) => Some(h.as_str()),
        Cow::Borrowed(_) => None,
    };
    set_notes(r, code, specific_hint, id);
    let Admit::Write { suppressed } = admitted else {
        return;
    };
    if suppressed > 0 {
        let summary = format!(
            "status={} suppressed={suppressed} note=\"{suppressed} more lines for status {} \
             were left out within one second (HttpStatusLogLimit {})\"",
            code.as_u16(),
            code.as_u16(),
            server.log_limit()
        );
        log(r, level, summary.into_bytes());
    }

    let last = final_request(r);
    let mut vhost_buffer = [0u8; VHOST_BYTES];
    // SAFETY: r->server is always set.
    let vhost = own_server_name(r, unsafe { &*r.server }, &mut vhost_buffer);
    let redirects = redirects(r);
    let mut line = Line::new(server.log_line_length());
    line.word("status", code.code_text().as_str());
    line.word("class", code.class().pattern());
    line.number("time_us", u64::try_from(now - r.request_time).unwrap_or(0));
    // Short facts first, then the long ones: whatever the budget leaves is shared
    // by the fields that can be long.
    let fields: [(&str, Option<&[u8]>, usize); 13] = [
        ("reason", Some(code.reason().as_bytes()), 120),
        ("method", bytes(r.method), 24),
        ("vhost", Some(vhost), 128),
        ("client", bytes(r.useragent_ip), 48),
        ("id", id, 48),
        ("handler", bytes(last.handler), 40),
        ("sent", sent, 8),
        (
            "uri",
            bytes(r.unparsed_uri).or_else(|| bytes(r.the_request)),
            256,
        ),
        ("file", bytes(r.filename), 256),
        ("redirects", redirects.as_deref().map(str::as_bytes), 256),
        ("ua", table_get(r.headers_in, c"User-Agent"), 128),
        ("referer", table_get(r.headers_in, c"Referer"), 128),
        ("hint", Some(hint.as_bytes()), 480),
    ];
    let mut still_needed: usize = fields.iter().map(|(key, ..)| Line::least(key)).sum();
    for (key, value, cap) in fields {
        still_needed -= Line::least(key);
        line.quoted(key, value, cap, still_needed);
    }
    log(r, level, line.finish());
}

/// Logs `message`, which holds no NUL byte: every value in it went through
/// `push_escaped` (a NUL becomes %00), the rest is this module's own ASCII.
fn log(r: &sys::request_rec, level: c_int, mut message: Vec<u8>) {
    message.push(0);
    // SAFETY: a NUL-terminated message that lives across the call, logged with
    // "%s" by the shim.
    unsafe { sys::httpstatus_shim_log(r, level, message.as_ptr().cast()) };
}

/// Puts the facts into the notes of the original and of the final request:
/// mod_log_config reads `%{...}n` from the final one, ErrorLogFormat from the one
/// being logged.
/// `specific_hint` is None when the registry's general hint is the one to note.
fn set_notes(
    r: &sys::request_rec,
    code: StatusCode,
    specific_hint: Option<&str>,
    id: Option<&[u8]>,
) {
    let (first_notes, last_notes) = (r.notes, final_request(r).notes);
    // Added, not set: this hook runs once per request, so the notes are new, and
    // setting would compare against every note that shares the "http" prefix.
    let set = |key: &CStr, value: *const c_char| {
        // SAFETY: both tables belong to live requests; values are static registry
        // strings or NUL-terminated strings of the request pool, which outlive them.
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
        specific_hint.map_or(code.apache().hint.as_ptr(), |h| pool_str(r.pool, h)),
    );
    if let Some(id) = id {
        // The id comes from a NUL-terminated pool string (UNIQUE_ID or log_id).
        set(c"httpstatus-request-id", id.as_ptr().cast());
    }
}

// ----- how many lines ------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Admit {
    /// Write the line; `suppressed` lines for the same status were left out in the
    /// last second that had any.
    Write {
        suppressed: u32,
    },
    Skip,
}

/// Counts a line for `code` against this child's limit.
fn admit(server: &ServerConfig, code: StatusCode, now: sys::apr_time_t) -> Admit {
    let limit = server.log_limit();
    match server.log_counters() {
        Some(counters) if limit > 0 => {
            let second = (now / 1_000_000) as u32;
            count_line(&counters[code.index()], second, limit)
        }
        _ => Admit::Write { suppressed: 0 },
    }
}

/// One counter: the second it counts in the high 32 bits, the lines seen in that
/// second in the low 32 bits. Lock-free; threads of one child share it.
fn count_line(counter: &AtomicU64, second: u32, limit: u32) -> Admit {
    let mut seen = counter.load(Ordering::Relaxed);
    loop {
        let (counted_second, lines) = ((seen >> 32) as u32, seen as u32);
        let (next, admit) = if counted_second != second {
            let left_out = lines.saturating_sub(limit);
            let next = (u64::from(second) << 32) | 1;
            (
                next,
                Admit::Write {
                    suppressed: left_out,
                },
            )
        } else {
            let lines = lines.saturating_add(1);
            let next = (u64::from(second) << 32) | u64::from(lines);
            let admit = if lines <= limit {
                Admit::Write { suppressed: 0 }
            } else {
                Admit::Skip
            };
            (next, admit)
        };
        match counter.compare_exchange_weak(seen, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return admit,
            Err(now_seen) => seen = now_seen,
        }
    }
}

// ----- the line ---------------------------------------------------------------------------

/// A `key="value"` line within a byte budget, escaped as the module header says.
struct Line {
    /// ASCII only: everything outside printable ASCII is escaped.
    text: Vec<u8>,
    max: usize,
}

const CUT_MARK: &str = "...";

impl Line {
    fn new(max: usize) -> Self {
        Line {
            // One more for the NUL the C string adds, so it never reallocates.
            text: Vec::with_capacity(max + 1),
            max,
        }
    }

    /// The least room a field takes: ` key="..."`.
    fn least(key: &str) -> usize {
        key.len() + 4 + CUT_MARK.len()
    }

    /// An unquoted field of ours (digits, registry words).
    fn word(&mut self, key: &str, value: &str) {
        if !self.text.is_empty() {
            self.text.push(b' ');
        }
        debug_assert!(value.bytes().all(|b| b.is_ascii_alphanumeric()));
        self.text.extend_from_slice(key.as_bytes());
        self.text.push(b'=');
        self.text.extend_from_slice(value.as_bytes());
    }

    /// An unquoted number.
    fn number(&mut self, key: &str, value: u64) {
        self.text.push(b' ');
        self.text.extend_from_slice(key.as_bytes());
        self.text.push(b'=');
        // Writing into a Vec cannot fail.
        let _ = write!(self.text, "{value}");
    }

    /// A quoted field: `value` escaped, cut to `cap` bytes and to what the budget
    /// leaves after `reserve` bytes for the fields that follow; `"-"` when absent.
    fn quoted(&mut self, key: &str, value: Option<&[u8]>, cap: usize, reserve: usize) {
        self.text.push(b' ');
        self.text.extend_from_slice(key.as_bytes());
        self.text.extend_from_slice(b"=\"");
        let room = self
            .max
            .saturating_sub(self.text.len() + 1 + reserve)
            .min(cap)
            .max(CUT_MARK.len());
        match value {
            None => self.text.push(b'-'),
            Some(value) => push_escaped(&mut self.text, value, room),
        }
        self.text.push(b'"');
    }

    fn finish(self) -> Vec<u8> {
        self.text
    }
}

/// Appends `value` escaped, in at most `room` bytes (at least CUT_MARK's length):
/// printable ASCII as it is, except `"`, `%` and `\`, which like every other byte
/// become `%XX`. A value that does not fit ends in CUT_MARK.
fn push_escaped(out: &mut Vec<u8>, value: &[u8], room: usize) {
    let plain = |b: u8| LOG_PLAIN[usize::from(b)];
    // Nearly every value: nothing to escape, and it fits.
    if value.len() <= room && value.iter().all(|&b| plain(b)) {
        out.extend_from_slice(value);
        return;
    }
    let width = |b: u8| if plain(b) { 1 } else { 3 };
    let whole: usize = value.iter().map(|&b| width(b)).sum();
    let budget = if whole <= room {
        room
    } else {
        room - CUT_MARK.len()
    };
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut used = 0;
    let mut plain_from = 0;
    let mut end = value.len();
    for (i, &b) in value.iter().enumerate() {
        used += width(b);
        if used > budget {
            end = i;
            break;
        }
        if !plain(b) {
            // Runs of plain bytes are appended whole.
            out.extend_from_slice(&value[plain_from..i]);
            out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xF)]]);
            plain_from = i + 1;
        }
    }
    out.extend_from_slice(&value[plain_from..end]);
    if whole > room {
        out.extend_from_slice(CUT_MARK.as_bytes());
    }
}

/// The bytes a log value keeps as they are: printable ASCII but `"`, `%` and `\`.
static LOG_PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0x20;
    while b < 0x7f {
        table[b] = !matches!(b as u8, b'"' | b'%' | b'\\');
        b += 1;
    }
    table
};

/// Room for a virtual host's name and port (the line cuts the field further).
const VHOST_BYTES: usize = 160;

/// The virtual host's own name and port (never the client's Host header), written
/// into `buffer` (cut to its size).
fn own_server_name<'b>(
    r: &sys::request_rec,
    server: &sys::server_rec,
    buffer: &'b mut [u8; VHOST_BYTES],
) -> &'b [u8] {
    let port = if server.port != 0 {
        server.port
    } else {
        // SAFETY: a live request has a connection with its local address.
        unsafe { (*r.connection).local_addr.as_ref() }.map_or(0, |a| a.port)
    };
    let mut out = BufferSink::new(buffer);
    out.put(bytes(server.server_hostname).unwrap_or(b"-"));
    out.put(b":");
    out.put_u16(port);
    let len = out.needed().min(VHOST_BYTES);
    &buffer[..len]
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

// ----- hints --------------------------------------------------------------------------------

/// A specific hint for the operator: what this request shows, then the registry's
/// general advice for the code. Written into one string sized for it.
fn hint(r: &sys::request_rec, responder: &sys::request_rec, code: StatusCode) -> String {
    let general = code.apache().hint.as_str();
    let mut out = String::with_capacity(HINT_BYTES + general.len());
    let last = final_request(r);
    // The client got the original error although an ErrorDocument was tried.
    if !core::ptr::eq(responder, last) && last.status >= 400 {
        let _ = write!(
            out,
            "the ErrorDocument {} failed with {}, so httpd sent its own {} page. ",
            String::from_utf8_lossy(bytes(last.uri).unwrap_or(b"-")),
            last.status,
            code.as_u16()
        );
    }
    let file = bytes(r.filename).map(String::from_utf8_lossy);
    let handler = bytes(last.handler).map(String::from_utf8_lossy);
    // SAFETY: r->server is always set.
    let server = unsafe { &*r.server };
    let before = out.len();
    // What a module said about the error beats any guess (mod_ssl's "plain HTTP to
    // a TLS port", core's header limits, a CGI's failure).
    if let Some(notes) = chain(r).find_map(|q| table_get(q.notes, c"error-notes")) {
        let text = html_to_text(&notes[..notes.len().min(600)]);
        out.push_str("error notes: ");
        out.push_str(&String::from_utf8_lossy(&text));
    } else {
        match code.as_u16() {
            404 => {
                if let Some(f) = file.as_deref() {
                    missing_file_hint(&mut out, f, handler.as_deref());
                }
            }
            // Access rules refuse in the access phase, before a handler is chosen; a
            // directory listing is refused by its handler. The file system alone
            // cannot tell the two apart.
            403 if handler.is_none() => out.push_str(
                "refused by an access rule (Require, Deny, RewriteRule [F]) before any \
                 handler ran",
            ),
            403 => {
                if let Some(f) = file.as_deref() {
                    forbidden_hint(&mut out, f);
                }
            }
            502..=504 => {
                if let Some(backend) = file.as_deref().and_then(|f| f.strip_prefix("proxy:")) {
                    out.push_str("back end ");
                    out.push_str(backend);
                }
            }
            // SAFETY: reads r's core configuration.
            413 => {
                let limit = unsafe { sys::ap_get_limit_req_body(r) };
                let _ = write!(out, "LimitRequestBody here is {limit} bytes");
            }
            414 => {
                let _ = write!(out, "LimitRequestLine is {} bytes", server.limit_req_line);
            }
            400 | 431 => {
                let _ = write!(
                    out,
                    "LimitRequestFieldSize is {} bytes, LimitRequestFields {}",
                    server.limit_req_fieldsize, server.limit_req_fields
                );
            }
            _ => {}
        }
    }
    if out.len() > before {
        out.push_str(". ");
    }
    out.push_str(general);
    out
}

/// What a hint usually takes beyond the general advice (a file name or two and
/// a sentence); more only costs a reallocation.
const HINT_BYTES: usize = 320;

/// Appends what a 404's file name shows, from at most four `stat`s.
fn missing_file_hint(out: &mut String, file: &str, handler: Option<&str>) {
    let path = Path::new(file);
    if !path.is_absolute() {
        return;
    }
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            out.push_str(file);
            out.push_str(
                " is a directory with no DirectoryIndex file, and mod_autoindex does not list it",
            );
        }
        // A CGI script or another handler answered 404 for a file that is there.
        Ok(_) => {
            out.push_str(file);
            out.push_str(" exists; the 404 came from its handler (");
            out.push_str(handler.unwrap_or("none set"));
            out.push_str("), not from a missing file");
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {
            // The file name is the part after the last slash (the path is absolute).
            let Some(slash) = file.rfind('/') else {
                return;
            };
            let (parent, name) = (&file[..slash.max(1)], &file[slash + 1..]);
            if !Path::new(parent).is_dir() {
                out.push_str("directory ");
                out.push_str(parent);
                out.push_str(" does not exist");
                return;
            }
            out.push_str(file);
            match case_twin(Path::new(parent), name) {
                Some(other) => {
                    out.push_str(" does not exist, but ");
                    out.push_str(&other);
                    out.push_str(
                        " does: file names are case-sensitive (mod_speling's CheckCaseOnly can \
                         redirect)",
                    );
                }
                None => out.push_str(" does not exist"),
            }
        }
        Err(e) => {
            let _ = write!(out, "{file} cannot be looked at: {e}");
        }
    }
}

/// The most common spelling surprise, checked with at most two `stat`s (never a
/// directory listing, whose cost a client could choose): the name in lower case,
/// or with only its first letter in upper case.
fn case_twin(parent: &Path, name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    let mut chars = lower.chars();
    let capitalized: String = chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    [lower, capitalized]
        .into_iter()
        .filter(|candidate| candidate != name)
        .take(2)
        .find(|candidate| parent.join(candidate).exists())
}

/// Appends what a 403's file shows, from one `stat` and one `access` (which never
/// opens the file, so a FIFO or a slow device cannot block the worker).
fn forbidden_hint(out: &mut String, file: &str) {
    let path = Path::new(file);
    if !path.is_absolute() {
        return;
    }
    let (before, after) = match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => (
            "",
            " is a directory without a DirectoryIndex file, and Options -Indexes forbids a \
             listing",
        ),
        Ok(meta) if !meta.is_file() => ("", " is not a regular file (a FIFO, socket or device)"),
        Ok(_) if !readable(file) => ("the httpd user may not read ", " (file-system permissions)"),
        Ok(_) => ("", " is readable, yet its handler refused it"),
        Err(e) if e.kind() == ErrorKind::PermissionDenied => (
            "a directory above ",
            " is not searchable by the httpd user (needs +x)",
        ),
        Err(_) => return,
    };
    out.push_str(before);
    out.push_str(file);
    out.push_str(after);
}

/// May this process read `file`? access(2) checks permissions without opening.
fn readable(file: &str) -> bool {
    let Ok(path) = std::ffi::CString::new(file) else {
        return true;
    };
    // SAFETY: a NUL-terminated path; access only reads it.
    unsafe { libc::access(path.as_ptr(), libc::R_OK) == 0 }
}
