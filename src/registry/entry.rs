//! One row of the registry and what it is made of, with the `const` builders and
//! macros the data table is written with.

use super::class::{Class, Kind};
use super::headers::{Header, HeaderSet};
use super::text::Text;

/// Properties of a code, as a bit set (the same bits as the C `HTTPSTATUS_FLAG_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Flags(u32);

impl Flags {
    /// No flag set.
    pub const NONE: Flags = Flags(0);
    /// A response with this code may carry content (false for 1xx, 204, 205, 304).
    pub const BODY_ALLOWED: Flags = Flags(1);
    /// Heuristically cacheable by default (RFC 9110, Section 15.1).
    pub const CACHEABLE: Flags = Flags(1 << 1);
    /// Obsolete, deprecated or discontinued: do not send it in new software.
    pub const OBSOLETE: Flags = Flags(1 << 2);
    /// An error (4xx or 5xx).
    pub const ERROR: Flags = Flags(1 << 3);

    /// The raw bits.
    pub const fn bits(self) -> u32 {
        self.0
    }
    /// Both sets together.
    pub const fn union(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }
    /// True when every bit of `other` is set here.
    pub const fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }
}

/// The document that defines a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    /// For example "RFC 9110, Section 15.5.5".
    pub citation: Text,
    /// Where to read it.
    pub url: Text,
    /// For an RFC section: the RFC's number and the section ("9110", "15.5.5"),
    /// so the citation can be worded in another language without taking it apart.
    pub rfc_section: Option<(Text, Text)>,
}

/// Another phrase a code has been or is known by, and where that name comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Alias {
    /// The phrase.
    pub phrase: Text,
    /// Who uses or used it: a specification or a vendor.
    pub origin: Text,
}

/// What an Apache httpd operator needs to know about a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ApacheHint {
    /// The directives and modules that produce the code.
    pub sources: Text,
    /// Common causes in Apache and what to check first.
    pub hint: Text,
}

/// One row of the registry. Unassigned codes share their class's row.
#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub(crate) code: u16,
    pub(crate) reason: Text,
    pub(crate) kind: Kind,
    pub(crate) summary: Text,
    pub(crate) description: Text,
    pub(crate) reference: Option<Reference>,
    pub(crate) origin: Option<Text>,
    pub(crate) aliases: &'static [Alias],
    pub(crate) flags: Flags,
    pub(crate) required_headers: HeaderSet,
    pub(crate) related_headers: HeaderSet,
    pub(crate) apache: Option<ApacheHint>,
}

/// Codes whose responses never carry content (RFC 9110, Sections 15.2, 15.3.5,
/// 15.3.6 and 15.4.5).
pub(crate) const fn body_allowed(code: u16) -> bool {
    !matches!(code, 100..=199 | 204 | 205 | 304)
}

/// The flags that follow from the number alone; a row adds its own (`CACHEABLE`,
/// `OBSOLETE`) to these.
pub(crate) const fn base_flags(code: u16) -> Flags {
    let mut f = Flags::NONE;
    if body_allowed(code) {
        f = f.union(Flags::BODY_ALLOWED);
    }
    if code >= 400 {
        f = f.union(Flags::ERROR);
    }
    f
}

const PLACEHOLDER: Text = Text::new("\0");

impl Entry {
    const fn base(code: u16, reason: Text, kind: Kind) -> Entry {
        Entry {
            code,
            reason,
            kind,
            summary: PLACEHOLDER,
            description: PLACEHOLDER,
            reference: None,
            origin: None,
            aliases: &[],
            flags: base_flags(code),
            required_headers: HeaderSet::NONE,
            related_headers: HeaderSet::NONE,
            apache: None,
        }
    }

    /// A code in the IANA registry, defined by `reference`.
    pub(crate) const fn registered(code: u16, reason: Text, reference: Reference) -> Entry {
        let mut e = Entry::base(code, reason, Kind::Registered);
        e.reference = Some(reference);
        e
    }

    /// A temporary IANA registration.
    pub(crate) const fn temporary(code: u16, reason: Text, reference: Reference) -> Entry {
        let mut e = Entry::base(code, reason, Kind::Temporary);
        e.reference = Some(reference);
        e
    }

    /// A code IANA lists as unused, known by its historical phrase.
    pub(crate) const fn reserved(code: u16, reason: Text, reference: Reference) -> Entry {
        let mut e = Entry::base(code, reason, Kind::Reserved);
        e.reference = Some(reference);
        e
    }

    /// An unregistered code sent by `origin`.
    pub(crate) const fn unofficial(code: u16, reason: Text, origin: Text) -> Entry {
        let mut e = Entry::base(code, reason, Kind::Unofficial);
        e.origin = Some(origin);
        e
    }

    /// The shared row for the unassigned codes of a class (keyed by `x00`), named
    /// by the class.
    pub(crate) const fn unassigned(class: Class) -> Entry {
        Entry::base(class as u16 * 100, class.name_text(), Kind::Unassigned)
    }

    pub(crate) const fn about(mut self, summary: Text, description: Text) -> Entry {
        self.summary = summary;
        self.description = description;
        self
    }

    pub(crate) const fn aliases(mut self, aliases: &'static [Alias]) -> Entry {
        self.aliases = aliases;
        self
    }

    pub(crate) const fn cacheable(mut self) -> Entry {
        self.flags = self.flags.union(Flags::CACHEABLE);
        self
    }

    pub(crate) const fn obsolete(mut self) -> Entry {
        self.flags = self.flags.union(Flags::OBSOLETE);
        self
    }

    pub(crate) const fn requires(mut self, h: Header) -> Entry {
        self.required_headers = self.required_headers.with(h);
        self
    }

    pub(crate) const fn relates(mut self, h: Header) -> Entry {
        self.related_headers = self.related_headers.with(h);
        self
    }

    pub(crate) const fn apache(mut self, sources: Text, hint: Text) -> Entry {
        self.apache = Some(ApacheHint { sources, hint });
        self
    }
}

/// `rfc!(9110, "15.5.5")`: a section of an RFC on the RFC Editor's site.
macro_rules! rfc {
    ($n:literal, $section:literal) => {
        $crate::registry::entry::Reference {
            citation: $crate::registry::text::t!("RFC ", $n, ", Section ", $section),
            url: $crate::registry::text::t!(
                "https://www.rfc-editor.org/rfc/rfc",
                $n,
                "#section-",
                $section
            ),
            rfc_section: Some((
                $crate::registry::text::t!($n),
                $crate::registry::text::t!($section),
            )),
        }
    };
}
pub(crate) use rfc;

/// `alias!("Payload Too Large", "RFC 7231")`.
macro_rules! alias {
    ($phrase:literal, $origin:literal) => {
        $crate::registry::entry::Alias {
            phrase: $crate::registry::text::t!($phrase),
            origin: $crate::registry::text::t!($origin),
        }
    };
}
pub(crate) use alias;
