//! `StatusCode`: the public API over the registry.

use super::class::{Class, Kind};
use super::data::{CLASS_ROWS, TABLE};
use super::entry::{Alias, ApacheHint, Entry, Flags, Reference, base_flags, body_allowed};
use super::headers::HeaderSet;
use super::search::code_for_phrase;
use super::tables::{self, MAX_CODE, MIN_CODE, digits};
use super::text::Text;

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

    /// The code's position among all [`CODE_COUNT`](super::tables::CODE_COUNT) codes, 100 being 0 and 599 being
    /// 499: an index into a table with one entry per code.
    #[inline]
    pub const fn index(self) -> usize {
        (self.0 - MIN_CODE) as usize
    }

    /// How many rows of prose there are (see [`row_index`](Self::row_index)).
    pub(crate) const ROW_COUNT: usize = tables::ROW_COUNT;

    /// Which row of prose the code reads (codes without a meaning of their own share
    /// their class's row): an index into per-row tables such as the catalogues.
    #[inline]
    pub(crate) fn row_index(self) -> usize {
        tables::row_index(self.index())
    }

    #[inline]
    fn entry(self) -> &'static Entry {
        tables::row(self.index())
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
        tables::status_line(self.index()).as_str()
    }

    /// [`status_line`](Self::status_line) as a NUL-terminated [`Text`].
    #[inline]
    pub fn status_line_text(self) -> Text {
        tables::status_line(self.index())
    }

    /// The number as a NUL-terminated [`Text`]: `"404"`.
    #[inline]
    pub fn code_text(self) -> Text {
        tables::code_text(self.index())
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
            base_flags(self.0)
        } else {
            entry.flags
        }
    }

    /// May a response with this code carry content?
    #[inline]
    pub fn body_allowed(self) -> bool {
        body_allowed(self.0)
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
        code_for_phrase(phrase).map(StatusCode)
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
