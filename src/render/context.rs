//! The request context of one document, and the alternatives it may list.

use super::escape::{Escape, write_escaped};
use super::field::Field;
use super::sink::Sink;
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

/// The request context of one document: borrowed values, no copies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Context<'a> {
    values: [Option<&'a [u8]>; Field::ALL.len()],
    alternatives: &'a [Alternative<'a>],
    reason: Option<&'a str>,
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
            details: false,
        }
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

    /// Lists `alternatives` in the document (builder style).
    pub fn with_alternatives(mut self, alternatives: &'a [Alternative<'a>]) -> Self {
        self.alternatives = alternatives;
        self
    }

    /// The alternatives the document lists (empty unless set).
    pub fn alternatives(&self) -> &'a [Alternative<'a>] {
        self.alternatives
    }

    /// Uses `phrase` instead of the registry's reason phrase, e.g. the one a server
    /// sends on its status line (builder style). It is escaped like any value.
    pub fn with_reason(mut self, phrase: &'a str) -> Self {
        self.reason = Some(phrase);
        self
    }

    /// The phrase documents show for `code`: the override, else the registry's.
    pub fn reason_for(&self, code: StatusCode) -> &'a str {
        self.reason.unwrap_or(code.reason())
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
        match self.reason {
            None if registry_as_is => out.put_str(code.reason()),
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
        match self.reason {
            None if registry_as_is => out.put_str(code.status_line()),
            _ => {
                out.put_u16(code.as_u16());
                out.put_str(" ");
                self.write_reason(code, out, escape, registry_as_is);
            }
        }
    }

    /// Shows the long description and spec link (builder style).
    pub fn with_details(mut self, details: bool) -> Self {
        self.details = details;
        self
    }
}
