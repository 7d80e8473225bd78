//! `HttpStatusRetryAfter` and `HttpStatusCacheControl`: their arguments, checked
//! when the configuration is read, and which rule answers a status among those of
//! every section that applies to the request.

use httpstatus::lang::Language;
use httpstatus::{Class, StatusCode};

use crate::directive_args::{self, shown};
use crate::directives::{CACHE_CONTROL, LINK, MESSAGE, RETRY_AFTER};
use crate::templates::Selector;
use crate::times::{http_date, parse_http_date};

/// The rule for `code` among `sections` (innermost first, each a section's rules
/// most recently written first): an exact code beats its class; at equal
/// specificity the innermost section wins, and within a section the last rule
/// written.
pub fn choose<T: Copy>(
    sections: impl Iterator<Item = impl Iterator<Item = (Selector, T)>> + Clone,
    code: StatusCode,
) -> Option<T> {
    // Rules for every language: the language asked for does not matter.
    let for_any = sections.map(|section| section.map(|(selector, value)| (selector, None, value)));
    choose_in_language(for_any, code, Language::ENGLISH)
}

/// A code or class (`404`, `4xx`).
fn selector(arg: &[u8]) -> Result<Selector, String> {
    if let Some(class) = Class::ALL
        .into_iter()
        .find(|c| c.pattern().as_bytes().eq_ignore_ascii_case(arg))
    {
        return Ok(Selector::Class(class));
    }
    directive_args::code(arg)
        .map(|c| Selector::Code(c.as_u16()))
        .map_err(|_| {
            format!(
                "'{}' is not a status code (100-599) or class (1xx-5xx)",
                shown(arg)
            )
        })
}

/// The rule for `code` in `language` among `sections` (as [`choose`]), where a
/// rule may be for one language (`Some`) or for any: a code beats its class; at
/// equal specificity the innermost section wins, and within it a rule for the
/// language beats one for any.
pub fn choose_in_language<T: Copy>(
    sections: impl Iterator<Item = impl Iterator<Item = (Selector, Option<Language>, T)>> + Clone,
    code: StatusCode,
    language: Language,
) -> Option<T> {
    for wanted in [Selector::Code(code.as_u16()), Selector::Class(code.class())] {
        for section in sections.clone() {
            let mut for_any = None;
            for (selector, for_language, value) in section {
                if selector != wanted {
                    continue;
                }
                match for_language {
                    Some(l) if l == language => return Some(value),
                    None if for_any.is_none() => for_any = Some(value),
                    _ => {}
                }
            }
            if for_any.is_some() {
                return for_any;
            }
        }
    }
    None
}

// ----- The operator's words -----------------------------------------------------------------

/// `HttpStatusMessage code|class... [language] "text"`: the selectors, the
/// language it is for (None: every language) and the text (at most 1,000 bytes,
/// no control characters; escaped wherever it is shown).
pub fn message<'a>(
    args: &[&'a [u8]],
) -> Result<(Vec<Selector>, Option<Language>, &'a str), String> {
    let usage = || format!("takes one or more codes and a text; {}", MESSAGE.usage());
    let (text, rest) = args.split_last().ok_or_else(usage)?;
    let (language, selectors) = match rest.split_last() {
        Some((last, before)) if !before.is_empty() && selector(last).is_err() => {
            (Some(directive_args::language(last)?), before)
        }
        _ => (None, rest),
    };
    if selectors.is_empty() {
        return Err(usage());
    }
    let selectors = selectors
        .iter()
        .map(|a| selector(a))
        .collect::<Result<Vec<_>, _>>()?;
    let text = std::str::from_utf8(text)
        .ok()
        .filter(|t| !t.trim().is_empty() && t.len() <= 1000 && !t.chars().any(char::is_control))
        .ok_or_else(|| {
            format!(
                "'{}' is not a message: 1 to 1000 bytes of text without control characters",
                shown(text)
            )
        })?;
    Ok((selectors, language, text))
}

/// `HttpStatusLink "label" url`: the label (1 to 100 bytes of text) and a link as
/// `HttpStatusHome` takes it.
pub fn link<'a>(args: &[&'a [u8]]) -> Result<(&'a str, String), String> {
    let [label, url] = args else {
        return Err(format!("takes a label and a URL; {}", LINK.usage()));
    };
    let label = std::str::from_utf8(label)
        .ok()
        .filter(|l| !l.trim().is_empty() && l.len() <= 100 && !l.chars().any(char::is_control))
        .ok_or_else(|| format!("'{}' is not a label: 1 to 100 bytes of text", shown(label)))?;
    let not_a_link = || {
        format!(
            "'{}' is not a link: a path on the site or an http: or https: URL",
            shown(url)
        )
    };
    let url = directive_args::home(url)
        .ok()
        .flatten()
        .ok_or_else(not_a_link)?;
    Ok((label, url))
}

// ----- Retry-After --------------------------------------------------------------------------

/// Does `Retry-After` mean something on a response with this status (RFC 9110:
/// a redirect, 503; RFC 6585's 429; 413 when the limit is temporary)?
pub fn retry_after_applies(code: u16) -> bool {
    matches!(code, 300..=399 | 413 | 429 | 503)
}

/// What `HttpStatusRetryAfter` sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryAfter {
    /// A delay in seconds.
    Seconds(u32),
    /// A time (seconds since the epoch), sent as an HTTP-date while it is ahead.
    Date(i64),
    /// Nothing (undoes an enclosing section's rule).
    Off,
}

impl RetryAfter {
    /// The header's value at `now` (seconds since the epoch), if one is sent.
    pub fn value(self, now: i64) -> Option<String> {
        match self {
            RetryAfter::Seconds(seconds) => Some(seconds.to_string()),
            RetryAfter::Date(at) if at > now => Some(http_date(at)),
            RetryAfter::Date(_) | RetryAfter::Off => None,
        }
    }
}

/// The longest delay taken, in seconds (a year).
pub const MAX_RETRY_SECONDS: u32 = 366 * 24 * 3600;

/// `HttpStatusRetryAfter <code|3xx|4xx|5xx> <seconds|HTTP-date|off>`.
pub fn retry_after(args: &[&[u8]]) -> Result<(Selector, RetryAfter), String> {
    let [code, value] = args else {
        return Err(format!("takes two arguments; {}", RETRY_AFTER.usage()));
    };
    let selector = selector(code)?;
    match selector {
        Selector::Code(c) if !retry_after_applies(c) => {
            return Err(format!(
                "'{}': Retry-After means something only on 3xx, 413, 429 and 503 responses",
                shown(code)
            ));
        }
        Selector::Class(Class::Informational | Class::Successful) => {
            return Err(format!(
                "'{}': Retry-After means something only on 3xx, 413, 429 and 503 responses",
                shown(code)
            ));
        }
        _ => {}
    }
    let value = if value.eq_ignore_ascii_case(b"off") {
        RetryAfter::Off
    } else if value.iter().all(u8::is_ascii_digit) {
        RetryAfter::Seconds(
            directive_args::number(value, 0..=MAX_RETRY_SECONDS)
                .map_err(|e| format!("{e} (seconds)"))?,
        )
    } else {
        let date = std::str::from_utf8(value).ok().and_then(parse_http_date);
        RetryAfter::Date(date.ok_or_else(|| {
            format!(
                "'{}' is not a number of seconds, an HTTP-date such as \
                 'Mon, 07 Dec 2026 18:00:00 GMT', or off",
                shown(value)
            )
        })?)
    };
    Ok((selector, value))
}

// ----- Cache-Control ------------------------------------------------------------------------

/// `HttpStatusCacheControl <code|class>... "<value>"|none`: the selectors and
/// the value (None for `none`). The value is one or more comma-separated
/// directives (`token` or `token=value`, the value a token or quoted string).
pub fn cache_control<'a>(args: &[&'a [u8]]) -> Result<(Vec<Selector>, Option<&'a str>), String> {
    let Some((value, selectors)) = args.split_last().filter(|(_, s)| !s.is_empty()) else {
        return Err(format!(
            "takes one or more codes and a value; {}",
            CACHE_CONTROL.usage()
        ));
    };
    let selectors = selectors
        .iter()
        .map(|arg| selector(arg))
        .collect::<Result<Vec<_>, _>>()?;
    if value.eq_ignore_ascii_case(b"none") {
        return Ok((selectors, None));
    }
    let text = std::str::from_utf8(value)
        .ok()
        .filter(|v| valid_cache_control(v))
        .ok_or_else(|| {
            format!(
                "'{}' is not a Cache-Control value: comma-separated directives such as \
                 \"no-store\" or \"public, max-age=60\" (visible ASCII), or none",
                shown(value)
            )
        })?;
    Ok((selectors, Some(text)))
}

/// `value`'s comma-separated elements; a comma inside a quoted string is part
/// of it.
fn split_outside_quotes(value: &str) -> impl Iterator<Item = &str> {
    let mut quoted = false;
    let mut escaped = false;
    value.split(move |c: char| {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ',' if !quoted => return true,
            _ => {}
        }
        false
    })
}

fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// RFC 9111's `Cache-Control = #cache-directive`, where a directive is `token
/// [ "=" ( token / quoted-string ) ]`; no empty list.
fn valid_cache_control(value: &str) -> bool {
    let mut directives = 0;
    for element in split_outside_quotes(value) {
        let element = element.trim_matches([' ', '\t']);
        if element.is_empty() {
            continue;
        }
        let (name, argument) = match element.split_once('=') {
            Some((name, argument)) => (name, Some(argument)),
            None => (element, None),
        };
        if name.is_empty() || !name.bytes().all(is_tchar) {
            return false;
        }
        let argument_ok = match argument {
            None => true,
            Some(a) if a.len() >= 2 && a.starts_with('"') && a.ends_with('"') => {
                let inner = &a.as_bytes()[1..a.len() - 1];
                // Quoted strings: visible ASCII and spaces, no bare quote; a
                // backslash quotes the next character.
                let mut escaped = false;
                inner.iter().all(|&b| {
                    let ok = (0x20..0x7f).contains(&b) && (escaped || b != b'"');
                    escaped = !escaped && b == b'\\';
                    ok
                }) && !escaped
            }
            Some(a) => !a.is_empty() && a.bytes().all(is_tchar),
        };
        if !argument_ok {
            return false;
        }
        directives += 1;
    }
    directives > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(n: u16) -> StatusCode {
        StatusCode::new(n).unwrap()
    }

    #[test]
    fn a_code_beats_its_class_and_the_innermost_section_wins() {
        let outer = vec![
            (Selector::Class(Class::ServerError), 1),
            (Selector::Code(503), 2),
        ];
        let inner = vec![(Selector::Class(Class::ServerError), 3)];
        let sections = [inner.clone(), outer.clone()];
        let layers = || sections.iter().map(|s| s.iter().copied());
        assert_eq!(choose(layers(), code(503)), Some(2), "the outer exact code");
        assert_eq!(choose(layers(), code(500)), Some(3), "the inner class");
        assert_eq!(choose(layers(), code(404)), None);
        let twice = [vec![(Selector::Code(404), 2), (Selector::Code(404), 1)]];
        assert_eq!(
            choose(twice.iter().map(|s| s.iter().copied()), code(404)),
            Some(2)
        );
    }

    #[test]
    fn messages_take_codes_an_optional_language_and_a_text() {
        let parse = |args: &[&str]| {
            let raw: Vec<&[u8]> = args.iter().map(|a| a.as_bytes()).collect();
            message(&raw).map(|(s, l, t)| (s, l.map(|l| l.tag()), t.to_string()))
        };
        assert_eq!(
            parse(&["404", "410", "Our shop moved."]).unwrap(),
            (
                vec![Selector::Code(404), Selector::Code(410)],
                None,
                "Our shop moved.".into()
            )
        );
        assert_eq!(
            parse(&["5xx", "de", "Wir sind bald zurück."]).unwrap().1,
            Some("de")
        );
        assert!(
            parse(&["5xx", "xx", "text"])
                .unwrap_err()
                .contains("'xx' is not a language")
        );
        assert!(
            parse(&["text"])
                .unwrap_err()
                .contains("usage: HttpStatusMessage")
        );
        assert!(
            parse(&["404", ""])
                .unwrap_err()
                .contains("is not a message")
        );
        let sections = [vec![
            (
                Selector::Code(404),
                Some(Language::from_tag("de").unwrap()),
                1,
            ),
            (Selector::Code(404), None, 2),
        ]];
        let layers = || sections.iter().map(|s| s.iter().copied());
        let de = Language::from_tag("de").unwrap();
        assert_eq!(choose_in_language(layers(), code(404), de), Some(1));
        assert_eq!(
            choose_in_language(layers(), code(404), Language::ENGLISH),
            Some(2)
        );
        assert_eq!(choose_in_language(layers(), code(500), de), None);
    }

    #[test]
    fn links_take_a_label_and_a_safe_url() {
        assert_eq!(
            link(&[b"Status", b"https://status.example.com/"]).unwrap(),
            ("Status", "https://status.example.com/".to_string())
        );
        assert!(
            link(&[b"Status", b"javascript:alert(1)"])
                .unwrap_err()
                .contains("not a link")
        );
        assert!(
            link(&[b"Status", b"Off"])
                .unwrap_err()
                .contains("'Off' is not a link")
        );
        assert!(
            link(&[b"Status"])
                .unwrap_err()
                .contains("usage: HttpStatusLink")
        );
    }

    #[test]
    fn retry_after_takes_meaningful_codes_seconds_dates_and_off() {
        let ok = |a: &str, b: &str| retry_after(&[a.as_bytes(), b.as_bytes()]);
        assert_eq!(
            ok("503", "120").unwrap(),
            (Selector::Code(503), RetryAfter::Seconds(120))
        );
        assert_eq!(
            ok("3XX", "off").unwrap(),
            (Selector::Class(Class::Redirection), RetryAfter::Off)
        );
        assert_eq!(
            ok("429", "Mon, 07 Dec 2026 18:00:00 GMT").unwrap().1,
            RetryAfter::Date(1_796_666_400)
        );
        for (code, value, says) in [
            ("404", "60", "'404': Retry-After means something only"),
            ("2xx", "60", "'2xx'"),
            ("200", "60", "'200'"),
            ("999", "60", "'999' is not a status code"),
            ("503", "-5", "'-5' is not a number of seconds"),
            ("503", "99999999999", "'99999999999' is not a whole number"),
            ("503", "tomorrow", "'tomorrow'"),
            (
                "503",
                "Mon, 07 Dec 2026 18:00:00 UTC",
                "not a number of seconds, an HTTP-date",
            ),
        ] {
            let err = ok(code, value).unwrap_err();
            assert!(err.contains(says), "{code} {value}: {err}");
        }
        assert!(
            retry_after(&[b"503"])
                .unwrap_err()
                .contains("usage: HttpStatusRetryAfter")
        );
    }

    #[test]
    fn retry_after_values_past_dates_are_not_sent() {
        assert_eq!(RetryAfter::Seconds(0).value(5).as_deref(), Some("0"));
        assert_eq!(
            RetryAfter::Date(100).value(99).as_deref(),
            Some("Thu, 01 Jan 1970 00:01:40 GMT")
        );
        assert_eq!(RetryAfter::Date(100).value(100), None);
        assert_eq!(RetryAfter::Off.value(0), None);
        for c in [300, 301, 308, 399, 413, 429, 503] {
            assert!(retry_after_applies(c), "{c}");
        }
        for c in [200, 400, 404, 500, 502, 504] {
            assert!(!retry_after_applies(c), "{c}");
        }
    }

    #[test]
    fn cache_control_values_are_checked_directives() {
        let parse = |args: &[&str]| {
            let raw: Vec<&[u8]> = args.iter().map(|a| a.as_bytes()).collect();
            cache_control(&raw).map(|(s, v)| (s, v.map(str::to_string)))
        };
        assert_eq!(
            parse(&["404", "410", "public, max-age=60"]).unwrap(),
            (
                vec![Selector::Code(404), Selector::Code(410)],
                Some("public, max-age=60".into())
            )
        );
        assert_eq!(parse(&["5xx", "none"]).unwrap().1, None);
        assert!(parse(&["5xx", "no-cache=\"Set-Cookie, X-A\", must-revalidate"]).is_ok());
        for bad in [
            "",
            ",",
            "max-age=",
            "no store",
            "a=\"b",
            "é",
            "x\r\nSet-Cookie: a=b",
            "a=\"b\\\"",
        ] {
            let err = parse(&["500", bad]).unwrap_err();
            assert!(
                err.contains("is not a Cache-Control value"),
                "{bad:?}: {err}"
            );
        }
        assert!(
            parse(&["no-store"])
                .unwrap_err()
                .contains("usage: HttpStatusCacheControl")
        );
        assert!(parse(&["4x4", "no-store"]).unwrap_err().contains("'4x4'"));
    }
}
