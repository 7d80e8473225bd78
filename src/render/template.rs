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

use core::fmt;

use super::context::Context;
use super::escape::write_escaped;
use super::field::Field;
use super::format::Escape;
use super::format::Format;
use super::link::is_linkable;
use super::sink::Sink;
use crate::lang::Language;
use crate::registry::code::StatusCode;

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
            TemplateErrorKind::UnknownPlaceholder(n) => write!(
                f,
                "unknown placeholder `{n}` (known: code, reason, status_line, class, kind, \
                 summary, description, reference, reference_url, origin, content_type, lang, \
                 dir, method, path, request_id, server, date, location, notes)"
            ),
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

/// Whether a placeholder's position is safe for an escaped value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Safe,
    UrlStart,
    /// Unsafe, with a phrase saying where ("in an unquoted attribute value").
    Unsafe(&'static str),
}

/// Follows a template's literal text far enough to know where each placeholder
/// stands: a small model of HTML tokenisation (tags, attributes and their quoting,
/// comments, raw-text elements) or of JSON strings. Fed the text between
/// placeholders in order; runs only when a template is compiled.
struct Places {
    format: Format,
    html: Html,
    tag: String,
    /// The tag being read is an end tag (`</p>`).
    closing: bool,
    attr: String,
    /// Something other than blanks came in the current attribute value (browsers
    /// ignore leading blanks of a URL, so they do not settle its scheme).
    value_started: bool,
    /// Inside a JSON string literal, and whether the last byte was a backslash.
    json_string: bool,
    json_escaped: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Html {
    Text,
    /// After `<`: a tag name follows if a letter (or `/` and a letter) comes.
    Open,
    TagName,
    InTag,
    AttrName,
    AfterAttrName,
    BeforeValue,
    Quoted(u8),
    Unquoted,
    Comment,
    Declaration,
    /// Inside `<script>` or `<style>` until its end tag.
    RawText,
}

const URL_ATTRIBUTES: [&str; 12] = [
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "cite",
    "data",
    "background",
    "xlink:href",
    "ping",
    "manifest",
    "codebase",
];

impl Places {
    fn new(format: Format) -> Self {
        Places {
            format,
            html: Html::Text,
            tag: String::new(),
            closing: false,
            attr: String::new(),
            value_started: false,
            json_string: false,
            json_escaped: false,
        }
    }

    /// Reads `literal` (the text since the last placeholder) and tells where the next
    /// placeholder stands.
    fn place_of(&mut self, literal: &str) -> Place {
        match self.format {
            Format::Text => Place::Safe,
            Format::Json => {
                for &b in literal.as_bytes() {
                    self.json_byte(b);
                }
                if self.json_string {
                    Place::Safe
                } else {
                    Place::Unsafe("outside a JSON string")
                }
            }
            Format::Html => {
                let mut rest = literal;
                while let Some(c) = rest.chars().next() {
                    rest = self.html_char(c, rest);
                }
                self.html_place()
            }
        }
    }

    /// The placeholder's value counts as ordinary characters of where it stands.
    fn skip_value(&mut self) {
        match self.format {
            Format::Text => {}
            Format::Json => self.json_escaped = false,
            Format::Html => {
                self.html = match self.html {
                    Html::BeforeValue => Html::Unquoted,
                    Html::Open => Html::Text,
                    other => other,
                };
                self.value_started = true;
            }
        }
    }

    fn json_byte(&mut self, b: u8) {
        if !self.json_string {
            self.json_string = b == b'"';
        } else if self.json_escaped {
            self.json_escaped = false;
        } else if b == b'\\' {
            self.json_escaped = true;
        } else if b == b'"' {
            self.json_string = false;
        }
    }

    fn html_place(&self) -> Place {
        match self.html {
            Html::Text | Html::Comment => Place::Safe,
            // A value starting with a letter would open a tag.
            Html::Open => Place::Unsafe("right after `<`"),
            Html::Quoted(_) => {
                let attr = self.attr.as_str();
                if attr.starts_with("on") || attr == "style" || attr == "srcdoc" {
                    Place::Unsafe("in an event handler, style or srcdoc attribute")
                } else if !self.value_started && URL_ATTRIBUTES.contains(&attr) {
                    Place::UrlStart
                } else {
                    Place::Safe
                }
            }
            Html::Unquoted | Html::BeforeValue => Place::Unsafe("in an unquoted attribute value"),
            Html::TagName | Html::InTag | Html::AttrName | Html::AfterAttrName => {
                Place::Unsafe("inside a tag, outside any attribute value")
            }
            Html::Declaration => Place::Unsafe("inside a <!...> declaration"),
            Html::RawText => Place::Unsafe("inside a <script> or <style> element"),
        }
    }

    /// Consumes `c`, the first character of `rest`, and returns what follows it
    /// (some states look ahead, e.g. for `<!--` or an end tag).
    fn html_char<'s>(&mut self, c: char, rest: &'s str) -> &'s str {
        let after = &rest[c.len_utf8()..];
        let space = c.is_ascii_whitespace();
        self.html = match self.html {
            Html::Text => {
                if c == '<' {
                    self.closing = false;
                    Html::Open
                } else {
                    Html::Text
                }
            }
            Html::Open => {
                if let Some(after_open) = rest.strip_prefix("!--") {
                    return self.enter(Html::Comment, after_open);
                } else if c == '!' || c == '?' {
                    Html::Declaration
                } else if c == '/' && !self.closing {
                    self.closing = true;
                    Html::Open
                } else if c.is_ascii_alphabetic() {
                    self.tag.clear();
                    self.tag.push(c.to_ascii_lowercase());
                    Html::TagName
                } else {
                    Html::Text
                }
            }
            Html::TagName => {
                if space || c == '/' {
                    Html::InTag
                } else if c == '>' {
                    self.end_of_tag()
                } else {
                    self.tag.push(c.to_ascii_lowercase());
                    Html::TagName
                }
            }
            Html::InTag | Html::AfterAttrName => {
                if c == '>' {
                    self.end_of_tag()
                } else if space || c == '/' {
                    self.html
                } else if c == '=' && self.html == Html::AfterAttrName {
                    Html::BeforeValue
                } else {
                    self.attr.clear();
                    self.attr.push(c.to_ascii_lowercase());
                    Html::AttrName
                }
            }
            Html::AttrName => {
                if c == '=' {
                    Html::BeforeValue
                } else if c == '>' {
                    self.end_of_tag()
                } else if space || c == '/' {
                    Html::AfterAttrName
                } else {
                    self.attr.push(c.to_ascii_lowercase());
                    Html::AttrName
                }
            }
            Html::BeforeValue => match c {
                '"' | '\'' => {
                    self.value_started = false;
                    Html::Quoted(c as u8)
                }
                '>' => self.end_of_tag(),
                _ if space => Html::BeforeValue,
                _ => Html::Unquoted,
            },
            Html::Quoted(q) => {
                if c as u32 == u32::from(q) {
                    Html::InTag
                } else {
                    self.value_started |= !space;
                    Html::Quoted(q)
                }
            }
            Html::Unquoted => {
                if space {
                    Html::InTag
                } else if c == '>' {
                    self.end_of_tag()
                } else {
                    Html::Unquoted
                }
            }
            Html::Comment => {
                if let Some(after_close) = rest.strip_prefix("-->") {
                    return self.enter(Html::Text, after_close);
                }
                Html::Comment
            }
            Html::Declaration => {
                if c == '>' {
                    Html::Text
                } else {
                    Html::Declaration
                }
            }
            Html::RawText => {
                let end = format!("</{}", self.tag);
                if rest.len() >= end.len()
                    && rest.as_bytes()[..end.len()].eq_ignore_ascii_case(end.as_bytes())
                {
                    self.closing = true;
                    return self.enter(Html::TagName, &rest[end.len()..]);
                }
                Html::RawText
            }
        };
        after
    }

    fn enter<'s>(&mut self, state: Html, rest: &'s str) -> &'s str {
        self.html = state;
        rest
    }

    /// `>` ends a tag: the content of `<script>` and `<style>` is not HTML.
    fn end_of_tag(&mut self) -> Html {
        if !self.closing && (self.tag == "script" || self.tag == "style") {
            Html::RawText
        } else {
            Html::Text
        }
    }
}
