//! Whose status line a response gets: the administrator's (`HttpStatusReason`),
//! httpd's own, or the registry's.

use core::ffi::CStr;

use httpstatus::StatusCode;
use httpstatus::registry::CODE_COUNT;

/// httpd's own status line for one code, compared once with the registry's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HttpdLine {
    /// httpd's line, if httpd knows the code.
    pub line: Option<&'static CStr>,
    /// Is it byte for byte the registry's line?
    pub same_as_registry: bool,
}

impl HttpdLine {
    /// No line: a code httpd does not know, or httpd's lines not learned yet.
    pub const NONE: HttpdLine = HttpdLine {
        line: None,
        same_as_registry: false,
    };
}

/// httpd's status lines for every code from 100 to 599, learned once per process
/// (they live in the httpd binary).
pub struct HttpdLines([HttpdLine; CODE_COUNT]);

impl HttpdLines {
    /// Reads httpd's line for every code through `lookup`. httpd answers a code it
    /// does not know with its 500 line: a line that does not start with the code
    /// counts as none.
    pub fn learn(mut lookup: impl FnMut(StatusCode) -> Option<&'static CStr>) -> HttpdLines {
        let mut lines = [HttpdLine::NONE; CODE_COUNT];
        for code in StatusCode::all() {
            let line = lookup(code).filter(|l| {
                l.to_bytes()
                    .starts_with(code.code_text().as_str().as_bytes())
            });
            lines[code.index()] = HttpdLine {
                line,
                same_as_registry: line
                    .is_some_and(|l| l.to_bytes() == code.status_line().as_bytes()),
            };
        }
        HttpdLines(lines)
    }

    /// httpd's line for `code`.
    pub fn get(&self, code: StatusCode) -> HttpdLine {
        self.0[code.index()]
    }
}

/// The final codes (200-599) whose status line httpd writes right by itself in
/// every virtual host of a configuration: its own line is the registry's and no
/// `HttpStatusReason` names the code. A response with one of them and no line
/// set needs nothing; every response asks, so the answer is one bit per code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UntouchedLines(pub [u64; 8]);

impl UntouchedLines {
    /// The codes of `lines` that are the registry's, less those `configured`
    /// (an `HttpStatusReason` in some virtual host).
    pub fn learn(lines: &HttpdLines, configured: impl Fn(StatusCode) -> bool) -> UntouchedLines {
        let mut words = [0u64; 8];
        for code in StatusCode::all().filter(|c| c.as_u16() >= 200) {
            if lines.get(code).same_as_registry && !configured(code) {
                let bit = code.index();
                words[bit / 64] |= 1 << (bit % 64);
            }
        }
        UntouchedLines(words)
    }

    /// Is `status` one of them? Anything outside 200-599 is not.
    #[inline]
    pub fn contains(&self, status: i32) -> bool {
        untouched_in(status, |i| self.0[i])
    }
}

/// [`UntouchedLines::contains`] for a copy of its words kept elsewhere (the
/// module keeps them in atomics): `word(i)` reads word i (0-7), only the one
/// that holds `status`.
#[inline]
pub fn untouched_in(status: i32, word: impl Fn(usize) -> u64) -> bool {
    if !(200..600).contains(&status) {
        return false;
    }
    let bit = (status - 100) as usize;
    word(bit / 64) >> (bit % 64) & 1 != 0
}

/// Where the status line of a code without an `HttpStatusReason` comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineSource {
    /// httpd writes its own (which also spares it parsing ours).
    Httpd,
    /// The registry's line is set on the response.
    Registry,
}

/// The source of the status line for a code with no phrase configured:
/// httpd's own when it is the registry's, or when `HttpStatusPhrases httpd` asks
/// for it and httpd knows the code; the registry's otherwise.
pub fn unconfigured_source(httpd: HttpdLine, httpd_phrases: bool) -> LineSource {
    if httpd.same_as_registry || (httpd.line.is_some() && httpd_phrases) {
        LineSource::Httpd
    } else {
        LineSource::Registry
    }
}

/// The phrase documents show when it is not the registry's: the administrator's,
/// or httpd's own under `HttpStatusPhrases httpd`.
pub fn shown_phrase(
    configured: Option<&str>,
    httpd: HttpdLine,
    httpd_phrases: bool,
) -> Option<&str> {
    configured.or_else(|| {
        let theirs = httpd.line.filter(|_| httpd_phrases)?;
        core::str::from_utf8(theirs.to_bytes().get(4..)?).ok()
    })
}

/// Does a response with this status end with an interim (1xx) code? It cannot:
/// clients would read its body as the next response. A 101 that sends `Upgrade`
/// really switches protocols.
pub fn interim_would_end_response(status: i32, sends_upgrade: bool) -> bool {
    (100..200).contains(&status) && !(status == 101 && sends_upgrade)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(n: u16) -> StatusCode {
        StatusCode::new(n).unwrap()
    }

    /// httpd 2.4's table, in part: its 413 and 422 phrases are older than the
    /// registry's.
    fn httpd_lookup(code: StatusCode) -> Option<&'static CStr> {
        Some(match code.as_u16() {
            200 => c"200 OK",
            404 => c"404 Not Found",
            413 => c"413 Request Entity Too Large",
            _ => c"500 Internal Server Error",
        })
    }

    #[test]
    fn learns_which_lines_httpd_knows_and_which_match() {
        let lines = HttpdLines::learn(httpd_lookup);
        assert_eq!(lines.get(code(404)).line, Some(c"404 Not Found"));
        assert!(lines.get(code(404)).same_as_registry);
        assert!(!lines.get(code(413)).same_as_registry);
        assert_eq!(
            lines.get(code(420)).line,
            None,
            "500's line is no line for 420"
        );
        assert_eq!(
            lines.get(code(500)).line,
            Some(c"500 Internal Server Error")
        );
    }

    #[test]
    fn sources() {
        let lines = HttpdLines::learn(httpd_lookup);
        let source = |n, httpd_phrases| unconfigured_source(lines.get(code(n)), httpd_phrases);
        assert_eq!(source(404, false), LineSource::Httpd);
        assert_eq!(source(413, false), LineSource::Registry);
        assert_eq!(source(413, true), LineSource::Httpd);
        assert_eq!(source(420, true), LineSource::Registry);
    }

    #[test]
    fn phrases_shown() {
        let lines = HttpdLines::learn(httpd_lookup);
        let l413 = lines.get(code(413));
        assert_eq!(shown_phrase(Some("Too Big"), l413, true), Some("Too Big"));
        assert_eq!(
            shown_phrase(None, l413, true),
            Some("Request Entity Too Large")
        );
        assert_eq!(shown_phrase(None, l413, false), None);
        assert_eq!(shown_phrase(None, lines.get(code(420)), true), None);
    }

    #[test]
    fn untouched_lines_are_httpds_own_and_unconfigured() {
        let lines = HttpdLines::learn(httpd_lookup);
        let untouched = UntouchedLines::learn(&lines, |c| c.as_u16() == 500);
        assert!(untouched.contains(200) && untouched.contains(404));
        assert!(!untouched.contains(413), "httpd's phrase is older");
        assert!(!untouched.contains(420), "httpd does not know it");
        assert!(!untouched.contains(500), "a phrase is configured");
        for outside in [-1, 0, 99, 100, 101, 199, 600, 611, i32::MAX] {
            assert!(!untouched.contains(outside), "{outside}");
        }
        let everything = HttpdLines::learn(|c| match c.as_u16() {
            n if n < 200 => None,
            _ => CStr::from_bytes_until_nul(leak_line(c)).ok(),
        });
        let all = UntouchedLines::learn(&everything, |_| false);
        assert!((200..600).all(|n| all.contains(n)));
        assert!((100..200).all(|n| !all.contains(n)));
    }

    fn leak_line(code: StatusCode) -> &'static [u8] {
        Box::leak(
            format!("{}\0", code.status_line())
                .into_bytes()
                .into_boxed_slice(),
        )
    }

    #[test]
    fn interim_codes() {
        assert!(interim_would_end_response(100, false));
        assert!(interim_would_end_response(103, true));
        assert!(interim_would_end_response(101, false));
        assert!(!interim_would_end_response(101, true));
        assert!(!interim_would_end_response(200, false));
        assert!(!interim_would_end_response(99, false));
    }
}
