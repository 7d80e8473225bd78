//! The diagnostic line of one error response: its cause, its status, the facts
//! that cause is about, then what the client sent. Facts come first so that a
//! short budget cuts what the client sent before what the module observed; a
//! field the module has no value for is left out rather than shown empty.

use httpstatus::Format;

use crate::causes::{Cause, Phase};
use crate::log_line::Line;

/// The values a line may show, read from the request by the module. Text is as
/// httpd holds it; the line escapes it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Values<'a> {
    /// The virtual host's own name and port.
    pub vhost: Option<&'a [u8]>,
    /// The file the request was mapped to (for a missing file: the first part of
    /// the path that does not exist, as httpd's directory walk leaves it).
    pub file: Option<&'a [u8]>,
    /// The handler.
    pub handler: Option<&'a [u8]>,
    /// The user the client named (only shown for a refused login).
    pub user: Option<&'a [u8]>,
    /// Other modules' note about the error, as text.
    pub notes: Option<&'a [u8]>,
    /// The internal redirects, `"/a (404) -> /b (500)"`.
    pub redirects: Option<&'a [u8]>,
    /// The request id an operator can find the page by.
    pub id: Option<&'a [u8]>,
    /// The format of the document the module sent.
    pub sent: Option<Format>,
    /// The phase the status was set in.
    pub phase: Option<Phase>,
    /// The limit involved and its value (`LimitRequestBody`, 1024).
    pub limit: Option<(&'static str, i64)>,
    /// The method the client sent.
    pub method: Option<&'a [u8]>,
    /// The target the client sent.
    pub uri: Option<&'a [u8]>,
}

/// How much of each value a line shows at most.
const FACT_CAP: usize = 256;
const NOTES_CAP: usize = 200;
const METHOD_CAP: usize = 24;
const URI_CAP: usize = 256;

/// The name a phase has on the line.
pub const fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::Reading => "reading",
        Phase::Translation => "translation",
        Phase::Access => "access",
        Phase::Handler => "handler",
    }
}

/// The line for `cause` and `status`, at most `max` bytes (see `Line` for the
/// least budget a line needs).
pub fn line(cause: Cause, status: u16, v: &Values<'_>, max: usize) -> Vec<u8> {
    let mut line = Line::new(max);
    line.word("cause", cause.token());
    line.number("status", u64::from(status));
    match cause {
        Cause::Rule => {
            if let Some(phase) = v.phase {
                line.word("phase", phase_name(phase));
            }
        }
        Cause::Limits => {
            if let Some((name, value)) = v.limit {
                line.word("limit", name);
                line.number("value", value.max(0) as u64);
            }
        }
        _ => {}
    }
    if let Some(format) = v.sent {
        line.word("sent", format.name());
    }
    let is_backend = matches!(
        cause,
        Cause::BackEndUnreachable
            | Cause::BackEndTimeout
            | Cause::BackEndFailed
            | Cause::BackEndStatus
    );
    let file_key = match cause {
        Cause::MissingFile => "missing",
        Cause::DirectoryWithoutIndex => "directory",
        Cause::ScriptFailed => "script",
        _ => "file",
    };
    let backend = v.file.map(|f| f.strip_prefix(b"proxy:").unwrap_or(f));
    let shows_notes = matches!(
        cause,
        Cause::Protocol | Cause::Configuration | Cause::Unknown | Cause::Limits | Cause::Handler
    ) || is_backend;
    let shows_handler = matches!(
        cause,
        Cause::Application | Cause::Handler | Cause::ScriptFailed | Cause::Unknown
    );
    let shows_file = !is_backend
        && matches!(
            cause,
            Cause::MissingFile
                | Cause::DirectoryWithoutIndex
                | Cause::ScriptFailed
                | Cause::Denied
                | Cause::Application
                | Cause::Handler
                | Cause::Unknown
        );
    let candidates: [(&str, Option<&[u8]>, usize); 10] = [
        (file_key, v.file.filter(|_| shows_file), FACT_CAP),
        ("backend", backend.filter(|_| is_backend), FACT_CAP),
        ("handler", v.handler.filter(|_| shows_handler), 64),
        ("notes", v.notes.filter(|_| shows_notes), NOTES_CAP),
        ("redirects", v.redirects, FACT_CAP),
        ("vhost", v.vhost, 128),
        ("id", v.id, 48),
        // What the client sent: cut first.
        ("user", v.user.filter(|_| cause == Cause::AuthFailed), 64),
        ("method", v.method, METHOD_CAP),
        ("uri", v.uri, URI_CAP),
    ];
    let mut fields = [("", None, 0); 10];
    let mut count = 0;
    for field in candidates
        .into_iter()
        .filter(|(_, value, _)| value.is_some())
    {
        fields[count] = field;
        count += 1;
    }
    line.quoted_fields(&fields[..count]);
    line.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(cause: Cause, status: u16, v: &Values<'_>) -> String {
        String::from_utf8(line(cause, status, v, 1024)).unwrap()
    }

    /// What curl sends for a missing page on a typical Debian site.
    fn curl_404() -> Values<'static> {
        Values {
            vhost: Some(b"www.example.org:80"),
            file: Some(b"/var/www/html/no/such"),
            handler: None,
            id: Some(b"Z1Y2X3W4V5U6T7S8R9Q0@AAAAAE"),
            sent: Some(Format::Html),
            method: Some(b"GET"),
            uri: Some(b"/no/such/page.html"),
            ..Values::default()
        }
    }

    #[test]
    fn a_missing_file_names_the_part_that_is_missing() {
        let line = text(Cause::MissingFile, 404, &curl_404());
        assert_eq!(
            line,
            "cause=missing-file status=404 sent=html missing=\"/var/www/html/no/such\" \
             vhost=\"www.example.org:80\" id=\"Z1Y2X3W4V5U6T7S8R9Q0@AAAAAE\" method=\"GET\" \
             uri=\"/no/such/page.html\""
        );
        assert!(line.len() <= 320, "{}", line.len());
    }

    #[test]
    fn common_lines_fit_320_bytes() {
        let denied = Values {
            file: Some(b"/var/www/html/private/report.pdf"),
            ..curl_404()
        };
        let backend = Values {
            file: Some(b"proxy:http://127.0.0.1:8080/app/orders?id=42"),
            handler: Some(b"proxy-server"),
            notes: Some(b"The proxy server could not handle the request. Reason: Error reading from remote server"),
            ..curl_404()
        };
        for (cause, status, v) in [
            (Cause::Denied, 403, denied),
            (Cause::BackEndUnreachable, 503, backend),
            (Cause::MissingFile, 404, curl_404()),
        ] {
            let l = text(cause, status, &v);
            assert!(l.len() <= 320, "{cause}: {} bytes: {l}", l.len());
        }
        let b = text(Cause::BackEndUnreachable, 503, &backend);
        assert!(
            b.contains("backend=\"http://127.0.0.1:8080/app/orders?id=42\""),
            "{b}"
        );
        assert!(!b.contains("file="), "{b}");
    }

    #[test]
    fn each_cause_shows_its_own_facts_only() {
        let v = Values {
            user: Some(b"alice"),
            notes: Some(b"some note"),
            handler: Some(b"cgi-script"),
            phase: Some(Phase::Translation),
            limit: Some(("LimitRequestBody", 1024)),
            ..curl_404()
        };
        let rule = text(Cause::Rule, 503, &v);
        assert!(
            rule.starts_with("cause=rule status=503 phase=translation "),
            "{rule}"
        );
        assert!(!rule.contains("user=") && !rule.contains("notes=") && !rule.contains("file="));
        let auth = text(Cause::AuthFailed, 401, &v);
        assert!(auth.contains("user=\"alice\""), "{auth}");
        assert!(!text(Cause::AuthChallenge, 401, &v).contains("user="));
        let limits = text(Cause::Limits, 413, &v);
        assert!(
            limits.contains("limit=LimitRequestBody value=1024"),
            "{limits}"
        );
        let script = text(Cause::ScriptFailed, 500, &v);
        assert!(
            script.contains("script=\"/var/www/html/no/such\"")
                && script.contains("handler=\"cgi-script\"")
        );
        // No advice, no derivable fields, the client address left to httpd.
        for cause in Cause::ALL {
            let l = text(*cause, 404, &v);
            for absent in ["reason=", "class=", "client=", "hint=", "ua=", "referer="] {
                assert!(!l.contains(absent), "{cause}: {l}");
            }
        }
    }

    #[test]
    fn absent_values_are_left_out_and_the_budget_cuts_what_the_client_sent() {
        let bare = text(Cause::Timeout, 408, &Values::default());
        assert_eq!(bare, "cause=timeout status=408");
        let long_uri = vec![b'a'; 5000];
        let v = Values {
            uri: Some(&long_uri),
            ..curl_404()
        };
        let l = String::from_utf8(line(Cause::MissingFile, 404, &v, 256)).unwrap();
        assert!(l.len() <= 256, "{}", l.len());
        assert!(
            l.contains("missing=\"/var/www/html/no/such\""),
            "facts kept whole: {l}"
        );
        assert!(l.ends_with("...\""), "{l}");
    }
}
