//! Which `HttpStatusTemplate` answers an error, among those of every section
//! that applies to the request.

use std::io::Read as _;
use std::os::unix::fs::OpenOptionsExt as _;
use std::path::Path;

use httpstatus::lang::Language;
use httpstatus::render::MAX_TEMPLATE_BYTES;
use httpstatus::{Class, Format, StatusCode};

/// What a template serves: one code, a class of codes, or every code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selector {
    /// One status code.
    Code(u16),
    /// `4xx`, `5xx` (and the other classes).
    Class(Class),
    /// `default`.
    Default,
}

/// What one template was configured for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TemplateKey {
    /// The codes it serves.
    pub selector: Selector,
    /// The format it is written in.
    pub format: Format,
    /// The language it is written in; None for a template for every language.
    pub language: Option<Language>,
}

/// The most specific template for `code` in `format` and `language`. `sections`
/// yields each section's templates, innermost section first.
///
/// An exact code beats its class, which beats `default`; at equal specificity the
/// innermost section wins; within a section a template for the language beats one
/// for every language.
pub fn choose<T, S, N>(
    sections: S,
    code: StatusCode,
    format: Format,
    language: Language,
) -> Option<T>
where
    S: Iterator<Item = N> + Clone,
    N: Iterator<Item = (TemplateKey, T)>,
{
    let wanted = [
        Selector::Code(code.as_u16()),
        Selector::Class(code.class()),
        Selector::Default,
    ];
    for selector in wanted {
        for section in sections.clone() {
            let mut for_every_language = None;
            for (key, template) in section {
                if key.selector != selector || key.format != format {
                    continue;
                }
                match key.language {
                    Some(l) if l == language => return Some(template),
                    None if for_every_language.is_none() => for_every_language = Some(template),
                    _ => {}
                }
            }
            if for_every_language.is_some() {
                return for_every_language;
            }
        }
    }
    None
}

/// Reads a template file of at most MAX_TEMPLATE_BYTES (see [`read_bounded`]).
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    read_bounded(path, MAX_TEMPLATE_BYTES)
}

/// Reads a file the module was configured with (a template, a maintenance flag
/// file): a regular file of at most `limit` bytes, looked at before it is read,
/// opened without blocking (a FIFO would hang httpd's start or a request) and
/// read no further than the limit. The error says why, for a message that
/// names the file.
pub fn read_bounded(path: &Path, limit: usize) -> Result<Vec<u8>, String> {
    let too_large = |size: u64| format!("it is {size} bytes, more than the limit of {limit}");
    let check = |meta: &std::fs::Metadata| {
        if !meta.is_file() {
            Err("it is not a regular file".to_string())
        } else if meta.len() > limit as u64 {
            Err(too_large(meta.len()))
        } else {
            Ok(())
        }
    };
    let reason = |e: std::io::Error| format!("cannot read it ({e})");
    check(&std::fs::metadata(path).map_err(reason)?)?;
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(reason)?;
    // The same checks on what was opened, in case the path changed in between.
    check(&file.metadata().map_err(reason)?)?;
    let mut source = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut source)
        .map_err(reason)?;
    if source.len() > limit {
        return Err(too_large(source.len() as u64));
    }
    Ok(source)
}

#[cfg(test)]
mod tests {
    #[test]
    fn template_files_are_looked_at_before_they_are_read() {
        let dir = std::env::temp_dir().join(format!("httpstatus-templates-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let ok = dir.join("ok.html");
        std::fs::write(&ok, b"<p>{{code}}</p>").unwrap();
        assert_eq!(read_file(&ok).unwrap(), b"<p>{{code}}</p>");
        assert_eq!(read_file(&dir).unwrap_err(), "it is not a regular file");
        let big = dir.join("big.html");
        std::fs::write(&big, vec![b'x'; MAX_TEMPLATE_BYTES + 1]).unwrap();
        assert!(read_file(&big).unwrap_err().contains("more than the limit"));
        assert!(
            read_file(&dir.join("absent.html"))
                .unwrap_err()
                .starts_with("cannot read it")
        );
        // A FIFO is refused, never waited on.
        let fifo = dir.join("fifo.html");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert_eq!(read_file(&fifo).unwrap_err(), "it is not a regular file");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    use super::*;

    fn key(selector: Selector, format: Format, language: Option<&str>) -> TemplateKey {
        TemplateKey {
            selector,
            format,
            language: language.map(|t| Language::from_tag_bytes(t.as_bytes()).unwrap()),
        }
    }

    fn pick(
        sections: &[Vec<(TemplateKey, &'static str)>],
        code: u16,
        format: Format,
        lang: &str,
    ) -> Option<&'static str> {
        choose(
            sections.iter().map(|s| s.iter().copied()),
            StatusCode::new(code).unwrap(),
            format,
            Language::from_tag_bytes(lang.as_bytes()).unwrap(),
        )
    }

    #[test]
    fn specificity_then_section_then_language() {
        use Format::{Html, Json};
        let inner = vec![
            (
                key(Selector::Class(Class::ClientError), Html, None),
                "inner 4xx",
            ),
            (key(Selector::Default, Html, Some("de")), "inner default de"),
        ];
        let outer = vec![
            (key(Selector::Code(404), Html, None), "outer 404"),
            (key(Selector::Code(404), Html, Some("fr")), "outer 404 fr"),
            (key(Selector::Code(410), Json, None), "outer 410 json"),
            (key(Selector::Default, Html, None), "outer default"),
        ];
        let sections = [inner, outer];
        // An exact code in an outer section beats a class in an inner one.
        assert_eq!(pick(&sections, 404, Html, "en"), Some("outer 404"));
        // The language's own template beats the one for every language.
        assert_eq!(pick(&sections, 404, Html, "fr"), Some("outer 404 fr"));
        assert_eq!(pick(&sections, 403, Html, "fr"), Some("inner 4xx"));
        // Formats never stand in for each other.
        assert_eq!(pick(&sections, 410, Html, "en"), Some("inner 4xx"));
        assert_eq!(pick(&sections, 410, Json, "en"), Some("outer 410 json"));
        assert_eq!(pick(&sections, 404, Json, "en"), None);
        // At equal specificity the innermost section wins.
        assert_eq!(pick(&sections, 503, Html, "de"), Some("inner default de"));
        assert_eq!(pick(&sections, 503, Html, "en"), Some("outer default"));
        assert_eq!(pick(&[], 503, Html, "en"), None);
    }

    #[test]
    fn first_template_for_every_language_wins_within_a_section() {
        let section = vec![
            (key(Selector::Code(500), Format::Text, None), "first"),
            (key(Selector::Code(500), Format::Text, None), "second"),
        ];
        assert_eq!(pick(&[section], 500, Format::Text, "ja"), Some("first"));
    }
}
