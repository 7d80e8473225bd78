//! What the module did for a request, kept with the request (never in its notes,
//! which users see) so later hooks know it.

use httpstatus::Format;

/// The module's mark on a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    /// httpd's error path answered through this request, whoever writes the page.
    Answered,
    /// The module's document follows in place of httpd's canned page; `head` keeps
    /// whether the request is a HEAD, hidden from httpd meanwhile.
    Pending {
        /// The request is a HEAD.
        head: bool,
    },
    /// The module sent its document in this format.
    Sent(Format),
}

impl Mark {
    /// Every mark, each at its [`index`](Self::index), so a mark can be kept as a
    /// pointer to a static value.
    pub const ALL: [Mark; 6] = [
        Mark::Answered,
        Mark::Pending { head: false },
        Mark::Pending { head: true },
        Mark::Sent(Format::Html),
        Mark::Sent(Format::Json),
        Mark::Sent(Format::Text),
    ];

    /// Its place in [`ALL`](Self::ALL).
    pub const fn index(self) -> usize {
        match self {
            Mark::Answered => 0,
            Mark::Pending { head: false } => 1,
            Mark::Pending { head: true } => 2,
            Mark::Sent(Format::Html) => 3,
            Mark::Sent(Format::Json) => 4,
            Mark::Sent(Format::Text) => 5,
        }
    }

    /// The format of the document the module sent, if it sent one.
    pub const fn sent(self) -> Option<Format> {
        match self {
            Mark::Sent(format) => Some(format),
            Mark::Answered | Mark::Pending { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_mark_sits_at_its_index() {
        for (i, mark) in Mark::ALL.iter().enumerate() {
            assert_eq!(mark.index(), i, "{mark:?}");
        }
    }

    #[test]
    fn only_a_sent_document_has_a_format() {
        assert_eq!(Mark::Sent(Format::Json).sent(), Some(Format::Json));
        assert_eq!(Mark::Answered.sent(), None);
        assert_eq!(Mark::Pending { head: true }.sent(), None);
    }
}
