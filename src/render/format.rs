//! The formats an error document can take, sets of them, and the output contexts
//! values are escaped for.

use crate::registry::text::{Text, named_enum};

named_enum! {
    /// The formats an error document can take, in the server's order of preference,
    /// named `"html"`, `"json"` and `"text"`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Format: u8 {
        /// A complete HTML5 page.
        Html = 1 => "html",
        /// RFC 9457 problem details, `application/problem+json`.
        Json = 2 => "json",
        /// Plain text for terminals and scripts.
        Text = 3 => "text",
    }
}

impl Format {
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
    /// Every format.
    pub const ALL: FormatSet = {
        let mut set = FormatSet::EMPTY;
        let mut i = 0;
        while i < Format::ALL.len() {
            set = set.with(Format::ALL[i]);
            i += 1;
        }
        set
    };
    /// No format.
    pub const EMPTY: FormatSet = FormatSet(0);

    /// The set from the C bit mask (`1 << (format - 1)`); unknown bits are ignored.
    pub const fn from_bits(bits: u32) -> FormatSet {
        FormatSet((bits & FormatSet::ALL.bits()) as u8)
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

/// The output context a value is written into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Escape {
    /// HTML text or a double- or single-quoted attribute value.
    Html,
    /// The inside of a JSON string (safe to embed in HTML `<script>` too).
    Json,
    /// Plain text for terminals: no control characters at all (a tab becomes a space).
    Text,
    /// Trusted: written as is (only for values the template author asked raw).
    Raw,
}
