//! The request data a document may show.

use crate::registry::text::named_enum;

named_enum! {
    /// Request data a document may show, named as its template placeholder
    /// (`method`, `path`, `request_id`, ...). Each value is treated as hostile: it
    /// is escaped for the output format, and nothing is shown unless the caller sets it.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Field: u8 {
        /// The request method.
        Method = 1 => "method",
        /// The request path (with query, if the caller includes it); JSON's `instance`.
        Path = 2 => "path",
        /// An identifier to quote when reporting the error.
        RequestId = 3 => "request_id",
        /// The server's name, shown in the page footer.
        Server = 4 => "server",
        /// The time of the response, preformatted by the caller.
        Date = 5 => "date",
        /// The redirect target for 3xx (linked only if it is http(s) or a local path).
        Location = 6 => "location",
        /// What other server components said about the error, as plain text (e.g. a
        /// TLS port that was spoken to in plain HTTP).
        Notes = 7 => "notes",
        /// The site's home page, for the page's "home page" link (linked only if it
        /// is http(s) or a local path).
        Home = 8 => "home",
        /// The site's name, shown above the heading and in the page title.
        Site = 9 => "site",
        /// Where a visitor gets help: a `mailto:` address or a URL (linked only when
        /// safe).
        Contact = 10 => "contact",
        /// The site's logo, an image shown above the heading with the site's name as
        /// its text (linked only if it is http(s) or a local path).
        Logo = 11 => "logo",
    }
}

impl Field {
    /// The field with C number `n`.
    pub fn from_number(n: i64) -> Option<Field> {
        Field::ALL.into_iter().find(|f| *f as i64 == n)
    }
}
