//! A language of the documents, and sets of them.

use core::fmt;

use super::catalogue::{LANGUAGE_COUNT, RIGHT_TO_LEFT, TAGS, TEXTS};
use super::messages::Message;
use super::visitor::{Action, VisitorText};
use crate::registry::{Class, Kind, StatusCode, Text};

/// One of the languages the catalogues hold. English, the source language, is
/// the default. Obtained from [`Language::all`], [`Language::from_tag`] or
/// negotiation; it is a small copyable index.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Language(u8);

impl Default for Language {
    fn default() -> Self {
        Language::ENGLISH
    }
}

impl fmt::Debug for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Language({})", self.tag())
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// Where each kind of text starts in a catalogue: three texts per row of prose,
/// then the class names, the kind names and the documents' own words.
const CLASS_NAMES_AT: usize = StatusCode::ROW_COUNT * 3;
const KIND_NAMES_AT: usize = CLASS_NAMES_AT + Class::ALL.len();
const MESSAGES_AT: usize = KIND_NAMES_AT + Kind::ALL.len();
const VISITOR_AT: usize = MESSAGES_AT + Message::ALL.len();
// The catalogues follow po/httpstatus.pot's order; tests/catalogue.rs checks that
// it is the order above (a stale template fails the tests, not the build, so it
// can be regenerated).

impl Language {
    /// English, the source language and the default.
    pub const ENGLISH: Language = Language(0);

    /// Every language, English first, then by tag.
    pub fn all() -> impl ExactSizeIterator<Item = Language> + Clone {
        (0..LANGUAGE_COUNT as u8).map(Language)
    }

    /// How many languages there are.
    pub const COUNT: usize = LANGUAGE_COUNT;

    /// The language with exactly this tag (ASCII case-insensitive): `de`, `pt-BR`,
    /// `zh-Hant`. For a client's preference with fallbacks, use
    /// [`negotiate_language`](super::negotiate_language).
    pub fn from_tag(tag: &str) -> Option<Language> {
        Language::from_tag_bytes(tag.as_bytes())
    }

    /// [`from_tag`](Self::from_tag) for bytes.
    pub fn from_tag_bytes(tag: &[u8]) -> Option<Language> {
        TAGS.iter()
            .position(|t| t.as_str().as_bytes().eq_ignore_ascii_case(tag))
            .map(|i| Language(i as u8))
    }

    /// The BCP 47 tag, as `Content-Language` and `lang` use it.
    pub fn tag(self) -> &'static str {
        self.tag_text().as_str()
    }

    /// [`tag`](Self::tag) as a NUL-terminated [`Text`], for C.
    pub fn tag_text(self) -> Text {
        TAGS[self.index()]
    }

    /// True for Arabic, Persian, Hebrew and other right-to-left languages.
    pub fn is_right_to_left(self) -> bool {
        RIGHT_TO_LEFT[self.index()]
    }

    /// `"rtl"` or `"ltr"`, as HTML's `dir` attribute wants it.
    pub fn dir(self) -> &'static str {
        if self.is_right_to_left() {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The position in [`all`](Self::all).
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    /// The language at `index` in [`all`](Self::all).
    pub fn from_index(index: usize) -> Option<Language> {
        (index < LANGUAGE_COUNT).then_some(Language(index as u8))
    }

    /// The text at `at` of this language's catalogue; English (the source, read
    /// from the registry itself) is `english`.
    #[inline]
    fn text(self, at: usize, english: Text) -> Text {
        if self == Language::ENGLISH {
            return english;
        }
        TEXTS[self.index()].get(at).copied().unwrap_or(english)
    }

    /// The code's title (its name as a page heading) in this language.
    pub fn title(self, code: StatusCode) -> Text {
        self.text(code.row_index() * 3, code.reason_text())
    }

    /// The code's one-sentence summary in this language.
    pub fn summary(self, code: StatusCode) -> Text {
        self.text(code.row_index() * 3 + 1, code.summary())
    }

    /// The code's longer description in this language.
    pub fn description(self, code: StatusCode) -> Text {
        self.text(code.row_index() * 3 + 2, code.description())
    }

    /// A class's name in this language.
    pub fn class_name(self, class: Class) -> Text {
        self.text(CLASS_NAMES_AT + class as usize - 1, class.name_text())
    }

    /// A kind's name (lower case, as in a sentence) in this language.
    pub fn kind_name(self, kind: Kind) -> Text {
        self.text(KIND_NAMES_AT + kind as usize, kind.name_text())
    }

    /// One of the documents' own sentences or labels in this language.
    pub fn message(self, message: Message) -> Text {
        self.text(MESSAGES_AT + message as usize - 1, message.name_text())
    }

    /// What a visitor reads about an error with `code` (4xx and 5xx), in this
    /// language, with what they can do; None for other codes.
    pub fn visitor(self, code: StatusCode) -> Option<(Text, &'static [Action])> {
        let (at, row) = VisitorText::of(code)?;
        Some((self.text(VISITOR_AT + at, row.text), row.actions))
    }
}

/// A set of languages, e.g. those a server offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LanguageSet(u64);

impl LanguageSet {
    /// Every language.
    pub const ALL: LanguageSet = LanguageSet(if LANGUAGE_COUNT == 64 {
        u64::MAX
    } else {
        (1 << LANGUAGE_COUNT) - 1
    });
    /// No language.
    pub const EMPTY: LanguageSet = LanguageSet(0);

    /// This set plus `language`.
    pub const fn with(self, language: Language) -> LanguageSet {
        LanguageSet(self.0 | 1 << language.0)
    }
    /// The languages in either set.
    pub const fn union(self, other: LanguageSet) -> LanguageSet {
        LanguageSet(self.0 | other.0)
    }
    /// The languages in both sets.
    pub const fn intersection(self, other: LanguageSet) -> LanguageSet {
        LanguageSet(self.0 & other.0)
    }
    /// The languages of this set that are not in `other`.
    pub const fn difference(self, other: LanguageSet) -> LanguageSet {
        LanguageSet(self.0 & !other.0)
    }
    /// True when `language` is in the set.
    pub const fn contains(self, language: Language) -> bool {
        self.0 & (1 << language.0) != 0
    }
    /// True when the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// How many languages the set holds.
    pub const fn len(self) -> usize {
        self.0.count_ones() as usize
    }
    /// The bit mask (bit `i` is the language at index `i`).
    pub const fn bits(self) -> u64 {
        self.0
    }
    /// The set from a bit mask; bits of no language are ignored.
    pub const fn from_bits(bits: u64) -> LanguageSet {
        LanguageSet(bits & LanguageSet::ALL.0)
    }
    /// The languages in the set, in [`Language::all`] order.
    pub fn iter(self) -> impl Iterator<Item = Language> {
        // Visits the set bits only, lowest first.
        let mut bits = self.0;
        core::iter::from_fn(move || {
            let index = bits.trailing_zeros();
            bits &= bits.wrapping_sub(1);
            (index < 64).then_some(Language(index as u8))
        })
    }
}

impl FromIterator<Language> for LanguageSet {
    fn from_iter<I: IntoIterator<Item = Language>>(iter: I) -> Self {
        iter.into_iter().fold(LanguageSet::EMPTY, LanguageSet::with)
    }
}
