//! User templates: a document with `{{placeholder}}`s, compiled once and rendered
//! many times without allocating.
//!
//! Syntax: `{{name}}` inserts a value escaped for the template's format;
//! `{{name|raw}}` inserts a registry value unescaped (request data is never
//! written raw); spaces inside the braces are allowed. `{{` always opens a placeholder. Names: `code`, `reason`,
//! `status_line`, `class`, `kind`, `summary`, `description`, `reference`,
//! `reference_url`, `origin`, `content_type`, `lang` and `dir` (the document's
//! language tag and `ltr`/`rtl`), and the request fields `method`, `path`,
//! `request_id`, `server`, `date`, `location`, `notes` (empty when the caller did not
//! set them).
//!
//! Where a placeholder may stand is checked when the template is compiled, because
//! escaping protects a value only in some places. In HTML: element text (also
//! `<title>`, `<textarea>` and comments) and double- or single-quoted attribute
//! values, except event handlers (`on...`), `style` and `srcdoc`; a value that
//! starts a URL attribute (`href`, `src`, `action`...) is written only when it is a
//! safe link target, `about:invalid` otherwise. Refused: unquoted attribute values,
//! the inside of a tag outside a value, `<script>` and `<style>` content and
//! `<!...>` declarations. In JSON: inside string literals. `{{code}}`, three
//! digits, may stand anywhere. Text templates have no such limits.

mod places;

use core::fmt;

use super::context::Context;
use super::escape::write_escaped;
use super::field::Field;
use super::format::Escape;
use super::format::Format;
use super::link::is_linkable;
use super::maintenance::put_maintenance_summary;
use super::sink::Sink;
use crate::lang::Language;
use crate::registry::code::StatusCode;
use places::{Place, Places};

/// Templates larger than this are refused at compile time.
pub const MAX_TEMPLATE_BYTES: usize = 1 << 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Value {
    Code,
    Reason,
    StatusLine,
    Class,
    Kind,
    Summary,
    Description,
    Reference,
    ReferenceUrl,
    Origin,
    ContentType,
    Lang,
    Dir,
    Request(Field),
}

const REGISTRY_VALUES: [(&str, Value); 13] = [
    ("code", Value::Code),
    ("reason", Value::Reason),
    ("status_line", Value::StatusLine),
    ("class", Value::Class),
    ("kind", Value::Kind),
    ("summary", Value::Summary),
    ("description", Value::Description),
    ("reference", Value::Reference),
    ("reference_url", Value::ReferenceUrl),
    ("origin", Value::Origin),
    ("content_type", Value::ContentType),
    ("lang", Value::Lang),
    ("dir", Value::Dir),
];

/// Every placeholder with its value, registry values first: what the compiler
/// accepts and what its error message lists.
fn placeholders() -> impl Iterator<Item = (&'static str, Value)> {
    REGISTRY_VALUES.into_iter().chain(
        Field::ALL
            .into_iter()
            .map(|f| (f.name(), Value::Request(f))),
    )
}

fn value_named(name: &str) -> Option<Value> {
    placeholders().find(|(n, _)| *n == name).map(|(_, v)| v)
}

/// Where in the document a placeholder stands, as far as escaping is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    /// Anywhere the format's escaper makes a value safe.
    Escaped,
    /// The start of an HTML URL attribute's value: the value must also be a safe
    /// link target.
    UrlStart,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece {
    Literal { start: usize, end: usize },
    Value { value: Value, raw: bool, slot: Slot },
}

/// A compiled template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    source: Box<str>,
    pieces: Box<[Piece]>,
    format: Format,
    language: Option<Language>,
}

/// What is wrong with a template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateErrorKind {
    /// The template is larger than [`MAX_TEMPLATE_BYTES`].
    TooLarge(usize),
    /// The bytes are not UTF-8.
    InvalidUtf8,
    /// `{{` without a matching `}}`.
    Unclosed,
    /// A placeholder name that does not exist (the name, shortened and sanitised).
    UnknownPlaceholder(String),
    /// A `|filter` other than `raw`.
    UnknownFilter(String),
    /// `{{}}`.
    EmptyPlaceholder,
    /// A placeholder where escaping cannot make a value safe (the name, and where).
    UnsafePlace(String, &'static str),
    /// `|raw` on a request value (the name): a client could write markup.
    RawRequestValue(String),
}

/// A template compile error, with the 1-based line and column (in characters) where
/// the problem starts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    /// What is wrong.
    pub kind: TemplateErrorKind,
    /// Line of the problem, from 1.
    pub line: usize,
    /// Column of the problem, from 1, counted in characters.
    pub column: usize,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: ", self.line, self.column)?;
        match &self.kind {
            TemplateErrorKind::TooLarge(n) => write!(
                f,
                "template is {n} bytes, more than the limit of {MAX_TEMPLATE_BYTES}"
            ),
            TemplateErrorKind::InvalidUtf8 => f.write_str("invalid UTF-8"),
            TemplateErrorKind::Unclosed => f.write_str("`{{` is never closed by `}}`"),
            TemplateErrorKind::UnknownPlaceholder(n) => {
                write!(f, "unknown placeholder `{n}` (known: ")?;
                for (i, (name, _)) in placeholders().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(name)?;
                }
                f.write_str(")")
            }
            TemplateErrorKind::UnknownFilter(n) => {
                write!(f, "unknown filter `{n}` (the only filter is `raw`)")
            }
            TemplateErrorKind::EmptyPlaceholder => f.write_str("empty placeholder `{{}}`"),
            TemplateErrorKind::UnsafePlace(n, place) => write!(
                f,
                "placeholder `{n}` stands {place}, where escaping cannot make a value safe; \
                 put it in element text or a quoted attribute value"
            ),
            TemplateErrorKind::RawRequestValue(n) => write!(
                f,
                "`{n}|raw` would write request data unescaped; only registry values may be raw"
            ),
        }
    }
}

impl std::error::Error for TemplateError {}

/// Line and column (1-based, columns in characters) of byte offset `at` in `src`.
fn position(src: &[u8], at: usize) -> (usize, usize) {
    let before = &src[..at];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    // Count characters: every byte that is not a UTF-8 continuation byte.
    let column = 1 + before[line_start..]
        .iter()
        .filter(|&&b| b & 0xC0 != 0x80)
        .count();
    (line, column)
}

/// A name fit to quote in an error message: printable ASCII, at most 40 characters.
fn quoted_name(name: &str) -> String {
    let mut s: String = name
        .chars()
        .take(40)
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '?'
            }
        })
        .collect();
    if name.chars().count() > 40 {
        s.push_str("...");
    }
    s
}

impl Template {
    /// Compiles `source` for documents of `format`.
    pub fn compile(source: &[u8], format: Format) -> Result<Template, TemplateError> {
        let err = |kind, at| {
            let (line, column) = position(source, at);
            TemplateError { kind, line, column }
        };
        if source.len() > MAX_TEMPLATE_BYTES {
            return Err(TemplateError {
                kind: TemplateErrorKind::TooLarge(source.len()),
                line: 1,
                column: 1,
            });
        }
        let text = core::str::from_utf8(source)
            .map_err(|e| err(TemplateErrorKind::InvalidUtf8, e.valid_up_to()))?;
        let mut pieces = Vec::new();
        let mut places = Places::new(format);
        let mut rest_at = 0;
        while let Some(open) = text[rest_at..].find("{{").map(|i| i + rest_at) {
            if open > rest_at {
                pieces.push(Piece::Literal {
                    start: rest_at,
                    end: open,
                });
            }
            let inner_start = open + 2;
            let Some(close) = text[inner_start..].find("}}").map(|i| i + inner_start) else {
                return Err(err(TemplateErrorKind::Unclosed, open));
            };
            let inner = &text[inner_start..close];
            if inner.contains("{{") {
                return Err(err(TemplateErrorKind::Unclosed, open));
            }
            let (name, filter) = match inner.split_once('|') {
                Some((n, f)) => (n.trim(), Some(f.trim())),
                None => (inner.trim(), None),
            };
            if name.is_empty() {
                return Err(err(TemplateErrorKind::EmptyPlaceholder, open));
            }
            let Some(value) = value_named(name) else {
                return Err(err(
                    TemplateErrorKind::UnknownPlaceholder(quoted_name(name)),
                    open,
                ));
            };
            let raw = match filter {
                None => false,
                Some("raw") => true,
                Some(other) => {
                    return Err(err(
                        TemplateErrorKind::UnknownFilter(quoted_name(other)),
                        open,
                    ));
                }
            };
            if raw && matches!(value, Value::Request(_)) {
                return Err(err(
                    TemplateErrorKind::RawRequestValue(quoted_name(name)),
                    open,
                ));
            }
            let slot = match places.place_of(&text[rest_at..open]) {
                Place::Safe => Slot::Escaped,
                Place::UrlStart => Slot::UrlStart,
                Place::Unsafe(_) if value == Value::Code => Slot::Escaped,
                Place::Unsafe(where_) => {
                    return Err(err(
                        TemplateErrorKind::UnsafePlace(quoted_name(name), where_),
                        open,
                    ));
                }
            };
            places.skip_value();
            pieces.push(Piece::Value { value, raw, slot });
            rest_at = close + 2;
        }
        if rest_at < text.len() {
            pieces.push(Piece::Literal {
                start: rest_at,
                end: text.len(),
            });
        }
        Ok(Template {
            language: if format == Format::Html {
                fixed_language(text)
            } else {
                None
            },
            source: text.into(),
            pieces: pieces.into_boxed_slice(),
            format,
        })
    }

    /// The language an HTML template is written in, when its `<html>` tag names
    /// one as it is (`<html lang="de">`): its documents are in that language
    /// whatever the visitor asked for, registry texts and `Content-Language`
    /// included. None for a template that writes `lang="{{lang}}"` (it follows the
    /// negotiation) or names no language.
    pub fn language(&self) -> Option<Language> {
        self.language
    }

    /// The format the template produces.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Renders the template for `code` with `ctx` into `out`.
    pub fn render(&self, code: StatusCode, ctx: &Context<'_>, out: &mut impl Sink) {
        let escape = self.format.escape();
        for piece in self.pieces.iter() {
            match *piece {
                Piece::Literal { start, end } => out.put_str(&self.source[start..end]),
                Piece::Value { value, raw, slot } => {
                    let ctx_escape = if raw { Escape::Raw } else { escape };
                    // The placeholder may sit in an HTML attribute of any quoting.
                    let registry_as_is = ctx_escape != Escape::Html;
                    match value {
                        Value::Code => out.put_u16(code.as_u16()),
                        Value::StatusLine => {
                            ctx.write_status_line(code, out, ctx_escape, registry_as_is)
                        }
                        Value::Reason => ctx.write_reason(code, out, ctx_escape, registry_as_is),
                        // A scope in maintenance says so where the status's
                        // summary would stand.
                        Value::Summary if ctx.maintenance().is_some() => {
                            if let Some(maintenance) = ctx.maintenance() {
                                put_maintenance_summary(
                                    out,
                                    ctx.language(),
                                    maintenance,
                                    ctx_escape,
                                    " ",
                                );
                            }
                        }
                        Value::Request(field) => {
                            if let Some(v) = ctx.get(field) {
                                write_in_slot(out, v, ctx_escape, slot);
                            }
                        }
                        other => {
                            let s = registry_value(other, code, self.format, ctx.language());
                            write_in_slot(out, s.as_bytes(), ctx_escape, slot);
                        }
                    }
                }
            }
        }
    }

    /// Renders into a new `Vec` (convenience; allocates).
    pub fn render_to_vec(&self, code: StatusCode, ctx: &Context<'_>) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.source.len() + 256);
        self.render(code, ctx, &mut out);
        out
    }
}

/// The literal `lang` of the first `<html ...>` tag, as a language of the
/// catalogues (with the usual fallbacks: `en-GB` is English).
fn fixed_language(text: &str) -> Option<Language> {
    // Tags and attribute names are ASCII and case-blind, and so are language tags.
    let lower = text.to_ascii_lowercase();
    let rest = &lower[lower.find("<html")? + 5..];
    if !rest.starts_with(|c: char| c.is_ascii_whitespace() || c == '>') {
        return None;
    }
    let tag = &rest[..rest.find('>')?];
    let (at, _) = tag
        .match_indices("lang=")
        .find(|(i, _)| *i > 0 && tag.as_bytes()[i - 1].is_ascii_whitespace())?;
    let value = &tag[at + 5..];
    let value = match value.chars().next()? {
        quote @ ('"' | '\'') => value[1..].split(quote).next()?,
        _ => value.split(|c: char| c.is_ascii_whitespace()).next()?,
    };
    if value.contains("{{") {
        return None;
    }
    crate::lang::lookup(value.as_bytes())
}

fn registry_value(value: Value, code: StatusCode, format: Format, lang: Language) -> &'static str {
    match value {
        Value::Class => lang.class_name(code.class()).as_str(),
        Value::Kind => lang.kind_name(code.kind()).as_str(),
        Value::Summary => lang.summary(code).as_str(),
        Value::Description => lang.description(code).as_str(),
        Value::Lang => lang.tag(),
        Value::Dir => lang.dir(),
        Value::Reference => code.reference().map_or("", |r| r.citation.as_str()),
        Value::ReferenceUrl => code.reference().map_or("", |r| r.url.as_str()),
        Value::Origin => code.origin().map_or("", |o| o.as_str()),
        Value::ContentType => format.content_type(),
        // Written directly by `render`.
        Value::Code | Value::Reason | Value::StatusLine | Value::Request(_) => "",
    }
}

/// Writes a value escaped, and at the start of a URL attribute only if it is a safe
/// link target (a `javascript:` URL survives escaping).
fn write_in_slot(out: &mut impl Sink, value: &[u8], escape: Escape, slot: Slot) {
    if slot == Slot::UrlStart && !value.is_empty() && !is_linkable(value) {
        out.put_str("about:invalid");
    } else {
        write_escaped(out, value, escape);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_html_template_written_in_one_language_says_so() {
        let html = |source: &str| {
            Template::compile(source.as_bytes(), Format::Html)
                .unwrap()
                .language()
        };
        assert_eq!(
            html("<!DOCTYPE html>\n<html lang=\"de\"><p>x</p>"),
            Language::from_tag("de")
        );
        assert_eq!(html("<HTML class=x LANG='en-GB'>"), Some(Language::ENGLISH));
        assert_eq!(html("<html\nlang=ja>"), Language::from_tag("ja"));
        assert_eq!(
            html("<html lang=\"{{lang}}\" dir=\"{{dir}}\">"),
            None,
            "negotiated"
        );
        assert_eq!(html("<html><p lang=\"de\">"), None, "no language on <html>");
        assert_eq!(html("<htmlx lang=\"de\">"), None);
        assert_eq!(
            html("<html lang=\"x-klingon\">"),
            None,
            "not a language of the catalogues"
        );
        let text = Template::compile(b"<html lang=\"de\">", Format::Text).unwrap();
        assert_eq!(
            text.language(),
            None,
            "only HTML says its language this way"
        );
    }

    #[test]
    fn unknown_placeholder_message_lists_exactly_the_placeholders() {
        let err = Template::compile(b"{{nope}}", Format::Text).unwrap_err();
        let message = err.to_string();
        let known = message
            .split_once("(known: ")
            .and_then(|(_, rest)| rest.strip_suffix(')'))
            .unwrap_or_else(|| panic!("no list of placeholders in {message:?}"));
        let listed: Vec<&str> = known.split(", ").collect();
        let table: Vec<&str> = placeholders().map(|(name, _)| name).collect();
        assert_eq!(listed, table);
        // Both halves of the table are there: registry values and request fields.
        for (name, _) in REGISTRY_VALUES {
            assert!(listed.contains(&name), "{name}");
        }
        for field in Field::ALL {
            assert!(listed.contains(&field.name()), "{}", field.name());
        }
        // Every listed name compiles.
        for name in listed {
            let source = format!("{{{{{name}}}}}");
            assert!(
                Template::compile(source.as_bytes(), Format::Text).is_ok(),
                "{name}"
            );
        }
    }
}
