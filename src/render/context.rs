//! The request context of one document, and the alternatives it may list.

use super::accent::Accent;
use super::escape::write_escaped;
use super::field::Field;
use super::format::Escape;
use super::link::{is_contact_link, is_linkable};
use super::maintenance::Maintenance;
use super::sink::Sink;
use crate::lang::Language;
use crate::registry::code::StatusCode;

/// A representation the server offers instead of the one asked for (a 300's
/// choices, a 406's variants): where it is and what it is. Both are request
/// data, escaped like any value; `href` is linked only when it is safe to follow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Alternative<'a> {
    /// The URL of the alternative, as a link target.
    pub href: &'a [u8],
    /// What distinguishes it (type, language...), as plain text; may be empty.
    pub note: &'a [u8],
}

/// A link the site's operator offers on its error pages (a status page, a help
/// page): what it says and where it goes. Linked only when safe to follow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Link<'a> {
    /// The link's text, escaped like any value.
    pub label: &'a [u8],
    /// Where it goes.
    pub href: &'a [u8],
}

/// The request context of one document: borrowed values, no copies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context<'a> {
    values: [Option<&'a [u8]>; Field::ALL.len()],
    alternatives: &'a [Alternative<'a>],
    reason: Option<&'a str>,
    language: Language,
    maintenance: Option<Maintenance<'a>>,
    message: Option<&'a [u8]>,
    links: &'a [Link<'a>],
    accent: Option<Accent>,
    /// Show the long description and the link to the defining document.
    pub details: bool,
}

impl<'a> Context<'a> {
    /// An empty context: the document shows only registry data.
    pub const fn new() -> Self {
        Context {
            values: [None; Field::ALL.len()],
            alternatives: &[],
            reason: None,
            language: Language::ENGLISH,
            maintenance: None,
            message: None,
            links: &[],
            accent: None,
            details: false,
        }
    }

    /// Writes the document in `language` (builder style; English by default).
    pub fn with_language(mut self, language: Language) -> Self {
        self.language = language;
        self
    }

    /// The language documents are written in.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Sets `field` (builder style).
    pub fn with(mut self, field: Field, value: &'a [u8]) -> Self {
        self.set(field, Some(value));
        self
    }

    /// Sets or clears `field`.
    pub fn set(&mut self, field: Field, value: Option<&'a [u8]>) {
        self.values[field as usize - 1] = value;
    }

    /// The value of `field`, if set.
    pub fn get(&self, field: Field) -> Option<&'a [u8]> {
        self.values[field as usize - 1]
    }

    /// The value of `field` as the built-in documents show it: the home page and
    /// the contact only when following them is safe (they are links or nothing).
    pub(crate) fn shown(&self, field: Field) -> Option<&'a [u8]> {
        let value = self.get(field);
        match field {
            Field::Home | Field::Logo => value.filter(|target| is_linkable(target)),
            Field::Contact => value.filter(|contact| is_contact_link(contact)),
            _ => value,
        }
    }

    /// Lists `alternatives` in the document (builder style).
    pub fn with_alternatives(mut self, alternatives: &'a [Alternative<'a>]) -> Self {
        self.alternatives = alternatives;
        self
    }

    /// The alternatives the document lists (empty unless set).
    pub fn alternatives(&self) -> &'a [Alternative<'a>] {
        self.alternatives
    }

    /// Uses `phrase` instead of the registry's reason phrase in English documents,
    /// e.g. the one a server sends on its status line (builder style). It is
    /// escaped like any value. Documents in other languages show the code's title
    /// in their language: the phrase is a protocol-level choice, in English.
    pub fn with_reason(mut self, phrase: &'a str) -> Self {
        self.reason = Some(phrase);
        self
    }

    /// True when a phrase override was given (whatever the language).
    pub(crate) fn has_reason(&self) -> bool {
        self.reason.is_some()
    }

    /// The override phrase when it applies (English documents only).
    fn override_phrase(&self) -> Option<&'a str> {
        self.reason.filter(|_| self.language == Language::ENGLISH)
    }

    /// The phrase documents show for `code`: the override, else the code's title
    /// in the context's language (the registry's phrase in English).
    pub fn reason_for(&self, code: StatusCode) -> &'a str {
        self.override_phrase()
            .unwrap_or(self.language.title(code).as_str())
    }

    /// Writes [`reason_for`](Self::reason_for): an override escaped for `escape`,
    /// the registry's phrase as it is when `registry_as_is`. Registry phrases are
    /// safe as they are in HTML text, JSON strings and plain text (checked at compile
    /// time); only a caller that may be inside a single-quoted HTML attribute (a
    /// template: 418's apostrophe) passes false.
    pub(crate) fn write_reason(
        &self,
        code: StatusCode,
        out: &mut impl Sink,
        escape: Escape,
        registry_as_is: bool,
    ) {
        match self.override_phrase() {
            None if registry_as_is => out.put_str(self.language.title(code).as_str()),
            _ => write_escaped(out, self.reason_for(code).as_bytes(), escape),
        }
    }

    /// Writes "NNN phrase" like [`write_reason`](Self::write_reason).
    pub(crate) fn write_status_line(
        &self,
        code: StatusCode,
        out: &mut impl Sink,
        escape: Escape,
        registry_as_is: bool,
    ) {
        match self.override_phrase() {
            None if registry_as_is && self.language == Language::ENGLISH => {
                out.put_str(code.status_line())
            }
            _ => {
                out.put_u16(code.as_u16());
                out.put_str(" ");
                self.write_reason(code, out, escape, registry_as_is);
            }
        }
    }

    /// Writes the document of a scope in maintenance (builder style): its
    /// heading and sentence say so, with the operator's message if there is one.
    pub fn with_maintenance(mut self, maintenance: Maintenance<'a>) -> Self {
        self.maintenance = Some(maintenance);
        self
    }

    /// The maintenance the document tells of, if any.
    #[inline]
    pub fn maintenance(&self) -> Option<Maintenance<'a>> {
        self.maintenance
    }

    /// Adds the site operator's own sentence under the heading (builder style):
    /// plain text, escaped like any value, line breaks kept; problem+json's
    /// `detail`.
    pub fn with_message(mut self, message: &'a [u8]) -> Self {
        self.message = Some(message);
        self
    }

    /// The operator's sentence, if any.
    pub fn message(&self) -> Option<&'a [u8]> {
        self.message
    }

    /// Adds the operator's links to the page's suggestions (builder style).
    pub fn with_links(mut self, links: &'a [Link<'a>]) -> Self {
        self.links = links;
        self
    }

    /// The operator's links.
    pub fn links(&self) -> &'a [Link<'a>] {
        self.links
    }

    /// Colours the page with the site's accent (builder style).
    pub fn with_accent(mut self, accent: Accent) -> Self {
        self.accent = Some(accent);
        self
    }

    /// The site's accent, if any.
    pub fn accent(&self) -> Option<Accent> {
        self.accent
    }

    /// Shows the long description and spec link (builder style).
    pub fn with_details(mut self, details: bool) -> Self {
        self.details = details;
        self
    }
}
