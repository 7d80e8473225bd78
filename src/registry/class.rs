//! The two ways codes are grouped: by class (first digit) and by kind (where the
//! meaning comes from).

use super::text::{Text, named_enum};

named_enum! {
    /// The class of a status code, given by its first digit; its name is also the
    /// reason phrase of its unassigned codes.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Class: u8 {
        /// 1xx: interim responses; the final one is still to come.
        Informational = 1 => "Informational",
        /// 2xx: the request was received, understood and carried out.
        Successful = 2 => "Successful",
        /// 3xx: the client must take another step, usually follow a link.
        Redirection = 3 => "Redirection",
        /// 4xx: the request itself is at fault.
        ClientError = 4 => "Client Error",
        /// 5xx: the server failed to carry out a valid request.
        ServerError = 5 => "Server Error",
    }
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

named_enum! {
    /// Where a code's meaning comes from; named in lower case ("registered", ...).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Kind: u8 {
        /// Not in the IANA registry and in no widespread use: named by its class.
        Unassigned = 0 => "unassigned",
        /// Permanently registered with IANA.
        Registered = 1 => "registered",
        /// A temporary IANA registration, pending a standard.
        Temporary = 2 => "temporary",
        /// Registered as unused: reserved, with a well-known history.
        Reserved = 3 => "reserved",
        /// Not registered, but sent by widely deployed software.
        Unofficial = 4 => "unofficial",
    }
}
