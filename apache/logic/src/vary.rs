//! What can change an error document within one configuration scope, and so what
//! its `Vary` header must name (RFC 9110 §12.5.5): a shared cache may only reuse
//! the document for requests that agree on every header named.

use core::ffi::CStr;

use httpstatus::FormatSet;
use httpstatus::lang::{Language, LanguageSet};

/// The languages a scope can answer in: those offered, and the default, which
/// is sent when the client names none of them (even when it is not offered).
pub fn answerable_languages(offered: LanguageSet, default: Language) -> LanguageSet {
    offered.with(default)
}

/// The `Vary` value for documents negotiated among `formats` (all three when
/// empty) and `offered` languages with `default`: `Accept` when more than one
/// format can be sent, `Accept-Language` when more than one language can.
pub fn vary(formats: FormatSet, offered: LanguageSet, default: Language) -> Option<&'static CStr> {
    let formats = if formats.is_empty() {
        FormatSet::ALL
    } else {
        formats
    };
    let by_format = formats.bits().count_ones() > 1;
    let by_language = answerable_languages(offered, default).len() > 1;
    match (by_format, by_language) {
        (true, true) => Some(c"Accept, Accept-Language"),
        (true, false) => Some(c"Accept"),
        (false, true) => Some(c"Accept-Language"),
        (false, false) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use httpstatus::Format;
    use httpstatus::lang::negotiate_language;
    use httpstatus::render::negotiate;

    const ACCEPTS: [Option<&[u8]>; 6] = [
        None,
        Some(b"text/html"),
        Some(b"application/json"),
        Some(b"text/plain"),
        Some(b"image/png"),
        Some(b"*/*"),
    ];

    /// Headers that together ask for every language first, and for none.
    fn accept_languages() -> Vec<Option<Vec<u8>>> {
        let mut headers = vec![None, Some(b"xx".to_vec()), Some(b"*".to_vec())];
        headers.extend(Language::all().map(|l| Some(l.tag().as_bytes().to_vec())));
        headers
    }

    #[test]
    fn vary_names_exactly_the_headers_that_can_change_the_document() {
        let languages = [
            Language::ENGLISH,
            Language::from_tag("de").unwrap(),
            Language::from_tag("ar").unwrap(),
        ];
        let accept_languages = accept_languages();
        for format_bits in 0..8u32 {
            let formats = FormatSet::from_bits(format_bits);
            for language_bits in 0..8u32 {
                let offered: LanguageSet = languages
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| language_bits & (1 << i) != 0)
                    .map(|(_, l)| *l)
                    .collect();
                // An unset HttpStatusLanguages offers them all.
                let offered = if offered.is_empty() {
                    LanguageSet::ALL
                } else {
                    offered
                };
                for default in languages {
                    let sent_formats: Vec<Format> =
                        ACCEPTS.iter().map(|a| negotiate(*a, formats)).collect();
                    let sent_languages: Vec<Language> = accept_languages
                        .iter()
                        .map(|h| negotiate_language(h.as_deref(), offered, default))
                        .collect();
                    let formats_differ = sent_formats.iter().any(|f| *f != sent_formats[0]);
                    let languages_differ = sent_languages.iter().any(|l| *l != sent_languages[0]);
                    let vary = vary(formats, offered, default).map(|v| v.to_str().unwrap());
                    let named =
                        |header: &str| vary.is_some_and(|v| v.split(", ").any(|h| h == header));
                    let case =
                        format!("formats {format_bits:b}, offered {offered:?}, default {default}");
                    assert_eq!(named("Accept"), formats_differ, "{case}");
                    assert_eq!(named("Accept-Language"), languages_differ, "{case}");
                }
            }
        }
    }

    #[test]
    fn one_offered_language_that_is_not_the_default_still_varies() {
        let en = LanguageSet::EMPTY.with(Language::ENGLISH);
        let de = Language::from_tag("de").unwrap();
        let html = FormatSet::EMPTY.with(Format::Html);
        assert_eq!(vary(html, en, de), Some(c"Accept-Language"));
        assert_eq!(vary(html, en, Language::ENGLISH), None);
        assert_eq!(
            vary(FormatSet::EMPTY, en, Language::ENGLISH),
            Some(c"Accept")
        );
    }
}
