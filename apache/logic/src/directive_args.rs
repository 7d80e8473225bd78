//! The directives' arguments read into values, or refused with a message that
//! names the value and says what was expected. The module prefixes the
//! directive's name (httpd shows the message when `apachectl -t` fails).

use core::ops::RangeInclusive;

use httpstatus::lang::Language;
use httpstatus::render::FormatSet;
use httpstatus::{Class, Format, StatusCode};

use crate::directives::{self, Directive};
use crate::templates::Selector;

/// `HttpStatusLogLimit`'s values.
pub const LOG_LIMIT_RANGE: RangeInclusive<u32> = 0..=1_000_000;
/// `HttpStatusLogLineLength`'s values.
pub const LOG_LINE_LENGTH_RANGE: RangeInclusive<u32> = 256..=8000;

/// The longest phrase `HttpStatusReason` takes.
pub const MAX_PHRASE: usize = 120;

/// Characters refused in phrases: httpd's canned pages (`HttpStatusPages Off`) put
/// the status line into their HTML as it is.
const MARKUP: &[u8] = b"<>&\"'";

/// Whose phrase goes on the status line of a code httpd knows (`HttpStatusPhrases`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Phrases {
    /// Not configured in this scope.
    Unset = 0,
    /// The registry's (the default).
    Registry = 1,
    /// httpd's own.
    Httpd = 2,
}

/// Shows an argument in a message: at most 200 bytes, control characters as `?`.
pub fn shown(arg: &[u8]) -> String {
    let s = String::from_utf8_lossy(&arg[..arg.len().min(200)]);
    s.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

/// The one argument of a directive that takes exactly one.
pub fn one_arg<'a>(directive: &Directive, args: &[&'a [u8]]) -> Result<&'a [u8], String> {
    match args {
        [arg] => Ok(arg),
        _ => Err(format!("takes exactly one argument; {}", directive.usage())),
    }
}

/// `HttpStatusHome`'s value: `Off` (None) or a link a page may offer: a path on
/// the site (`/`, `/shop/`) or an `http:`/`https:` URL, without blanks, control
/// characters or quotes; anything else (`javascript:`, `//host`, a relative
/// path) is refused.
pub fn home(arg: &[u8]) -> Result<Option<String>, String> {
    if arg.eq_ignore_ascii_case(b"off") {
        return Ok(None);
    }
    let refuse = || {
        format!(
            "'{}' is not a link for a home page: a path on the site such as / or an \
             http: or https: URL, or Off",
            shown(arg)
        )
    };
    let text = std::str::from_utf8(arg).map_err(|_| refuse())?;
    let lower = text.to_ascii_lowercase();
    let scheme_ok = (text.starts_with('/') && !text.starts_with("//"))
        || lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"))
            .is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'));
    let chars_ok = text.len() <= 2000
        && text.chars().all(|c| {
            !c.is_control() && !c.is_whitespace() && !matches!(c, '"' | '\'' | '<' | '>' | '\\')
        });
    if scheme_ok && chars_ok {
        Ok(Some(text.to_string()))
    } else {
        Err(refuse())
    }
}

/// `HttpStatusLogo`'s value: `Off` (None) or an image link as [`home`] takes it.
pub fn logo(arg: &[u8]) -> Result<Option<String>, String> {
    home(arg).map_err(|_| {
        format!(
            "'{}' is not an image link: a path on the site or an http: or https: URL, or Off",
            shown(arg)
        )
    })
}

/// `HttpStatusSiteName`'s text: at most 200 bytes of UTF-8 without control
/// characters (it is escaped wherever it is shown).
pub fn site_name(arg: &[u8]) -> Result<String, String> {
    std::str::from_utf8(arg)
        .ok()
        .filter(|t| !t.trim().is_empty() && t.len() <= 200 && !t.chars().any(char::is_control))
        .map(|t| t.trim().to_string())
        .ok_or_else(|| {
            format!(
                "'{}' is not a site name: 1 to 200 bytes of text without control characters",
                shown(arg)
            )
        })
}

/// `HttpStatusContact`'s value: `Off` (None), a `mailto:` address, or a link as
/// [`home`] takes it.
pub fn contact(arg: &[u8]) -> Result<Option<String>, String> {
    if arg.eq_ignore_ascii_case(b"off") {
        return Ok(None);
    }
    let refuse = || {
        format!(
            "'{}' is not a contact: a mailto: address, an http: or https: URL or a path on \
             the site, or Off",
            shown(arg)
        )
    };
    if arg.len() > 7 && arg[..7].eq_ignore_ascii_case(b"mailto:") {
        let text = std::str::from_utf8(arg).map_err(|_| refuse())?;
        let address = &text[7..];
        let (local, domain) = address.split_once('@').ok_or_else(refuse)?;
        let ok = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && text.len() <= 500
            && address.chars().all(|c| {
                !c.is_control() && !c.is_whitespace() && !matches!(c, '"' | '\'' | '<' | '>' | '\\')
            });
        return if ok {
            Ok(Some(text.to_string()))
        } else {
            Err(refuse())
        };
    }
    home(arg).map_err(|_| refuse())
}

/// `HttpStatusAccent`'s value: `Off` (None) or `#rrggbb`.
pub fn accent(arg: &[u8]) -> Result<Option<httpstatus::render::Accent>, String> {
    if arg.eq_ignore_ascii_case(b"off") {
        return Ok(None);
    }
    std::str::from_utf8(arg)
        .ok()
        .and_then(httpstatus::render::Accent::from_hex)
        .map(Some)
        .ok_or_else(|| format!("'{}' is not a colour written #rrggbb, or Off", shown(arg)))
}

/// A language of the catalogues, by its tag.
pub fn language(arg: &[u8]) -> Result<Language, String> {
    Language::from_tag_bytes(arg).ok_or_else(|| {
        let known: Vec<&str> = Language::all().map(Language::tag).collect();
        format!(
            "'{}' is not a language of the catalogues ({})",
            shown(arg),
            known.join(" ")
        )
    })
}

/// A whole number in `range`, in plain decimal digits.
pub fn number(arg: &[u8], range: RangeInclusive<u32>) -> Result<u32, String> {
    std::str::from_utf8(arg)
        .ok()
        .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|s| s.parse::<u32>().ok())
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            format!(
                "'{}' is not a whole number from {} to {}",
                shown(arg),
                range.start(),
                range.end()
            )
        })
}

/// A status code from 100 to 599, written with three digits.
pub fn code(arg: &[u8]) -> Result<StatusCode, String> {
    let code = (arg.len() == 3 && arg.iter().all(u8::is_ascii_digit))
        .then(|| std::str::from_utf8(arg).ok()?.parse::<u16>().ok())
        .flatten()
        .and_then(StatusCode::new);
    code.ok_or_else(|| format!("'{}' is not a status code from 100 to 599", shown(arg)))
}

/// `html`, `json` or `text`.
pub fn format(arg: &[u8]) -> Result<Format, String> {
    std::str::from_utf8(arg)
        .ok()
        .and_then(Format::from_name)
        .ok_or_else(|| format!("'{}' is not a format (html, json or text)", shown(arg)))
}

/// `HttpStatusFormats html json text`: one to three formats.
pub fn formats(args: &[&[u8]]) -> Result<FormatSet, String> {
    let mut set = FormatSet::EMPTY;
    for arg in args {
        set = set.with(format(arg)?);
    }
    if set.is_empty() {
        return Err(directives::FORMATS.usage());
    }
    Ok(set)
}

/// `HttpStatusPhrases registry|httpd`.
pub fn phrases(args: &[&[u8]]) -> Result<Phrases, String> {
    let arg = one_arg(&directives::PHRASES, args)?;
    match arg.to_ascii_lowercase().as_slice() {
        b"registry" => Ok(Phrases::Registry),
        b"httpd" => Ok(Phrases::Httpd),
        _ => Err(format!("'{}' is not registry or httpd", shown(arg))),
    }
}

/// `HttpStatusReason code "phrase"`: the code and the status line to send
/// (`"420 Slow Down"`).
pub fn reason(args: &[&[u8]]) -> Result<(StatusCode, String), String> {
    let [code_arg, phrase] = args else {
        return Err(format!(
            "takes exactly two arguments; {}",
            directives::REASON.usage()
        ));
    };
    let code = code(code_arg)?;
    let valid = !phrase.is_empty()
        && phrase.len() <= MAX_PHRASE
        && phrase.iter().all(|&b| b == b' ' || b.is_ascii_graphic())
        && !phrase.iter().any(|b| MARKUP.contains(b))
        && phrase[0] != b' '
        && phrase[phrase.len() - 1] != b' ';
    if !valid {
        return Err(format!(
            "phrase '{}' for {} must be 1 to {MAX_PHRASE} visible ASCII characters or \
             spaces, without leading or trailing spaces and without < > & \" or ' \
             (httpd's own pages show the phrase unescaped)",
            shown(phrase),
            code.as_u16()
        ));
    }
    // Checked above to be ASCII.
    let phrase = String::from_utf8_lossy(phrase);
    Ok((code, format!("{} {phrase}", code.as_u16())))
}

/// `HttpStatusTemplate`'s arguments, read but not yet resolved against the file
/// system.
#[derive(Debug, PartialEq, Eq)]
pub struct TemplateArgs<'a> {
    /// The code, class or default it serves.
    pub selector: Selector,
    /// The file as written (relative to ServerRoot unless absolute).
    pub file: &'a [u8],
    /// The format: as given, else from the file's extension.
    pub format: Format,
    /// The language it is for; None for every language.
    pub language: Option<Language>,
}

/// `HttpStatusTemplate code|1xx..5xx|default file [html|json|text] [language]`:
/// the options in either order.
pub fn template<'a>(args: &[&'a [u8]]) -> Result<TemplateArgs<'a>, String> {
    let usage = || directives::TEMPLATE.usage();
    let [which, file, options @ ..] = args else {
        return Err(usage());
    };
    if options.len() > 2 {
        return Err(usage());
    }
    let mut format = None;
    let mut language = None;
    for option in options {
        match std::str::from_utf8(option).ok().and_then(Format::from_name) {
            Some(f) if format.is_none() => format = Some(f),
            _ if language.is_none() && Language::from_tag_bytes(option).is_some() => {
                language = Language::from_tag_bytes(option)
            }
            _ => {
                return Err(format!(
                    "'{}' is not a format (html, json or text) nor a language of the \
                     catalogues",
                    shown(option)
                ));
            }
        }
    }
    let selector = match which.to_ascii_lowercase().as_slice() {
        b"default" => Selector::Default,
        b"1xx" => Selector::Class(Class::Informational),
        b"2xx" => Selector::Class(Class::Successful),
        b"3xx" => Selector::Class(Class::Redirection),
        b"4xx" => Selector::Class(Class::ClientError),
        b"5xx" => Selector::Class(Class::ServerError),
        _ => Selector::Code(
            code(which)
                .map_err(|e| format!("{e}, nor 1xx..5xx or default"))?
                .as_u16(),
        ),
    };
    let format = match format {
        Some(f) => f,
        None => Format::from_extension(&String::from_utf8_lossy(file)).ok_or_else(|| {
            format!(
                "cannot tell the format of '{}' from its extension (.html, .json, .txt); \
                 add html, json or text as the third argument",
                shown(file)
            )
        })?,
    };
    Ok(TemplateArgs {
        selector,
        file,
        format,
        language,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_bounds_and_hides_control_characters() {
        assert_eq!(shown(b"a\nb\x1b"), "a?b?");
        assert_eq!(shown(&[b'x'; 500]).len(), 200);
        assert_eq!(shown(b"\xff"), "\u{fffd}");
    }

    #[test]
    fn one_arg_counts() {
        assert_eq!(
            one_arg(&directives::DEFAULT_LANGUAGE, &[b"de"]),
            Ok(&b"de"[..])
        );
        let e = one_arg(&directives::DEFAULT_LANGUAGE, &[b"de", b"fr"]).unwrap_err();
        assert!(e.contains("exactly one") && e.contains("usage: HttpStatusDefaultLanguage tag"));
        assert!(one_arg(&directives::DEFAULT_LANGUAGE, &[]).is_err());
    }

    #[test]
    fn languages_by_tag() {
        assert_eq!(language(b"de").unwrap().tag(), "de");
        assert_eq!(language(b"pt-BR").unwrap().tag(), "pt-BR");
        let e = language(b"klingon").unwrap_err();
        assert!(
            e.starts_with("'klingon' is not a language") && e.contains(" ja "),
            "{e}"
        );
    }

    #[test]
    fn numbers_in_range_and_digits_only() {
        assert_eq!(number(b"0", LOG_LIMIT_RANGE), Ok(0));
        assert_eq!(number(b"1000000", LOG_LIMIT_RANGE), Ok(1_000_000));
        for bad in [
            &b"1000001"[..],
            b"-1",
            b"+5",
            b" 5",
            b"",
            b"5x",
            b"99999999999",
        ] {
            assert!(number(bad, LOG_LIMIT_RANGE).is_err(), "{bad:?}");
        }
        assert_eq!(
            number(b"255", LOG_LINE_LENGTH_RANGE).unwrap_err(),
            "'255' is not a whole number from 256 to 8000"
        );
    }

    #[test]
    fn codes_are_three_digits_from_100_to_599() {
        assert_eq!(code(b"420").unwrap().as_u16(), 420);
        assert_eq!(code(b"100").unwrap().as_u16(), 100);
        for bad in [
            &b"099"[..],
            b"600",
            b"700",
            b"42",
            b"4200",
            b"abc",
            b"+42",
            b"",
        ] {
            assert!(code(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            code(b"700").unwrap_err(),
            "'700' is not a status code from 100 to 599"
        );
    }

    #[test]
    fn formats_by_name() {
        assert_eq!(format(b"JSON"), Ok(Format::Json));
        assert_eq!(
            format(b"xml").unwrap_err(),
            "'xml' is not a format (html, json or text)"
        );
        let set = formats(&[b"json", b"text"]).unwrap();
        assert!(set.contains(Format::Json) && set.contains(Format::Text));
        assert!(!set.contains(Format::Html));
        assert!(formats(&[b"html", b"yaml"]).unwrap_err().contains("'yaml'"));
        assert!(formats(&[]).is_err());
    }

    #[test]
    fn phrases_registry_or_httpd() {
        assert_eq!(phrases(&[b"Registry"]), Ok(Phrases::Registry));
        assert_eq!(phrases(&[b"httpd"]), Ok(Phrases::Httpd));
        assert!(phrases(&[b"nginx"]).unwrap_err().contains("'nginx'"));
        assert!(phrases(&[b"httpd", b"registry"]).is_err());
    }

    #[test]
    fn reasons_are_safe_phrases() {
        let (code, line) = reason(&[b"503", b"Back Soon"]).unwrap();
        assert_eq!((code.as_u16(), line.as_str()), (503, "503 Back Soon"));
        assert!(
            reason(&[b"404"])
                .unwrap_err()
                .contains("takes exactly two arguments")
        );
        assert!(reason(&[b"404", b"a", b"b"]).is_err());
        assert!(reason(&[b"700", b"x"]).unwrap_err().contains("'700'"));
        for bad in [
            &b""[..],
            b" lead",
            b"trail ",
            b"tab\there",
            b"<b>",
            b"a & b",
            b"it's",
            b"caf\xc3\xa9",
            &[b'x'; MAX_PHRASE + 1],
        ] {
            let e = reason(&[b"404", bad]).unwrap_err();
            assert!(e.contains("visible ASCII"), "{bad:?}: {e}");
        }
        assert!(reason(&[b"404", &[b'x'; MAX_PHRASE]]).is_ok());
    }

    #[test]
    fn template_arguments_in_any_order() {
        let t = template(&[b"404", b"t/x.html"]).unwrap();
        assert_eq!(t.selector, Selector::Code(404));
        assert_eq!(
            (t.file, t.format, t.language),
            (&b"t/x.html"[..], Format::Html, None)
        );
        let t = template(&[b"5XX", b"t/x", b"de", b"json"]).unwrap();
        assert_eq!(t.selector, Selector::Class(Class::ServerError));
        assert_eq!(t.format, Format::Json);
        assert_eq!(t.language.map(|l| l.tag()), Some("de"));
        let t = template(&[b"default", b"t/x.txt", b"text"]).unwrap();
        assert_eq!(t.selector, Selector::Default);
        assert_eq!(t.format, Format::Text);
    }

    #[test]
    fn template_arguments_refused() {
        let usage =
            "usage: HttpStatusTemplate code|1xx..5xx|default file [html|json|text] [language]";
        assert_eq!(template(&[b"404"]).unwrap_err(), usage);
        assert_eq!(
            template(&[b"404", b"a.html", b"html", b"de", b"x"]).unwrap_err(),
            usage
        );
        assert!(
            template(&[b"4x4", b"a.html"])
                .unwrap_err()
                .contains("'4x4' is not a status code")
        );
        assert!(
            template(&[b"404", b"a.php"])
                .unwrap_err()
                .contains("cannot tell the format")
        );
        assert!(
            template(&[b"404", b"a.html", b"xml"])
                .unwrap_err()
                .contains("'xml' is not a format")
        );
        // Two formats or two languages are one too many.
        assert!(template(&[b"404", b"a", b"html", b"json"]).is_err());
        assert!(template(&[b"404", b"a.html", b"de", b"fr"]).is_err());
    }

    #[test]
    fn home_links_are_site_paths_or_http_urls() {
        for ok in [
            "/",
            "/shop/",
            "https://example.com/",
            "HTTP://example.com",
            "/a?b=c&d=e",
        ] {
            assert_eq!(home(ok.as_bytes()).unwrap().as_deref(), Some(ok), "{ok}");
        }
        assert_eq!(home(b"Off").unwrap(), None);
        for bad in [
            "javascript:alert(1)",
            "//evil.example",
            "shop/",
            "https://",
            "http:///x",
            "/a b",
            "/a\"b",
            "data:text/html,x",
            "/\u{7}",
            "",
        ] {
            let err = home(bad.as_bytes()).unwrap_err();
            assert!(
                err.contains("is not a link for a home page"),
                "{bad}: {err}"
            );
        }
    }

    #[test]
    fn contacts_are_mailto_addresses_or_links() {
        for ok in [
            "mailto:help@example.com",
            "MAILTO:a.b+c@shop.example",
            "https://example.com/help",
            "/help",
        ] {
            assert_eq!(contact(ok.as_bytes()).unwrap().as_deref(), Some(ok), "{ok}");
        }
        assert_eq!(contact(b"off").unwrap(), None);
        for bad in [
            "help@example.com",
            "mailto:",
            "mailto:nobody",
            "mailto:a@b",
            "mailto:a b@c.d",
            "mailto:a@b.c?subject=<x>",
            "javascript:alert(1)",
            "tel:+123",
        ] {
            let err = contact(bad.as_bytes()).unwrap_err();
            assert!(err.contains("is not a contact"), "{bad}: {err}");
        }
        assert_eq!(site_name(b"  Example Shop ").unwrap(), "Example Shop");
        assert!(site_name(b"").is_err() && site_name(b"a\x01b").is_err());
        assert!(
            site_name(&[b'x'; 201])
                .unwrap_err()
                .contains("1 to 200 bytes")
        );
    }

    #[test]
    fn accents_are_hex_colours() {
        assert!(accent(b"#1F5FBF").unwrap().is_some());
        assert_eq!(accent(b"off").unwrap(), None);
        for bad in ["1f5fbf", "#12345", "blue", "#12345g"] {
            assert!(
                accent(bad.as_bytes())
                    .unwrap_err()
                    .contains("is not a colour"),
                "{bad}"
            );
        }
    }
}
