//! The status-code registry: every code from 100 to 599.
//!
//! `data` is the single source table; this module derives, at compile time, an
//! O(1) index from code to row and the NUL-terminated status lines, so lookups
//! never allocate and need no lazy initialisation.

mod data;
mod text;
mod types;

pub use text::Text;
pub(crate) use text::t;
pub use types::{Alias, ApacheHint, Class, Flags, Header, HeaderSet, Kind, Reference};
pub(crate) use types::{alias, rfc};

use data::{CLASS_ROWS, TABLE};
use types::Entry;

/// Lowest code in the registry.
pub const MIN_CODE: u16 = 100;
/// Highest code in the registry.
pub const MAX_CODE: u16 = 599;
/// How many codes the registry holds: one for every number from 100 to 599.
pub const CODE_COUNT: usize = (MAX_CODE - MIN_CODE + 1) as usize;

/// Row index for each code; values at or above `TABLE.len()` pick a class row.
static INDEX: [u8; CODE_COUNT] = build_index();

const fn build_index() -> [u8; CODE_COUNT] {
    assert!(TABLE.len() + CLASS_ROWS.len() <= u8::MAX as usize);
    let mut index = [0u8; CODE_COUNT];
    let mut code = MIN_CODE;
    while code <= MAX_CODE {
        let class = (code / 100) as usize - 1;
        index[(code - MIN_CODE) as usize] = (TABLE.len() + class) as u8;
        code += 1;
    }
    let mut i = 0;
    while i < TABLE.len() {
        let code = TABLE[i].code;
        assert!(code >= MIN_CODE && code <= MAX_CODE, "code out of range");
        if i > 0 {
            assert!(
                TABLE[i - 1].code < code,
                "TABLE must be sorted, without duplicates"
            );
        }
        assert!(!TABLE[i].summary.is_empty() && !TABLE[i].description.is_empty());
        assert_verbatim_safe(&TABLE[i]);
        index[(code - MIN_CODE) as usize] = i as u8;
        i += 1;
    }
    let mut c = 0;
    while c < CLASS_ROWS.len() {
        assert_verbatim_safe(&CLASS_ROWS[c]);
        c += 1;
    }
    index
}

/// The built-in documents write registry phrases and prose as they are, without
/// escaping: they must be safe verbatim in HTML text and double-quoted attributes,
/// in JSON strings and in plain text. Checked here, at compile time, for every row
/// (tests/render.rs checks the same against the escaper itself).
const fn assert_verbatim_safe(row: &Entry) {
    assert!(is_verbatim_safe(row.reason.bytes_without_nul()), "reason");
    assert!(is_verbatim_safe(row.summary.bytes_without_nul()), "summary");
    assert!(
        is_verbatim_safe(row.description.bytes_without_nul()),
        "description"
    );
    if let Some(origin) = row.origin {
        assert!(is_verbatim_safe(origin.bytes_without_nul()), "origin");
    }
    if let Some(r) = row.reference {
        assert!(is_verbatim_safe(r.citation.bytes_without_nul()), "citation");
        assert!(is_verbatim_safe(r.url.bytes_without_nul()), "url");
    }
}

/// No markup or quoting characters (the apostrophe and the backtick are fine
/// outside single-quoted or unquoted attributes, which the built-in pages do not
/// use), no control characters (C0, DEL, C1) and no U+2028/U+2029.
pub(crate) const fn is_verbatim_safe(text: &[u8]) -> bool {
    let mut i = 0;
    while i < text.len() {
        let b = text[i];
        if b < 0x20 || b == 0x7f || matches!(b, b'"' | b'\\' | b'<' | b'>' | b'&') {
            return false;
        }
        let next = if i + 1 < text.len() { text[i + 1] } else { 0 };
        if b == 0xC2 && next >= 0x80 && next < 0xA0 {
            return false;
        }
        if b == 0xE2 && next == 0x80 && i + 2 < text.len() && matches!(text[i + 2], 0xA8 | 0xA9) {
            return false;
        }
        i += 1;
    }
    true
}

static ROWS: [&Entry; TABLE.len() + CLASS_ROWS.len()] = {
    let mut rows: [&Entry; TABLE.len() + CLASS_ROWS.len()] =
        [&CLASS_ROWS[0]; TABLE.len() + CLASS_ROWS.len()];
    let mut i = 0;
    while i < TABLE.len() {
        rows[i] = &TABLE[i];
        i += 1;
    }
    let mut c = 0;
    while c < CLASS_ROWS.len() {
        rows[TABLE.len() + c] = &CLASS_ROWS[c];
        c += 1;
    }
    rows
};

// ----- status lines, built at compile time -----------------------------------------------

const fn row_for(code: u16) -> &'static Entry {
    let mut i = 0;
    while i < TABLE.len() {
        if TABLE[i].code == code {
            return &TABLE[i];
        }
        i += 1;
    }
    &CLASS_ROWS[(code / 100) as usize - 1]
}

/// "NNN " + phrase + NUL for every code.
const LINE_BYTES_LEN: usize = {
    let mut n = 0;
    let mut code = MIN_CODE;
    while code <= MAX_CODE {
        n += 4 + row_for(code).reason.len() + 1;
        code += 1;
    }
    n
};

const LINE_BYTES: [u8; LINE_BYTES_LEN] = {
    let mut out = [0u8; LINE_BYTES_LEN];
    let mut at = 0;
    let mut code = MIN_CODE;
    while code <= MAX_CODE {
        let d = digits(code);
        out[at] = d[0];
        out[at + 1] = d[1];
        out[at + 2] = d[2];
        out[at + 3] = b' ';
        at += 4;
        let phrase = row_for(code).reason.bytes_without_nul();
        let mut i = 0;
        while i < phrase.len() {
            // Status lines may carry only visible ASCII and spaces.
            assert!(phrase[i] == b' ' || (phrase[i] > 0x20 && phrase[i] < 0x7f));
            out[at] = phrase[i];
            at += 1;
            i += 1;
        }
        out[at] = 0;
        at += 1;
        code += 1;
    }
    out
};

static STATUS_LINES: [Text; CODE_COUNT] = split_at_nuls(&LINE_BYTES);

/// "100\0" .. "599\0", for C callers that want the number as a string.
static CODE_TEXTS: [Text; CODE_COUNT] = split_at_nuls(&CODE_BYTES);

const CODE_BYTES: [u8; CODE_COUNT * 4] = {
    let mut out = [0u8; CODE_COUNT * 4];
    let mut code = MIN_CODE;
    while code <= MAX_CODE {
        let at = (code - MIN_CODE) as usize * 4;
        let d = digits(code);
        out[at] = d[0];
        out[at + 1] = d[1];
        out[at + 2] = d[2];
        code += 1;
    }
    out
};

/// The three ASCII digits of a code.
const fn digits(code: u16) -> [u8; 3] {
    [
        b'0' + (code / 100) as u8,
        b'0' + (code / 10 % 10) as u8,
        b'0' + (code % 10) as u8,
    ]
}

/// One [`Text`] per code from a buffer of NUL-terminated ASCII strings, in order.
const fn split_at_nuls(bytes: &'static [u8]) -> [Text; CODE_COUNT] {
    let mut texts = [Text::new("\0"); CODE_COUNT];
    let mut rest = bytes;
    let mut n = 0;
    while n < CODE_COUNT {
        let mut end = 0;
        while rest[end] != 0 {
            end += 1;
        }
        let (text, tail) = rest.split_at(end + 1);
        texts[n] = match core::str::from_utf8(text) {
            Ok(s) => Text::new(s),
            Err(_) => panic!("registry strings are ASCII"),
        };
        rest = tail;
        n += 1;
    }
    texts
}

// ----- the public API ---------------------------------------------------------------------

/// An HTTP status code in 100..=599, with everything the registry knows about it.
///
/// All accessors are O(1), allocation-free and return `'static` data.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StatusCode(u16);

impl StatusCode {
    /// The code, if it lies in 100..=599.
    #[inline]
    pub const fn new(code: u16) -> Option<StatusCode> {
        if code >= MIN_CODE && code <= MAX_CODE {
            Some(StatusCode(code))
        } else {
            None
        }
    }

    /// Like [`StatusCode::new`], for any integer type a caller may hold (C `int`, ...).
    #[inline]
    pub fn from_int<T: TryInto<u16>>(code: T) -> Option<StatusCode> {
        code.try_into().ok().and_then(StatusCode::new)
    }

    /// Every code from 100 to 599, in order.
    pub fn all() -> impl ExactSizeIterator<Item = StatusCode> + DoubleEndedIterator + Clone {
        (MIN_CODE..=MAX_CODE).map(StatusCode)
    }

    /// The codes that have a meaning of their own (every kind but unassigned), in order.
    pub fn assigned() -> impl ExactSizeIterator<Item = StatusCode> + Clone {
        TABLE.iter().map(|e| StatusCode(e.code))
    }

    /// The number.
    #[inline]
    pub const fn as_u16(self) -> u16 {
        self.0
    }

    /// The code's position among all [`CODE_COUNT`] codes, 100 being 0 and 599 being
    /// 499: an index into a table with one entry per code.
    #[inline]
    pub const fn index(self) -> usize {
        (self.0 - MIN_CODE) as usize
    }

    #[inline]
    fn entry(self) -> &'static Entry {
        ROWS[INDEX[self.index()] as usize]
    }

    /// The current reason phrase: the registered name, the best-known unofficial
    /// use, or the class name for unassigned codes. Never empty.
    #[inline]
    pub fn reason(self) -> &'static str {
        self.entry().reason.as_str()
    }

    /// [`reason`](Self::reason) as a NUL-terminated [`Text`].
    #[inline]
    pub fn reason_text(self) -> Text {
        self.entry().reason
    }

    /// `"404 Not Found"`: code, one space, phrase; what an HTTP/1 status line carries.
    #[inline]
    pub fn status_line(self) -> &'static str {
        STATUS_LINES[self.index()].as_str()
    }

    /// [`status_line`](Self::status_line) as a NUL-terminated [`Text`].
    #[inline]
    pub fn status_line_text(self) -> Text {
        STATUS_LINES[self.index()]
    }

    /// The number as a NUL-terminated [`Text`]: `"404"`.
    #[inline]
    pub fn code_text(self) -> Text {
        CODE_TEXTS[self.index()]
    }

    /// One sentence on what the code means.
    pub fn summary(self) -> Text {
        self.entry().summary
    }

    /// A few sentences: what the code means, when it is sent, what a client should do.
    pub fn description(self) -> Text {
        self.entry().description
    }

    /// The defining document and section, for registered, temporary and reserved codes.
    pub fn reference(self) -> Option<Reference> {
        self.entry().reference
    }

    /// The vendor or project behind an unofficial code.
    pub fn origin(self) -> Option<Text> {
        self.entry().origin
    }

    /// The class (first digit).
    #[inline]
    pub const fn class(self) -> Class {
        match Class::of(self.0) {
            Some(c) => c,
            None => unreachable!(),
        }
    }

    /// Registered, temporary, reserved, unofficial or unassigned.
    #[inline]
    pub fn kind(self) -> Kind {
        self.entry().kind
    }

    /// Historical and alternative phrases, each with where it comes from.
    pub fn aliases(self) -> &'static [Alias] {
        if self.kind() == Kind::Unassigned {
            &[]
        } else {
            self.entry().aliases
        }
    }

    /// Flags; `BODY_ALLOWED` and `ERROR` follow from the code itself.
    #[inline]
    pub fn flags(self) -> Flags {
        let entry = self.entry();
        if entry.kind == Kind::Unassigned {
            // The class row was built for x00; recompute what depends on the code.
            let mut f = Flags::NONE;
            if types::body_allowed(self.0) {
                f = f.union(Flags::BODY_ALLOWED);
            }
            if self.0 >= 400 {
                f = f.union(Flags::ERROR);
            }
            f
        } else {
            entry.flags
        }
    }

    /// May a response with this code carry content?
    #[inline]
    pub fn body_allowed(self) -> bool {
        types::body_allowed(self.0)
    }

    /// True for 4xx and 5xx.
    #[inline]
    pub const fn is_error(self) -> bool {
        self.0 >= 400
    }

    /// Headers the specification requires (or strongly expects) with this code.
    pub fn required_headers(self) -> HeaderSet {
        self.entry().required_headers
    }

    /// Headers commonly sent with this code, though not required.
    pub fn related_headers(self) -> HeaderSet {
        self.entry().related_headers
    }

    /// What an Apache httpd operator should know: the code's own hint, or its class's.
    pub fn apache(self) -> ApacheHint {
        match self.entry().apache {
            Some(h) => h,
            None => match CLASS_ROWS[self.class() as usize - 1].apache {
                Some(h) => h,
                None => unreachable!(),
            },
        }
    }

    /// True when `line` is fit for an HTTP/1 status line of this code: the three
    /// digits, one space, and a phrase of visible ASCII characters and spaces (no
    /// tabs, control characters or non-ASCII bytes, so no response splitting).
    pub fn is_safe_status_line(self, line: &[u8]) -> bool {
        line.len() >= 5
            && line[..3] == digits(self.0)
            && line[3] == b' '
            && line[4..].iter().all(|&b| b == b' ' || b.is_ascii_graphic())
            && line[4..].iter().any(u8::is_ascii_graphic)
    }

    /// The code whose current phrase or alias matches `phrase`, ignoring ASCII case
    /// and everything but letters and digits ("request-uri too long" finds 414).
    /// Current phrases win over aliases; class names of unassigned codes and input
    /// with non-ASCII bytes match nothing.
    pub fn from_reason(phrase: &str) -> Option<StatusCode> {
        Self::from_reason_bytes(phrase.as_bytes())
    }

    /// [`from_reason`](Self::from_reason) for raw bytes: every phrase in the table is
    /// ASCII, so input with any other byte (including invalid UTF-8) matches nothing.
    pub fn from_reason_bytes(phrase: &[u8]) -> Option<StatusCode> {
        from_reason_bytes(phrase)
    }
}

impl core::fmt::Debug for StatusCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "StatusCode({})", self.status_line())
    }
}

impl core::fmt::Display for StatusCode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.status_line())
    }
}

impl TryFrom<u16> for StatusCode {
    type Error = OutOfRange;
    fn try_from(code: u16) -> Result<Self, OutOfRange> {
        StatusCode::new(code).ok_or(OutOfRange)
    }
}

impl From<StatusCode> for u16 {
    fn from(code: StatusCode) -> u16 {
        code.0
    }
}

/// The error of converting a number outside 100..=599.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfRange;

impl core::fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("status code outside 100..=599")
    }
}

impl std::error::Error for OutOfRange {}

// ----- phrase lookup ----------------------------------------------------------------------

/// Letters and digits of `bytes`, ASCII-lowercased; other bytes are skipped.
fn folded(bytes: &[u8]) -> impl Iterator<Item = u8> + '_ {
    bytes
        .iter()
        .filter(|b| b.is_ascii_alphanumeric())
        .map(|b| b.to_ascii_lowercase())
}

/// Raw-byte variant of [`StatusCode::from_reason`]. Every phrase in the table is
/// ASCII, so input with any other byte (including invalid UTF-8) matches nothing.
pub(crate) fn from_reason_bytes(phrase: &[u8]) -> Option<StatusCode> {
    // Bounded: no phrase in the table is this long, so longer input cannot match.
    if phrase.len() > 256 || !phrase.is_ascii() || folded(phrase).next().is_none() {
        return None;
    }
    let matches = |t: Text| folded(t.bytes_without_nul()).eq(folded(phrase));
    TABLE
        .iter()
        .find(|e| matches(e.reason))
        .or_else(|| {
            TABLE
                .iter()
                .find(|e| e.aliases.iter().any(|a| matches(a.phrase)))
        })
        .map(|e| StatusCode(e.code))
}

#[cfg(test)]
mod tests {
    use super::is_verbatim_safe;

    #[test]
    fn verbatim_check_rejects_what_a_format_would_escape() {
        assert!(is_verbatim_safe(
            "It's plain prose, 100% (or so).".as_bytes()
        ));
        assert!(is_verbatim_safe("Ünïcode — fine".as_bytes()));
        for bad in [
            "a<b",
            "a>b",
            "a&b",
            "say \"hi\"",
            "back\\slash",
            "tab\there",
            "line\nbreak",
            "del\u{7f}",
            "c1\u{85}",
            "ls\u{2028}",
            "ps\u{2029}",
            "esc\u{1b}[0m",
        ] {
            assert!(!is_verbatim_safe(bad.as_bytes()), "{bad:?} passed");
        }
    }
}
