//! The response header fields a status code is tied to.

use super::text::{Text, named_enum};

named_enum! {
    /// Response header fields a status code is tied to; each is one bit (the same
    /// bits as the C `HTTPSTATUS_HEADER_*`), named as the field is usually written.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Header: u32 {
        /// `Location`
        Location = 1 => "Location",
        /// `WWW-Authenticate`
        WwwAuthenticate = 1 << 1 => "WWW-Authenticate",
        /// `Proxy-Authenticate`
        ProxyAuthenticate = 1 << 2 => "Proxy-Authenticate",
        /// `Allow`
        Allow = 1 << 3 => "Allow",
        /// `Content-Range`
        ContentRange = 1 << 4 => "Content-Range",
        /// `Retry-After`
        RetryAfter = 1 << 5 => "Retry-After",
        /// `Upgrade`
        Upgrade = 1 << 6 => "Upgrade",
        /// `Link`
        Link = 1 << 7 => "Link",
        /// `Accept`
        Accept = 1 << 8 => "Accept",
        /// `Accept-Encoding`
        AcceptEncoding = 1 << 9 => "Accept-Encoding",
        /// `Upload-Offset` (resumable uploads)
        UploadOffset = 1 << 10 => "Upload-Offset",
    }
}

// One bit each, in order: `ALL` is in bit order and `HeaderSet` can use the bits.
const _: () = {
    let mut i = 0;
    while i < Header::ALL.len() {
        assert!(Header::ALL[i] as u32 == 1 << i);
        i += 1;
    }
};

impl Header {
    /// The field name as usually written ([`name_text`](Self::name_text)).
    pub const fn text(self) -> Text {
        self.name_text()
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
