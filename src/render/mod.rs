//! Error documents: built-in pages in three formats, `Accept` negotiation and
//! user templates. Rendering writes into a [`Sink`]; into a large-enough
//! [`BufferSink`] it performs no heap allocation.

mod builtin;
mod escape;
mod negotiate;
mod sink;
mod template;

pub use builtin::render;
pub use escape::{Escape, MAX_VALUE_BYTES, write_escaped};
pub use negotiate::negotiate;
pub use sink::{BufferSink, CountingSink, Sink};
pub use template::{MAX_TEMPLATE_BYTES, Template, TemplateError, TemplateErrorKind};

use crate::{StatusCode, Text};

/// The formats an error document can take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Format {
    /// A complete HTML5 page.
    Html = 1,
    /// RFC 9457 problem details, `application/problem+json`.
    Json = 2,
    /// Plain text for terminals and scripts.
    Text = 3,
}

impl Format {
    /// Every format, in the server's order of preference.
    pub const ALL: [Format; 3] = [Format::Html, Format::Json, Format::Text];

    /// The Content-Type to send, always with an explicit charset.
    pub fn content_type(self) -> &'static str {
        self.content_type_text().as_str()
    }

    /// [`content_type`](Self::content_type) as a NUL-terminated [`Text`], for C.
    pub const fn content_type_text(self) -> Text {
        match self {
            Format::Html => Text::new("text/html; charset=utf-8\0"),
            Format::Json => Text::new("application/problem+json; charset=utf-8\0"),
            Format::Text => Text::new("text/plain; charset=utf-8\0"),
        }
    }

    /// How values are escaped inside documents of this format.
    pub const fn escape(self) -> Escape {
        match self {
            Format::Html => Escape::Html,
            Format::Json => Escape::Json,
            Format::Text => Escape::Text,
        }
    }

    /// `"html"`, `"json"` or `"text"`.
    pub fn name(self) -> &'static str {
        self.name_text().as_str()
    }

    /// [`name`](Self::name) as a NUL-terminated [`Text`], for C.
    pub const fn name_text(self) -> Text {
        match self {
            Format::Html => Text::new("html\0"),
            Format::Json => Text::new("json\0"),
            Format::Text => Text::new("text\0"),
        }
    }

    /// Parses `"html"`, `"json"` or `"text"` (ASCII case-insensitive).
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(name))
    }

    /// Guesses the format from a file name's extension (`.html`, `.htm`, `.json`, `.txt`).
    pub fn from_extension(path: &str) -> Option<Format> {
        let ext = path.rsplit_once('.')?.1;
        match ext.to_ascii_lowercase().as_str() {
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" => Some(Format::Json),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }

    const fn bit(self) -> u8 {
        1 << (self as u8 - 1)
    }
}

/// A set of formats, e.g. those negotiation may choose from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FormatSet(u8);

impl FormatSet {
    /// All three formats.
    pub const ALL: FormatSet = FormatSet(0b111);
    /// No format.
    pub const EMPTY: FormatSet = FormatSet(0);

    /// The set from the C bit mask (`1 << (format - 1)`); unknown bits are ignored.
    pub const fn from_bits(bits: u32) -> FormatSet {
        FormatSet((bits & 0b111) as u8)
    }
    /// The bit mask.
    pub const fn bits(self) -> u32 {
        self.0 as u32
    }
    /// This set plus `f`.
    pub const fn with(self, f: Format) -> FormatSet {
        FormatSet(self.0 | f.bit())
    }
    /// True when `f` is in the set.
    pub const fn contains(self, f: Format) -> bool {
        self.0 & f.bit() != 0
    }
    /// True when the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The server's preferred format in the set: HTML, then JSON, then text.
    pub fn first(self) -> Option<Format> {
        Format::ALL.into_iter().find(|f| self.contains(*f))
    }
}

impl FromIterator<Format> for FormatSet {
    fn from_iter<I: IntoIterator<Item = Format>>(iter: I) -> Self {
        iter.into_iter().fold(FormatSet::EMPTY, FormatSet::with)
    }
}

/// Request data a document may show. Each value is treated as hostile: it is
/// escaped for the output format, and nothing is shown unless the caller sets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Field {
    /// The request method.
    Method = 1,
    /// The request path (with query, if the caller includes it); JSON's `instance`.
    Path = 2,
    /// An identifier to quote when reporting the error.
    RequestId = 3,
    /// The server's name, shown in the page footer.
    Server = 4,
    /// The time of the response, preformatted by the caller.
    Date = 5,
    /// The redirect target for 3xx (linked only if it is http(s) or a local path).
    Location = 6,
    /// What other server components said about the error, as plain text (e.g. a
    /// TLS port that was spoken to in plain HTTP).
    Notes = 7,
}

impl Field {
    /// Every field, in number order.
    pub const ALL: [Field; 7] = [
        Field::Method,
        Field::Path,
        Field::RequestId,
        Field::Server,
        Field::Date,
        Field::Location,
        Field::Notes,
    ];

    /// The template placeholder name: `method`, `path`, `request_id`, ...
    pub const fn name(self) -> &'static str {
        match self {
            Field::Method => "method",
            Field::Path => "path",
            Field::RequestId => "request_id",
            Field::Server => "server",
            Field::Date => "date",
            Field::Location => "location",
            Field::Notes => "notes",
        }
    }

    /// The field with C number `n`.
    pub fn from_number(n: i64) -> Option<Field> {
        Field::ALL.into_iter().find(|f| *f as i64 == n)
    }
}

/// A representation the server offers instead of the one asked for (a 300's
/// choices, a 406's variants): where it is and what it is. Both are request
/// data, escaped like any value; `href` is linked only when it is safe to follow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Alternative<'a> {
    /// The URL of the alternative, as a link target.
    pub href: &'a [u8],
    /// What distinguishes it (type, language...), as plain text; may be empty.
    pub note: &'a [u8],
}

/// The request context of one document: borrowed values, no copies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context<'a> {
    values: [Option<&'a [u8]>; Field::ALL.len()],
    alternatives: &'a [Alternative<'a>],
    reason: Option<&'a str>,
    /// Show the long description and the link to the defining document.
    pub details: bool,
}

impl<'a> Context<'a> {
    /// An empty context: the document shows only registry data.
    pub const fn new() -> Self {
        Context {
            values: [None; Field::ALL.len()],
            alternatives: &[],
            reason: None,
            details: false,
        }
    }

    /// Sets `field` (builder style).
    pub fn with(mut self, field: Field, value: &'a [u8]) -> Self {
        self.set(field, Some(value));
        self
    }

    /// Sets or clears `field`.
    pub fn set(&mut self, field: Field, value: Option<&'a [u8]>) {
        self.values[field as usize - 1] = value;
    }

    /// The value of `field`, if set.
    pub fn get(&self, field: Field) -> Option<&'a [u8]> {
        self.values[field as usize - 1]
    }

    /// Lists `alternatives` in the document (builder style).
    pub fn with_alternatives(mut self, alternatives: &'a [Alternative<'a>]) -> Self {
        self.alternatives = alternatives;
        self
    }

    /// The alternatives the document lists (empty unless set).
    pub fn alternatives(&self) -> &'a [Alternative<'a>] {
        self.alternatives
    }

    /// Uses `phrase` instead of the registry's reason phrase, e.g. the one a server
    /// sends on its status line (builder style). It is escaped like any value.
    pub fn with_reason(mut self, phrase: &'a str) -> Self {
        self.reason = Some(phrase);
        self
    }

    /// The phrase documents show for `code`: the override, else the registry's.
    pub fn reason_for(&self, code: StatusCode) -> &'a str {
        self.reason.unwrap_or(code.reason())
    }

    /// Writes [`reason_for`](Self::reason_for): an override escaped for `escape`,
    /// the registry's phrase as it is when `registry_as_is`. Registry phrases are
    /// safe as they are in HTML text, JSON strings and plain text (checked at compile
    /// time); only a caller that may be inside a single-quoted HTML attribute (a
    /// template: 418's apostrophe) passes false.
    pub(crate) fn write_reason(
        &self,
        code: StatusCode,
        out: &mut impl Sink,
        escape: Escape,
        registry_as_is: bool,
    ) {
        match self.reason {
            None if registry_as_is => out.put_str(code.reason()),
            _ => write_escaped(out, self.reason_for(code).as_bytes(), escape),
        }
    }

    /// Writes "NNN phrase" like [`write_reason`](Self::write_reason).
    pub(crate) fn write_status_line(
        &self,
        code: StatusCode,
        out: &mut impl Sink,
        escape: Escape,
        registry_as_is: bool,
    ) {
        match self.reason {
            None if registry_as_is => out.put_str(code.status_line()),
            _ => {
                out.put_u16(code.as_u16());
                out.put_str(" ");
                self.write_reason(code, out, escape, registry_as_is);
            }
        }
    }

    /// Shows the long description and spec link (builder style).
    pub fn with_details(mut self, details: bool) -> Self {
        self.details = details;
        self
    }
}

/// Renders the built-in document into a new `Vec` (convenience; allocates).
pub fn render_to_vec(code: StatusCode, format: Format, ctx: &Context<'_>) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    render(code, format, ctx, &mut out);
    out
}

/// True for a link target that is safe to put in an `href`: an http(s) URL, a
/// path on this server, or a relative reference without a scheme (`page.html.en`).
/// Anything else (`javascript:`, `data:`, `//other.host`, ...) is shown as text only.
pub fn is_linkable(target: &[u8]) -> bool {
    let lower_starts =
        |p: &[u8]| target.len() >= p.len() && target[..p.len()].eq_ignore_ascii_case(p);
    if lower_starts(b"https://") || lower_starts(b"http://") {
        return true;
    }
    // Browsers treat a backslash like a slash and skip leading blanks and controls.
    let starts_like_network_path =
        target.starts_with(b"//") || target.starts_with(b"/\\") || target.starts_with(b"\\");
    let first_segment_end = target
        .iter()
        .position(|b| matches!(b, b'/' | b'?' | b'#'))
        .unwrap_or(target.len());
    let has_scheme = target[..first_segment_end].contains(&b':');
    !target.is_empty()
        && !starts_like_network_path
        && !has_scheme
        && target.iter().all(|&b| b > b' ' && b != 0x7f)
}
