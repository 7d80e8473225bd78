//! The words of the documents themselves (labels, sentences around values), in
//! English, the source language. Registry prose (titles, summaries, descriptions)
//! comes from the registry's table; both are the source of every catalogue.

use super::visitor::{Action, VISITOR_TEXTS};
use crate::registry::text::named_enum;
use crate::registry::{Class, Kind, StatusCode};

named_enum! {
    /// A sentence or label a document shows besides the registry's prose. A
    /// `{name}` in the text is a placeholder the renderer fills.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Message: u8 {
        /// Before a 3xx's target: `{link}` is the link.
        AvailableAt = 1 => "The document is available at {link}.",
        /// Before the defining document: `{reference}` is its citation.
        DefinedIn = 2 => "Defined in {reference}.",
        /// For unofficial codes: `{origin}` names who uses it.
        UnofficialUsedBy = 3 => "An unofficial code, used by {origin}.",
        /// Label of the request method.
        Method = 4 => "Method",
        /// Label of the request path.
        Path = 5 => "Path",
        /// Label of the request identifier.
        RequestId = 6 => "Request ID",
        /// Label of the response date.
        Date = 7 => "Date",
        /// Label of a redirect target in plain text.
        Location = 8 => "Location",
        /// Heading of a 300's or 406's list of alternatives.
        AvailableVersions = 9 => "Available versions:",
        /// A citation of an RFC section: `{number}` is the RFC's, `{section}` the section's.
        RfcSection = 10 => "RFC {number}, Section {section}",
        /// Heading of a page answered while its site is in maintenance.
        MaintenanceTitle = 11 => "Down for maintenance",
        /// The maintenance page's sentence when the operator wrote none.
        MaintenanceSummary = 12 => "This page is unavailable while we carry out planned maintenance. Please come back later.",
        /// The planned end is ten minutes away or less.
        BackInMinutes = 13 => "We expect to be back in a few minutes.",
        /// The planned end is 11 to 20 minutes away.
        BackIn15Minutes = 14 => "We expect to be back in about 15 minutes.",
        /// The planned end is 21 to 40 minutes away.
        BackIn30Minutes = 15 => "We expect to be back in about 30 minutes.",
        /// The planned end is 41 to 75 minutes away.
        BackInAnHour = 16 => "We expect to be back in about an hour.",
        /// The planned end is 76 to 150 minutes away.
        BackIn2Hours = 17 => "We expect to be back in about two hours.",
        /// The planned end is 2.5 to 8 hours away.
        BackInHours = 18 => "We expect to be back in a few hours.",
        /// The planned end is 8 to 30 hours away.
        BackWithinADay = 19 => "We expect to be back within a day.",
        /// The planned end is 30 hours to a week away.
        BackInDays = 20 => "We expect to be back in a few days.",
        /// The planned end is more than a week away.
        BackLater = 21 => "This will take more than a week; please check back later.",
        /// What a visitor can do: look at the address again.
        ActionCheckAddress = 22 => "If you typed the address, check that it is spelled correctly.",
        /// What a visitor can do: return to where they came from.
        ActionGoBack = 23 => "Go back to the previous page and try again.",
        /// What a visitor can do: the text of a link to the site's home page.
        ActionHome = 24 => "Go to the home page",
        /// What a visitor can do: sign in.
        ActionSignIn = 25 => "Sign in, then try again.",
        /// What a visitor can do: wait and retry.
        ActionTryLater = 26 => "Wait a few minutes, then try again.",
        /// What a visitor can do: load the page again.
        ActionReload = 27 => "Reload the page to try again.",
        /// What a visitor can do: tell the site.
        ActionContact = 28 => "If this keeps happening, contact the site's owners.",
    }
}

impl Message {
    /// The catalogue key (`msgctxt`): `page.` and the variant in snake case.
    pub fn key(self) -> &'static str {
        match self {
            Message::AvailableAt => "page.available_at",
            Message::DefinedIn => "page.defined_in",
            Message::UnofficialUsedBy => "page.unofficial_used_by",
            Message::Method => "page.method",
            Message::Path => "page.path",
            Message::RequestId => "page.request_id",
            Message::Date => "page.date",
            Message::Location => "page.location",
            Message::AvailableVersions => "page.available_versions",
            Message::RfcSection => "page.rfc_section",
            Message::MaintenanceTitle => "page.maintenance_title",
            Message::MaintenanceSummary => "page.maintenance_summary",
            Message::BackInMinutes => "page.back_in_minutes",
            Message::BackIn15Minutes => "page.back_in_15_minutes",
            Message::BackIn30Minutes => "page.back_in_30_minutes",
            Message::BackInAnHour => "page.back_in_an_hour",
            Message::BackIn2Hours => "page.back_in_2_hours",
            Message::BackInHours => "page.back_in_hours",
            Message::BackWithinADay => "page.back_within_a_day",
            Message::BackInDays => "page.back_in_days",
            Message::BackLater => "page.back_later",
            Message::ActionCheckAddress => "page.action_check_address",
            Message::ActionGoBack => "page.action_go_back",
            Message::ActionHome => "page.action_home",
            Message::ActionSignIn => "page.action_sign_in",
            Message::ActionTryLater => "page.action_try_later",
            Message::ActionReload => "page.action_reload",
            Message::ActionContact => "page.action_contact",
        }
    }
}

impl Action {
    /// The page's words for it.
    pub fn message(self) -> Message {
        match self {
            Action::CheckAddress => Message::ActionCheckAddress,
            Action::GoBack => Message::ActionGoBack,
            Action::Home => Message::ActionHome,
            Action::SignIn => Message::ActionSignIn,
            Action::TryLater => Message::ActionTryLater,
            Action::Reload => Message::ActionReload,
            Action::Contact => Message::ActionContact,
        }
    }
}

/// One entry of the catalogues' source: its key and its English text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceEntry {
    /// The key (`msgctxt`), e.g. `404.title`, `4xx.summary`, `page.method`.
    pub key: String,
    /// The English text (`msgid`).
    pub english: &'static str,
    /// What a translator should know (a comment in the template).
    pub note: String,
}

/// Every translatable text, in catalogue order: for each row of prose (the
/// registry's codes with a meaning of their own, by code, then the shared rows of
/// unassigned codes, by class) its title, summary and description; then the class
/// and kind names; then the documents' own words.
pub fn catalogue_source() -> Vec<SourceEntry> {
    let mut entries = Vec::new();
    let mut rows_seen = std::collections::BTreeSet::new();
    let mut shared = Vec::new();
    for code in StatusCode::all() {
        if !rows_seen.insert(code.row_index()) {
            continue;
        }
        let (name, what) = if code.kind() == Kind::Unassigned {
            (
                code.class().pattern().to_string(),
                format!("every unassigned {} code", code.class().pattern()),
            )
        } else {
            (
                code.as_u16().to_string(),
                format!("status {}", code.as_u16()),
            )
        };
        let row = [
            (
                "title",
                code.reason(),
                format!("{what}: its name, shown as the page heading"),
            ),
            (
                "summary",
                code.summary().as_str(),
                format!("{what}: one sentence for the visitor"),
            ),
            (
                "description",
                code.description().as_str(),
                format!("{what}: the longer explanation"),
            ),
        ];
        let target = if code.kind() == Kind::Unassigned {
            &mut shared
        } else {
            &mut entries
        };
        for (field, english, note) in row {
            target.push(SourceEntry {
                key: format!("{name}.{field}"),
                english,
                note,
            });
        }
    }
    entries.append(&mut shared);
    for class in Class::ALL {
        entries.push(SourceEntry {
            key: format!("class.{}", class.pattern()),
            english: class.name(),
            note: format!("the name of the {} class of codes", class.pattern()),
        });
    }
    for kind in Kind::ALL {
        entries.push(SourceEntry {
            key: format!("kind.{}", kind.name()),
            english: kind.name(),
            note: "what kind of code it is, lower case as in a sentence".to_string(),
        });
    }
    for message in Message::ALL {
        entries.push(SourceEntry {
            key: message.key().to_string(),
            english: message.name(),
            note: "words of the error page itself".to_string(),
        });
    }
    for row in VISITOR_TEXTS {
        entries.push(SourceEntry {
            key: format!("{}.visitor", row.key),
            english: row.text.as_str(),
            note: format!(
                "{}: what happened, for a visitor of the site, in plain words",
                if row.key.ends_with("xx") {
                    format!("every other {} code", row.key)
                } else {
                    format!("status {}", row.key)
                }
            ),
        });
    }
    entries
}
