//! The shapes of registry data: classes, kinds, flags, header sets and entries,
//! with the `const` builders the data table is written with.

use super::Text;

/// The class of a status code, given by its first digit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Class {
    /// 1xx: interim responses; the final one is still to come.
    Informational = 1,
    /// 2xx: the request was received, understood and carried out.
    Successful = 2,
    /// 3xx: the client must take another step, usually follow a link.
    Redirection = 3,
    /// 4xx: the request itself is at fault.
    ClientError = 4,
    /// 5xx: the server failed to carry out a valid request.
    ServerError = 5,
}

impl Class {
    /// The class of `code`, or `None` outside 100..=599.
    pub const fn of(code: u16) -> Option<Class> {
        match code {
            100..=199 => Some(Class::Informational),
            200..=299 => Some(Class::Successful),
            300..=399 => Some(Class::Redirection),
            400..=499 => Some(Class::ClientError),
            500..=599 => Some(Class::ServerError),
            _ => None,
        }
    }

    /// Every class, in order.
    pub const ALL: [Class; 5] = [
        Class::Informational,
        Class::Successful,
        Class::Redirection,
        Class::ClientError,
        Class::ServerError,
    ];

    /// The class's name, which is also the reason phrase of its unassigned codes.
    pub fn name(self) -> &'static str {
        self.name_text().as_str()
    }

    /// [`name`](Self::name) as a NUL-terminated [`Text`], for C.
    pub const fn name_text(self) -> Text {
        match self {
            Class::Informational => Text::new("Informational\0"),
            Class::Successful => Text::new("Successful\0"),
            Class::Redirection => Text::new("Redirection\0"),
            Class::ClientError => Text::new("Client Error\0"),
            Class::ServerError => Text::new("Server Error\0"),
        }
    }

    /// `"1xx"` .. `"5xx"`.
    pub fn pattern(self) -> &'static str {
        self.pattern_text().as_str()
    }

    /// [`pattern`](Self::pattern) as a NUL-terminated [`Text`], for C.
    pub const fn pattern_text(self) -> Text {
        match self {
            Class::Informational => Text::new("1xx\0"),
            Class::Successful => Text::new("2xx\0"),
            Class::Redirection => Text::new("3xx\0"),
            Class::ClientError => Text::new("4xx\0"),
            Class::ServerError => Text::new("5xx\0"),
        }
    }

    /// True for 4xx and 5xx.
    pub const fn is_error(self) -> bool {
        matches!(self, Class::ClientError | Class::ServerError)
    }
}

/// Where a code's meaning comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Kind {
    /// Not in the IANA registry and in no widespread use: named by its class.
    Unassigned = 0,
    /// Permanently registered with IANA.
    Registered = 1,
    /// A temporary IANA registration, pending a standard.
    Temporary = 2,
    /// Registered as unused: reserved, with a well-known history.
    Reserved = 3,
    /// Not registered, but sent by widely deployed software.
    Unofficial = 4,
}

impl Kind {
    /// Every kind, in the order of their numbers (0..=4).
    pub const ALL: [Kind; 5] = [
        Kind::Unassigned,
        Kind::Registered,
        Kind::Temporary,
        Kind::Reserved,
        Kind::Unofficial,
    ];

    /// Lower-case name: "registered", "unofficial", ...
    pub fn name(self) -> &'static str {
        self.name_text().as_str()
    }

    /// [`name`](Self::name) as a NUL-terminated [`Text`], for C.
    pub const fn name_text(self) -> Text {
        match self {
            Kind::Unassigned => Text::new("unassigned\0"),
            Kind::Registered => Text::new("registered\0"),
            Kind::Temporary => Text::new("temporary\0"),
            Kind::Reserved => Text::new("reserved\0"),
            Kind::Unofficial => Text::new("unofficial\0"),
        }
    }
}

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

/// Response header fields a status code is tied to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u32)]
pub enum Header {
    /// `Location`
    Location = 1,
    /// `WWW-Authenticate`
    WwwAuthenticate = 1 << 1,
    /// `Proxy-Authenticate`
    ProxyAuthenticate = 1 << 2,
    /// `Allow`
    Allow = 1 << 3,
    /// `Content-Range`
    ContentRange = 1 << 4,
    /// `Retry-After`
    RetryAfter = 1 << 5,
    /// `Upgrade`
    Upgrade = 1 << 6,
    /// `Link`
    Link = 1 << 7,
    /// `Accept`
    Accept = 1 << 8,
    /// `Accept-Encoding`
    AcceptEncoding = 1 << 9,
    /// `Upload-Offset` (resumable uploads)
    UploadOffset = 1 << 10,
}

impl Header {
    /// Every header, in bit order.
    pub const ALL: [Header; 11] = [
        Header::Location,
        Header::WwwAuthenticate,
        Header::ProxyAuthenticate,
        Header::Allow,
        Header::ContentRange,
        Header::RetryAfter,
        Header::Upgrade,
        Header::Link,
        Header::Accept,
        Header::AcceptEncoding,
        Header::UploadOffset,
    ];

    /// The field name as usually written.
    pub const fn text(self) -> Text {
        match self {
            Header::Location => Text::new("Location\0"),
            Header::WwwAuthenticate => Text::new("WWW-Authenticate\0"),
            Header::ProxyAuthenticate => Text::new("Proxy-Authenticate\0"),
            Header::Allow => Text::new("Allow\0"),
            Header::ContentRange => Text::new("Content-Range\0"),
            Header::RetryAfter => Text::new("Retry-After\0"),
            Header::Upgrade => Text::new("Upgrade\0"),
            Header::Link => Text::new("Link\0"),
            Header::Accept => Text::new("Accept\0"),
            Header::AcceptEncoding => Text::new("Accept-Encoding\0"),
            Header::UploadOffset => Text::new("Upload-Offset\0"),
        }
    }

    /// The field name.
    pub fn name(self) -> &'static str {
        self.text().as_str()
    }

    /// The header whose bit is `bit`, if exactly one known bit is set.
    pub fn from_bit(bit: u32) -> Option<Header> {
        Header::ALL.into_iter().find(|h| *h as u32 == bit)
    }
}

/// A set of [`Header`]s (the same bits as the C `HTTPSTATUS_HEADER_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct HeaderSet(u32);

impl HeaderSet {
    /// The empty set.
    pub const NONE: HeaderSet = HeaderSet(0);

    /// The set holding just `h`.
    pub const fn of(h: Header) -> HeaderSet {
        HeaderSet(h as u32)
    }
    /// This set plus `h`.
    pub const fn with(self, h: Header) -> HeaderSet {
        HeaderSet(self.0 | h as u32)
    }
    /// The raw bits.
    pub const fn bits(self) -> u32 {
        self.0
    }
    /// True when `h` is in the set.
    pub const fn contains(self, h: Header) -> bool {
        self.0 & h as u32 != 0
    }
    /// True when the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The headers in the set, in bit order.
    pub fn iter(self) -> impl Iterator<Item = Header> {
        Header::ALL.into_iter().filter(move |h| self.contains(*h))
    }
}

/// The document that defines a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reference {
    /// For example "RFC 9110, Section 15.5.5".
    pub citation: Text,
    /// Where to read it.
    pub url: Text,
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

const fn base_flags(code: u16) -> Flags {
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
        $crate::registry::Reference {
            citation: $crate::registry::t!("RFC ", $n, ", Section ", $section),
            url: $crate::registry::t!(
                "https://www.rfc-editor.org/rfc/rfc",
                $n,
                "#section-",
                $section
            ),
        }
    };
}
pub(crate) use rfc;

/// `alias!("Payload Too Large", "RFC 7231")`.
macro_rules! alias {
    ($phrase:literal, $origin:literal) => {
        $crate::registry::Alias {
            phrase: $crate::registry::t!($phrase),
            origin: $crate::registry::t!($origin),
        }
    };
}
pub(crate) use alias;
