//! User templates: a document with `{{placeholder}}`s, compiled once and rendered
//! many times without allocating.
//!
//! Syntax: `{{name}}` inserts a value escaped for the template's format;
//! `{{name|raw}}` inserts it unescaped (for trusted values only); spaces inside the
//! braces are allowed. `{{` always opens a placeholder. Names: `code`, `reason`,
//! `status_line`, `class`, `kind`, `summary`, `description`, `reference`,
//! `reference_url`, `origin`, `content_type`, and the request fields `method`, `path`,
//! `request_id`, `server`, `date`, `location` (empty when the caller did not set them).

use core::fmt;

use super::{Context, Escape, Field, Format, Sink, write_escaped};
use crate::StatusCode;

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
    Request(Field),
}

const REGISTRY_VALUES: [(&str, Value); 11] = [
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
];

fn value_named(name: &str) -> Option<Value> {
    REGISTRY_VALUES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| *v)
        .or_else(|| {
            Field::ALL
                .into_iter()
                .find(|f| f.name() == name)
                .map(Value::Request)
        })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece {
    Literal { start: usize, end: usize },
    Value { value: Value, raw: bool },
}

/// A compiled template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    source: Box<str>,
    pieces: Box<[Piece]>,
    format: Format,
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
            TemplateErrorKind::UnknownPlaceholder(n) => write!(
                f,
                "unknown placeholder `{n}` (known: code, reason, status_line, class, kind, \
                 summary, description, reference, reference_url, origin, content_type, method, \
                 path, request_id, server, date, location)"
            ),
            TemplateErrorKind::UnknownFilter(n) => {
                write!(f, "unknown filter `{n}` (the only filter is `raw`)")
            }
            TemplateErrorKind::EmptyPlaceholder => f.write_str("empty placeholder `{{}}`"),
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
            pieces.push(Piece::Value { value, raw });
            rest_at = close + 2;
        }
        if rest_at < text.len() {
            pieces.push(Piece::Literal {
                start: rest_at,
                end: text.len(),
            });
        }
        Ok(Template {
            source: text.into(),
            pieces: pieces.into_boxed_slice(),
            format,
        })
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
                Piece::Value { value, raw } => {
                    let ctx_escape = if raw { Escape::Raw } else { escape };
                    // The placeholder may sit in an HTML attribute of any quoting.
                    let registry_as_is = ctx_escape != Escape::Html;
                    match value {
                        Value::Code => out.put_u16(code.as_u16()),
                        Value::StatusLine => {
                            ctx.write_status_line(code, out, ctx_escape, registry_as_is)
                        }
                        Value::Reason => ctx.write_reason(code, out, ctx_escape, registry_as_is),
                        Value::Request(field) => {
                            if let Some(v) = ctx.get(field) {
                                write_escaped(out, v, ctx_escape);
                            }
                        }
                        other => {
                            let s = registry_value(other, code, self.format);
                            write_escaped(out, s.as_bytes(), ctx_escape);
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

fn registry_value(value: Value, code: StatusCode, format: Format) -> &'static str {
    match value {
        Value::Class => code.class().name(),
        Value::Kind => code.kind().name(),
        Value::Summary => code.summary().as_str(),
        Value::Description => code.description().as_str(),
        Value::Reference => code.reference().map_or("", |r| r.citation.as_str()),
        Value::ReferenceUrl => code.reference().map_or("", |r| r.url.as_str()),
        Value::Origin => code.origin().map_or("", |o| o.as_str()),
        Value::ContentType => format.content_type(),
        // Written directly by `render`.
        Value::Code | Value::Reason | Value::StatusLine | Value::Request(_) => "",
    }
}
