//! What an error page tells a visitor: for each 4xx and 5xx code with a meaning of
//! its own (and each class, for the rest), what happened in plain words and what
//! the visitor can do. The registry's summary and description are for
//! developers; these are for the people who meet the page. English here is the
//! source of the catalogues' `NNN.visitor` entries.

use crate::registry::{Class, Kind, StatusCode, Text, is_verbatim_safe};

/// Something a visitor can do about an error, each a sentence of the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Look at the address again.
    CheckAddress,
    /// Return to the previous page.
    GoBack,
    /// Follow the link to the site's home page (shown only when the page has one).
    Home,
    /// Sign in.
    SignIn,
    /// Wait and retry.
    TryLater,
    /// Load the page again.
    Reload,
    /// Tell the site.
    Contact,
}

/// One row: the code (`"404"`) or class (`"4xx"`) it is for, what happened, and
/// what the visitor can do, most useful first.
#[derive(Clone, Copy, Debug)]
pub struct VisitorText {
    /// The code or class, as the catalogue key's first part.
    pub key: &'static str,
    /// What happened, in English.
    pub text: Text,
    /// What the visitor can do.
    pub actions: &'static [Action],
}

const fn row(key: &'static str, text: &'static str, actions: &'static [Action]) -> VisitorText {
    let text = Text::new(text);
    // Written into pages as it is, like the registry's prose.
    assert!(
        is_verbatim_safe(text.bytes_without_nul()),
        "a visitor text needs escaping"
    );
    VisitorText { key, text, actions }
}

/// Every row, in the catalogue's order: the codes by number, then the classes.
pub const VISITOR_TEXTS: [VisitorText; 73] = [
    row(
        "400",
        "The site could not understand what your browser sent. The link you followed may be broken or incomplete.\0",
        &[Action::GoBack, Action::CheckAddress, Action::Home],
    ),
    row(
        "401",
        "This page is only available to people who are signed in, or the sign-in details given were not accepted.\0",
        &[Action::SignIn, Action::Home],
    ),
    row(
        "402",
        "This page is only available after a payment. A subscription or plan may have ended or reached its limit.\0",
        &[Action::SignIn, Action::Contact, Action::Home],
    ),
    row(
        "403",
        "You do not have permission to see this page. It may not be open to the public.\0",
        &[Action::GoBack, Action::Home, Action::Contact],
    ),
    row(
        "404",
        "We could not find the page you were looking for. It may have been moved or deleted, or the address may be wrong.\0",
        &[Action::CheckAddress, Action::Home],
    ),
    row(
        "405",
        "This page does not allow what your browser tried to do. A form or link on the site may not be working properly.\0",
        &[Action::GoBack, Action::Home, Action::Contact],
    ),
    row(
        "406",
        "The site could not find a version of this page in a format or language that your browser can accept.\0",
        &[Action::GoBack, Action::Home, Action::Contact],
    ),
    row(
        "407",
        "The network you are connected to, for example at work or school, needs you to sign in before it lets you visit sites.\0",
        &[Action::SignIn, Action::Reload],
    ),
    row(
        "408",
        "The site stopped waiting because it took too long to receive what your browser was sending. The connection may be slow or interrupted.\0",
        &[Action::Reload, Action::GoBack],
    ),
    row(
        "409",
        "The information you sent clashes with what the site already holds. Someone else may have changed it in the meantime, or it may already exist.\0",
        &[Action::GoBack, Action::Home],
    ),
    row(
        "410",
        "The page you were looking for has been removed on purpose and will not come back.\0",
        &[Action::Home, Action::GoBack],
    ),
    row(
        "411",
        "The site could not accept the information you sent because your browser did not say how large it was.\0",
        &[Action::GoBack, Action::Contact],
    ),
    row(
        "412",
        "What you asked for could not be done because the information on this page has changed since you opened it.\0",
        &[Action::GoBack, Action::Reload],
    ),
    row(
        "413",
        "The information you sent is too large for the site to accept, for example a file that is too big to upload.\0",
        &[Action::GoBack, Action::Contact],
    ),
    row(
        "414",
        "The address of this page is too long for the site to handle. The link you followed may be broken.\0",
        &[Action::GoBack, Action::Home],
    ),
    row(
        "415",
        "The site cannot accept the kind of information you sent, for example a file in a format it does not support.\0",
        &[Action::GoBack, Action::Contact],
    ),
    row(
        "416",
        "Your browser asked for a part of a file that does not exist. The file may have changed since you started downloading it.\0",
        &[Action::Reload, Action::GoBack],
    ),
    row(
        "417",
        "The site could not accept the information you sent in the way your browser asked it to.\0",
        &[Action::GoBack, Action::Contact],
    ),
    row(
        "418",
        "The site has playfully refused to show this page. It sometimes does this when a visit looks like it comes from an automated program.\0",
        &[Action::GoBack, Action::Home],
    ),
    row(
        "419",
        "The page you were using has expired, so the information you sent could not be accepted. This usually happens when a form is left open for a long time.\0",
        &[Action::GoBack, Action::Reload],
    ),
    row(
        "420",
        "Too many attempts came from your connection in a short time, so the site is not accepting more for a while.\0",
        &[Action::TryLater],
    ),
    row(
        "421",
        "Your browser reached a part of the site that cannot show this page. This is usually a brief problem with the connection.\0",
        &[Action::Reload, Action::TryLater],
    ),
    row(
        "422",
        "The site could not use the information you sent because some of it may be missing or not valid.\0",
        &[Action::GoBack, Action::Contact],
    ),
    row(
        "423",
        "This page or file is locked at the moment, probably because someone else is working on it.\0",
        &[Action::TryLater, Action::GoBack],
    ),
    row(
        "424",
        "What you asked for could not be completed because another step it relied on did not work.\0",
        &[Action::GoBack, Action::Contact],
    ),
    row(
        "425",
        "The site did not act on what your browser sent because it arrived too early, before the connection was fully secure.\0",
        &[Action::Reload, Action::TryLater],
    ),
    row(
        "426",
        "This page can only be reached over a newer or more secure kind of connection than the one your browser used.\0",
        &[Action::Home, Action::Contact],
    ),
    row(
        "428",
        "The site did not accept your change because it could not confirm that you were working on the latest version of this page.\0",
        &[Action::GoBack, Action::Contact],
    ),
    row(
        "429",
        "The site has received too many attempts from your connection in a short time, so it is pausing them for a while.\0",
        &[Action::TryLater],
    ),
    row(
        "430",
        "The site's security checks stopped this visit because it may have looked unusual, for example as if it came from an automated program.\0",
        &[Action::TryLater, Action::Contact],
    ),
    row(
        "431",
        "Your browser sent more stored information than the site can accept. This often happens when too many cookies for this site have built up.\0",
        &[Action::GoBack, Action::Contact],
    ),
    row(
        "440",
        "Your sign-in has expired, probably because there was no activity for a while.\0",
        &[Action::SignIn, Action::Home],
    ),
    row(
        "444",
        "The site ended the connection without showing anything. This can happen when a visit is mistaken for unwanted traffic.\0",
        &[Action::TryLater, Action::Contact],
    ),
    row(
        "449",
        "The site needs more information from your browser before it can do what you asked.\0",
        &[Action::GoBack, Action::Reload],
    ),
    row(
        "450",
        "This page has been blocked by the parental controls set up on this computer.\0",
        &[Action::GoBack, Action::Home],
    ),
    row(
        "451",
        "This page cannot be shown because of a legal demand, such as a court order or a law.\0",
        &[Action::Home, Action::GoBack],
    ),
    row(
        "460",
        "The connection was closed before the site could finish loading this page, probably because it took too long to answer.\0",
        &[Action::Reload, Action::TryLater],
    ),
    row(
        "463",
        "The connection to the site passed through too many steps along the way. This is usually a problem with how the site or a network is set up.\0",
        &[Action::TryLater, Action::Contact],
    ),
    row(
        "464",
        "Your browser and the site could not agree on how to communicate, so this page could not be loaded.\0",
        &[Action::Reload, Action::Contact],
    ),
    row(
        "494",
        "Your browser sent more stored information than the site can handle. This often happens when too many cookies for this site have built up over time.\0",
        &[Action::GoBack, Action::Contact],
    ),
    row(
        "495",
        "This page only opens for devices with an approved digital ID, and the one your browser offered was not accepted.\0",
        &[Action::Contact, Action::Home],
    ),
    row(
        "496",
        "This page only opens for devices with an approved digital ID, and your browser did not offer one.\0",
        &[Action::Contact, Action::Home],
    ),
    row(
        "497",
        "Your browser tried to open this page over an unsecured connection, but the site only accepts secure connections here.\0",
        &[Action::CheckAddress, Action::Home],
    ),
    row(
        "498",
        "The permission your browser used to open this page has expired or is not valid.\0",
        &[Action::SignIn, Action::Reload],
    ),
    row(
        "499",
        "The connection was closed before the site finished preparing this page, probably because it was taking too long.\0",
        &[Action::Reload, Action::TryLater],
    ),
    row(
        "500",
        "Sorry, something went wrong on the site and this page could not be shown. The problem is on the site's side.\0",
        &[Action::TryLater, Action::Home, Action::Contact],
    ),
    row(
        "501",
        "Sorry, the site cannot do what your browser asked for on this page, because it does not support that feature.\0",
        &[Action::GoBack, Action::Home, Action::Contact],
    ),
    row(
        "502",
        "Sorry, the site could not load this page because one of its systems sent back a faulty answer.\0",
        &[Action::TryLater, Action::Reload, Action::Contact],
    ),
    row(
        "503",
        "Sorry, the site cannot show this page right now. It is probably busy or being worked on.\0",
        &[Action::TryLater, Action::Home],
    ),
    row(
        "504",
        "Sorry, the site took too long to answer. If you sent information, such as a form, it may or may not have been received.\0",
        &[Action::TryLater, Action::Home],
    ),
    row(
        "505",
        "The site could not talk to your browser because your browser tried to connect in a way the site does not support.\0",
        &[Action::Contact, Action::Home],
    ),
    row(
        "506",
        "Sorry, the site could not choose which version of this page to show you because of a problem with how it is set up.\0",
        &[Action::TryLater, Action::Contact],
    ),
    row(
        "507",
        "Sorry, the site has run out of storage space, so it could not complete what you asked.\0",
        &[Action::TryLater, Action::Contact],
    ),
    row(
        "508",
        "Sorry, the site got stuck going round in circles while working on what you asked for, and had to stop.\0",
        &[Action::GoBack, Action::Contact],
    ),
    row(
        "509",
        "Sorry, the site has used up its traffic allowance for now and cannot show pages until the allowance is renewed.\0",
        &[Action::TryLater, Action::Contact],
    ),
    row(
        "510",
        "The site could not show this page because it expected extra information that your browser did not send.\0",
        &[Action::GoBack, Action::Contact],
    ),
    row(
        "511",
        "The network you are using, for example public Wi-Fi, needs you to sign in or accept its terms before you can visit sites.\0",
        &[Action::SignIn, Action::Reload],
    ),
    row(
        "520",
        "Sorry, the site sent back an unexpected answer, so this page could not be shown.\0",
        &[Action::TryLater, Action::Reload, Action::Contact],
    ),
    row(
        "521",
        "Sorry, the site is not accepting connections at the moment. It may be offline.\0",
        &[Action::TryLater, Action::Contact],
    ),
    row(
        "522",
        "Sorry, the site took too long to connect, so this page could not be shown. It may be very busy.\0",
        &[Action::TryLater, Action::Reload],
    ),
    row(
        "523",
        "Sorry, the site cannot be reached at the moment. There may be a problem with how it is set up or with the network.\0",
        &[Action::TryLater, Action::Contact],
    ),
    row(
        "524",
        "Sorry, the site started working on this page but took too long to finish. If you sent information, it may or may not have been received.\0",
        &[Action::TryLater, Action::Home],
    ),
    row(
        "525",
        "Sorry, the site could not make a secure connection between its own systems, so this page could not be shown.\0",
        &[Action::TryLater, Action::Contact],
    ),
    row(
        "526",
        "Sorry, the site could not confirm that one of its own systems is secure, so this page was not shown, to protect you.\0",
        &[Action::TryLater, Action::Contact],
    ),
    row(
        "527",
        "Sorry, a connection between the site's own systems failed, so this page could not be shown.\0",
        &[Action::TryLater, Action::Contact],
    ),
    row(
        "529",
        "Sorry, the site is too busy to show this page right now. Too many people may be using it at once.\0",
        &[Action::TryLater],
    ),
    row(
        "530",
        "Sorry, this site has been paused, probably because it has not been used for a while, and it cannot show pages right now.\0",
        &[Action::TryLater, Action::Contact],
    ),
    row(
        "540",
        "This part of the site has been switched off for a while, so it cannot be used right now.\0",
        &[Action::TryLater, Action::Home],
    ),
    row(
        "561",
        "The sign-in service this site uses did not let you in, so this page cannot be shown.\0",
        &[Action::SignIn, Action::Contact],
    ),
    row(
        "598",
        "Sorry, the site took too long to send this page, so the connection gave up waiting.\0",
        &[Action::TryLater, Action::Reload],
    ),
    row(
        "599",
        "Sorry, the site could not be reached in time, so the connection gave up waiting.\0",
        &[Action::TryLater, Action::Reload],
    ),
    row(
        "4xx",
        "The site could not deal with what your browser asked for. There may be a problem with the link you followed or the information you sent.\0",
        &[Action::GoBack, Action::CheckAddress, Action::Home],
    ),
    row(
        "5xx",
        "Sorry, there is a problem with the site and this page cannot be shown right now.\0",
        &[Action::TryLater, Action::Home, Action::Contact],
    ),
];

impl VisitorText {
    /// The row for `code`: its own, or its class's for a code without a meaning
    /// of its own; None for 1xx to 3xx.
    pub fn of(code: StatusCode) -> Option<(usize, &'static VisitorText)> {
        if !matches!(code.class(), Class::ClientError | Class::ServerError) {
            return None;
        }
        let wanted = code.as_u16();
        let own = code.kind() != Kind::Unassigned;
        let found = if own {
            VISITOR_TEXTS.binary_search_by(|row| {
                row.key
                    .parse::<u16>()
                    .map_or(core::cmp::Ordering::Greater, |key| key.cmp(&wanted))
            })
        } else {
            let class = code.class().pattern();
            VISITOR_TEXTS
                .iter()
                .position(|row| row.key == class)
                .ok_or(0)
        };
        found.ok().map(|at| (at, &VISITOR_TEXTS[at]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_row_has_a_visitor_text_and_only_those() {
        let mut keys = Vec::new();
        for code in StatusCode::all() {
            let row = VisitorText::of(code);
            assert_eq!(row.is_some(), code.as_u16() >= 400, "{code}");
            if let Some((_, row)) = row {
                if code.kind() == Kind::Unassigned {
                    assert_eq!(row.key, code.class().pattern(), "{code}");
                } else {
                    assert_eq!(row.key, code.as_u16().to_string(), "{code}");
                }
                if !keys.contains(&row.key) {
                    keys.push(row.key);
                }
            }
        }
        assert_eq!(keys.len(), VISITOR_TEXTS.len(), "no row unused");
        for row in VISITOR_TEXTS {
            assert!(
                !row.actions.is_empty() && row.actions.len() <= 3,
                "{}",
                row.key
            );
        }
    }
}
