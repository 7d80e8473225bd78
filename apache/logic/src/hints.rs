//! The operator's hint in the log line: what this request shows about its error,
//! then the registry's general advice for the code.
//!
//! The file system is looked at through metadata only, with a small fixed number
//! of `stat`s (at most four for a 404, one for a 403, and the caller's
//! readability check): never a directory listing, whose cost a client could
//! choose, and never an `open`, which could block on a FIFO or a slow device.

use std::fmt::Write as _;
use std::io::ErrorKind;
use std::path::Path;

use httpstatus::StatusCode;

use crate::notes::html_to_text;

/// What the module knows about an error response, read from httpd's structures.
#[derive(Clone, Copy, Debug)]
pub struct Facts<'a> {
    /// The status the client received.
    pub code: StatusCode,
    /// The last internal redirect, when a request before it answered the client
    /// (httpd answers with the original error when the ErrorDocument fails).
    pub error_document: Option<Redirect<'a>>,
    /// The original request's file name (`proxy:` and the URL for a back end).
    pub file: Option<&'a [u8]>,
    /// The handler of the last internal redirect.
    pub handler: Option<&'a [u8]>,
    /// The first `error-notes` note along the requests, as HTML.
    pub error_notes: Option<&'a [u8]>,
    /// The limits that cause some errors.
    pub limits: Limits,
}

/// A request of the internal-redirect chain.
#[derive(Clone, Copy, Debug)]
pub struct Redirect<'a> {
    /// Its URI.
    pub uri: Option<&'a [u8]>,
    /// Its status.
    pub status: i32,
}

/// httpd's request limits in force for the request.
#[derive(Clone, Copy, Debug, Default)]
pub struct Limits {
    /// `LimitRequestBody`, in bytes (0: unlimited).
    pub request_body: i64,
    /// `LimitRequestLine`, in bytes.
    pub request_line: i32,
    /// `LimitRequestFieldSize`, in bytes.
    pub request_field_size: i32,
    /// `LimitRequestFields`.
    pub request_fields: i32,
}

/// Bytes of the error notes a hint shows (the line cuts it further).
pub const ERROR_NOTES_BYTES: usize = 600;

/// What a hint usually takes beyond the general advice (a file name or two and
/// a sentence); more only costs a reallocation.
const HINT_BYTES: usize = 320;

/// The specific hint for an error: a failed ErrorDocument first; then what a
/// module said (the error notes), or else what the code's usual cause shows (the
/// file system for 404 and 403, the back end, the limit); then the registry's
/// general hint. `readable` tells whether the httpd user may read a file.
pub fn hint(facts: &Facts<'_>, readable: &dyn Fn(&str) -> bool) -> String {
    let code = facts.code;
    let general = code.apache().hint.as_str();
    let mut out = String::with_capacity(HINT_BYTES + general.len());
    if let Some(last) = facts.error_document.filter(|last| last.status >= 400) {
        let _ = write!(
            out,
            "the ErrorDocument {} failed with {}, so httpd sent its own {} page. ",
            String::from_utf8_lossy(last.uri.unwrap_or(b"-")),
            last.status,
            code.as_u16()
        );
    }
    let file = facts.file.map(String::from_utf8_lossy);
    let handler = facts.handler.map(String::from_utf8_lossy);
    let before = out.len();
    // What a module said about the error beats any guess (mod_ssl's "plain HTTP to
    // a TLS port", core's header limits, a CGI's failure).
    if let Some(notes) = facts.error_notes {
        let text = html_to_text(&notes[..notes.len().min(ERROR_NOTES_BYTES)]);
        out.push_str("error notes: ");
        out.push_str(&String::from_utf8_lossy(&text));
    } else {
        let limits = facts.limits;
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
                    forbidden_hint(&mut out, f, readable);
                }
            }
            502..=504 => {
                if let Some(backend) = file.as_deref().and_then(|f| f.strip_prefix("proxy:")) {
                    out.push_str("back end ");
                    out.push_str(backend);
                }
            }
            413 => {
                let _ = write!(
                    out,
                    "LimitRequestBody here is {} bytes",
                    limits.request_body
                );
            }
            414 => {
                let _ = write!(out, "LimitRequestLine is {} bytes", limits.request_line);
            }
            400 | 431 => {
                let _ = write!(
                    out,
                    "LimitRequestFieldSize is {} bytes, LimitRequestFields {}",
                    limits.request_field_size, limits.request_fields
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

/// Appends what a 404's file name shows, from at most four `stat`s: the file,
/// its directory, and two spellings (see [`case_twin`]). Nothing for a relative
/// name.
pub fn missing_file_hint(out: &mut String, file: &str, handler: Option<&str>) {
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
/// directory listing): the name in lower case, or with only its first letter in
/// upper case, whichever differs from `name` and exists in `parent`.
pub fn case_twin(parent: &Path, name: &str) -> Option<String> {
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

/// Appends what a 403's file shows, from one `stat` and, for a regular file,
/// `readable` (which must not open the file: access(2) in the module). Nothing
/// for a relative name or one that cannot be looked at for another reason.
pub fn forbidden_hint(out: &mut String, file: &str, readable: &dyn Fn(&str) -> bool) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A fresh directory of its own under the system's temporary directory,
    /// removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir = std::env::temp_dir()
                .join(format!("httpstatus-hints-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            Scratch(dir)
        }

        fn path(&self, name: &str) -> String {
            self.0.join(name).to_str().unwrap().to_owned()
        }

        fn file(&self, name: &str) -> String {
            std::fs::write(self.0.join(name), b"x").unwrap();
            self.path(name)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn code(n: u16) -> StatusCode {
        StatusCode::from_int(i32::from(n)).unwrap()
    }

    fn facts<'a>(n: u16) -> Facts<'a> {
        Facts {
            code: code(n),
            error_document: None,
            file: None,
            handler: None,
            error_notes: None,
            limits: Limits::default(),
        }
    }

    fn readable(_: &str) -> bool {
        true
    }

    fn missing(file: &str, handler: Option<&str>) -> String {
        let mut out = String::new();
        missing_file_hint(&mut out, file, handler);
        out
    }

    fn forbidden(file: &str, readable: &dyn Fn(&str) -> bool) -> String {
        let mut out = String::new();
        forbidden_hint(&mut out, file, readable);
        out
    }

    #[test]
    fn a_404_names_what_the_file_system_shows() {
        let dir = Scratch::new("404");
        std::fs::create_dir(dir.0.join("sub")).unwrap();
        let sub = dir.path("sub");
        assert_eq!(
            missing(&sub, None),
            format!(
                "{sub} is a directory with no DirectoryIndex file, and mod_autoindex does not list it"
            )
        );
        let script = dir.file("script.cgi");
        assert_eq!(
            missing(&script, Some("cgi-script")),
            format!(
                "{script} exists; the 404 came from its handler (cgi-script), not from a missing file"
            )
        );
        assert!(missing(&script, None).contains("(none set)"));
        let absent = dir.path("absent.html");
        assert_eq!(missing(&absent, None), format!("{absent} does not exist"));
        let parent = dir.path("nodir");
        assert_eq!(
            missing(&format!("{parent}/x.html"), None),
            format!("directory {parent} does not exist")
        );
        assert_eq!(missing("relative/x.html", None), "");
        assert_eq!(
            missing("/httpstatus-no-such-file", None),
            "/httpstatus-no-such-file does not exist"
        );
    }

    #[test]
    fn a_404_finds_the_other_case() {
        let dir = Scratch::new("case");
        dir.file("Index.html");
        dir.file("photo.jpg");
        let asked = dir.path("index.html");
        assert_eq!(
            missing(&asked, None),
            format!(
                "{asked} does not exist, but Index.html does: file names are case-sensitive \
                 (mod_speling's CheckCaseOnly can redirect)"
            )
        );
        assert_eq!(case_twin(&dir.0, "Photo.JPG").as_deref(), Some("photo.jpg"));
        assert_eq!(
            case_twin(&dir.0, "INDEX.HTML").as_deref(),
            Some("Index.html")
        );
        assert_eq!(case_twin(&dir.0, "other.html"), None);
        // The name itself is never its own twin.
        assert_eq!(case_twin(&dir.0, "photo.jpg"), None);
        assert_eq!(case_twin(&dir.0, ""), None);
    }

    #[test]
    fn a_403_tells_directories_special_files_and_permissions_apart() {
        let dir = Scratch::new("403");
        let d = dir.path("");
        let d = d.trim_end_matches('/');
        assert_eq!(
            forbidden(d, &readable),
            format!(
                "{d} is a directory without a DirectoryIndex file, and Options -Indexes forbids a listing"
            )
        );
        let socket = dir.path("socket");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        assert_eq!(
            forbidden(&socket, &readable),
            format!("{socket} is not a regular file (a FIFO, socket or device)")
        );
        let file = dir.file("secret.html");
        assert_eq!(
            forbidden(&file, &|_| false),
            format!("the httpd user may not read {file} (file-system permissions)")
        );
        assert_eq!(
            forbidden(&file, &readable),
            format!("{file} is readable, yet its handler refused it")
        );
        assert_eq!(forbidden(&dir.path("absent"), &readable), "");
        assert_eq!(forbidden("relative", &readable), "");
    }

    #[test]
    fn readability_is_asked_only_for_a_regular_file() {
        let dir = Scratch::new("asked");
        let asked = std::cell::Cell::new(0);
        let count = |_: &str| {
            asked.set(asked.get() + 1);
            true
        };
        forbidden(&dir.path("absent"), &count);
        forbidden(dir.path("").trim_end_matches('/'), &count);
        assert_eq!(asked.get(), 0);
        forbidden(&dir.file("f"), &count);
        assert_eq!(asked.get(), 1);
    }

    #[test]
    fn the_hint_ends_with_the_general_advice() {
        for n in [404, 418, 500, 599] {
            let general = code(n).apache().hint.as_str();
            assert_eq!(hint(&facts(n), &readable), general, "{n}");
        }
    }

    #[test]
    fn a_failed_error_document_comes_first() {
        let f = Facts {
            error_document: Some(Redirect {
                uri: Some(b"/errors/404.html"),
                status: 500,
            }),
            ..facts(404)
        };
        let general = code(404).apache().hint.as_str();
        assert_eq!(
            hint(&f, &readable),
            format!(
                "the ErrorDocument /errors/404.html failed with 500, so httpd sent its own 404 \
                 page. {general}"
            )
        );
        // A redirect that did not fail is no failed ErrorDocument.
        let f = Facts {
            error_document: Some(Redirect {
                uri: None,
                status: 200,
            }),
            ..facts(404)
        };
        assert_eq!(hint(&f, &readable), general);
        let f = Facts {
            error_document: Some(Redirect {
                uri: None,
                status: 404,
            }),
            ..facts(404)
        };
        assert!(hint(&f, &readable).starts_with("the ErrorDocument - failed with 404"));
    }

    #[test]
    fn error_notes_beat_every_guess() {
        let long = format!("<p>{}</p>", "n".repeat(1000));
        let f = Facts {
            error_notes: Some(long.as_bytes()),
            file: Some(b"proxy:http://127.0.0.1:1/"),
            ..facts(502)
        };
        let text = hint(&f, &readable);
        // Cut before the markup is read: the opening tag takes three of the bytes.
        let notes = "n".repeat(ERROR_NOTES_BYTES - 3);
        assert!(
            text.starts_with(&format!("error notes: {notes}. ")),
            "{text}"
        );
        assert!(!text.contains("back end http"));
        let f = Facts {
            error_notes: Some(
                b"Reason: You're speaking plain HTTP to an SSL-enabled server port.<br />",
            ),
            ..facts(400)
        };
        assert!(hint(&f, &readable).starts_with(
            "error notes: Reason: You're speaking plain HTTP to an SSL-enabled server port.. "
        ));
    }

    #[test]
    fn per_code_causes() {
        let limits = Limits {
            request_body: 1024,
            request_line: 8190,
            request_field_size: 4094,
            request_fields: 50,
        };
        let with = |n: u16, file: Option<&'static [u8]>, handler: Option<&'static [u8]>| {
            let f = Facts {
                file,
                handler,
                limits,
                ..facts(n)
            };
            let general = code(n).apache().hint.as_str();
            let text = hint(&f, &readable);
            text.strip_suffix(general).unwrap().to_owned()
        };
        assert_eq!(
            with(413, None, None),
            "LimitRequestBody here is 1024 bytes. "
        );
        assert_eq!(with(414, None, None), "LimitRequestLine is 8190 bytes. ");
        for n in [400, 431] {
            assert_eq!(
                with(n, None, None),
                "LimitRequestFieldSize is 4094 bytes, LimitRequestFields 50. "
            );
        }
        for n in [502, 503, 504] {
            assert_eq!(
                with(n, Some(b"proxy:http://127.0.0.1:9/app"), None),
                "back end http://127.0.0.1:9/app. "
            );
            assert_eq!(with(n, Some(b"/var/www/x"), None), "");
        }
        assert_eq!(with(500, Some(b"proxy:http://x/"), None), "");
        assert_eq!(
            with(403, Some(b"/"), None),
            "refused by an access rule (Require, Deny, RewriteRule [F]) before any handler ran. "
        );
        assert_eq!(
            with(403, Some(b"/"), Some(b"default-handler")),
            "/ is a directory without a DirectoryIndex file, and Options -Indexes forbids a \
             listing. "
        );
        assert_eq!(with(403, None, Some(b"x")), "");
        assert_eq!(with(404, None, None), "");
        assert_eq!(
            with(404, Some(b"/httpstatus-\xffmissing"), None),
            "/httpstatus-\u{fffd}missing does not exist. "
        );
    }
}
