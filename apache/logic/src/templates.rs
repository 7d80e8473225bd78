//! Which `HttpStatusTemplate` answers an error, among those of every section
//! that applies to the request.

use httpstatus::lang::Language;
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

#[cfg(test)]
mod tests {
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
