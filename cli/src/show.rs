//! `httpstatus [show] CODE|NAME...`: everything the registry knows about a code,
//! and finding the code a number or a name means.

use std::ffi::OsString;

use httpstatus::lang::Language;
use httpstatus::{Flags, HeaderSet, Kind, StatusCode};

use crate::args::{self, Spec};
use crate::{Failure, Out, complain, usage};

const SPEC: Spec = Spec {
    command: "",
    flags: &[],
    valued: &["--lang"],
};

pub fn run(args: Vec<OsString>, out: Out<'_>) -> Result<(), Failure> {
    let parsed = args::parse(&SPEC, args)?;
    if parsed.flag("--help") {
        return Ok(out.write_all(usage::SHOW.as_bytes())?);
    }
    let languages: Vec<Language> = match parsed.text("--lang")? {
        None => Vec::new(),
        Some("all") => Language::all().skip(1).collect(),
        Some(tag) => vec![language(tag)?],
    };
    parsed.expect_operands(1, usize::MAX, "a status code or name")?;
    let mut missed = false;
    for (i, query) in parsed.text_operands()?.into_iter().enumerate() {
        match find(query) {
            Ok(code) => {
                if i > 0 {
                    writeln!(out)?;
                }
                describe(code, &languages, out)?;
            }
            // The other codes are still shown; the exit status tells.
            Err(Failure::Invalid(message)) => {
                complain(out, &message)?;
                missed = true;
            }
            Err(other) => return Err(other),
        }
    }
    if missed {
        Err(Failure::Reported)
    } else {
        Ok(())
    }
}

/// The language with this tag, or a usage error listing the catalogues' tags.
pub fn language(tag: &str) -> Result<Language, Failure> {
    Language::from_tag(tag).ok_or_else(|| {
        let known: Vec<&str> = Language::all().map(Language::tag).collect();
        Failure::Usage(format!(
            "--lang: '{tag}' is not a language of the catalogues (known: {})",
            known.join(" ")
        ))
    })
}

/// Letters and digits, lower case: how the registry compares phrases.
fn folded(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Why a query names no code.
#[derive(Debug)]
pub enum Miss {
    /// A number outside 100..=599.
    OutOfRange,
    /// No phrase or alias has it (or it has no letter or digit).
    NoName,
    /// A part of several codes' phrases: their status lines.
    Several(Vec<&'static str>),
}

impl Miss {
    /// What to tell the user about `query`.
    pub fn message(&self, query: &str) -> String {
        match self {
            Miss::OutOfRange => {
                format!("{query} is not a status code: codes run from 100 to 599")
            }
            Miss::NoName => format!(
                "no status code is named '{query}': expected a number from 100 to 599 or \
                 a phrase ('httpstatus list' shows them all)"
            ),
            Miss::Several(lines) => format!(
                "'{query}' matches {} codes ({}): give the number or more of the name",
                lines.len(),
                lines.join(", ")
            ),
        }
    }
}

/// The code `query` names, as [`lookup`] finds it, or a message saying why none.
pub fn find(query: &str) -> Result<StatusCode, Failure> {
    lookup(query).map_err(|miss| Failure::Invalid(miss.message(query.trim())))
}

/// The code `query` names: a number in 100..=599, a phrase or alias as the
/// registry matches them, or else a part of the phrases (then of the aliases)
/// of exactly one code.
pub fn lookup(query: &str) -> Result<StatusCode, Miss> {
    let query = query.trim();
    if !query.is_empty() && query.bytes().all(|b| b.is_ascii_digit()) {
        return query
            .parse::<u16>()
            .ok()
            .and_then(StatusCode::new)
            .ok_or(Miss::OutOfRange);
    }
    if let Some(code) = StatusCode::from_reason(query) {
        return Ok(code);
    }
    let wanted = folded(query);
    if wanted.is_empty() {
        return Err(Miss::NoName);
    }
    let phrase_has = |c: &StatusCode| folded(c.reason()).contains(&wanted);
    let alias_has = |c: &StatusCode| {
        c.aliases()
            .iter()
            .any(|a| folded(a.phrase.as_str()).contains(&wanted))
    };
    let mut found: Vec<StatusCode> = StatusCode::assigned().filter(phrase_has).collect();
    if found.is_empty() {
        found = StatusCode::assigned().filter(alias_has).collect();
    }
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(Miss::NoName),
        several => Err(Miss::Several(
            several.iter().map(|c| c.status_line()).collect(),
        )),
    }
}

/// The names of the flags that are set.
fn flag_names(flags: Flags) -> String {
    let named = [
        (Flags::BODY_ALLOWED, "body allowed"),
        (Flags::CACHEABLE, "cacheable by default"),
        (Flags::OBSOLETE, "obsolete"),
        (Flags::ERROR, "error"),
    ];
    let set: Vec<&str> = named
        .iter()
        .filter(|(flag, _)| flags.contains(*flag))
        .map(|(_, name)| *name)
        .collect();
    if set.is_empty() {
        "none".to_string()
    } else {
        set.join(", ")
    }
}

fn header_names(headers: HeaderSet) -> String {
    headers
        .iter()
        .map(|h| h.name())
        .collect::<Vec<_>>()
        .join(", ")
}

fn describe(code: StatusCode, languages: &[Language], out: Out<'_>) -> Result<(), Failure> {
    writeln!(out, "{}", code.status_line())?;
    let class = code.class();
    writeln!(out, "  class:        {} {}", class.pattern(), class.name())?;
    writeln!(out, "  kind:         {}", code.kind().name())?;
    for alias in code.aliases() {
        writeln!(
            out,
            "  also known:   \"{}\" ({})",
            alias.phrase, alias.origin
        )?;
    }
    writeln!(out, "  summary:      {}", code.summary())?;
    writeln!(out, "  description:  {}", code.description())?;
    if let Some(reference) = code.reference() {
        writeln!(
            out,
            "  defined in:   {} <{}>",
            reference.citation, reference.url
        )?;
    }
    if let Some(origin) = code.origin() {
        writeln!(out, "  used by:      {origin}")?;
    }
    writeln!(out, "  flags:        {}", flag_names(code.flags()))?;
    if !code.required_headers().is_empty() {
        writeln!(
            out,
            "  requires:     {}",
            header_names(code.required_headers())
        )?;
    }
    if !code.related_headers().is_empty() {
        writeln!(
            out,
            "  related:      {}",
            header_names(code.related_headers())
        )?;
    }
    let apache = code.apache();
    writeln!(out, "  apache:       {}", apache.sources)?;
    writeln!(out, "  check:        {}", apache.hint)?;
    if code.is_error() {
        writeln!(
            out,
            "  diagnostics:  httpstatus explain {} (the causes the module logs with it)",
            code.as_u16()
        )?;
    }
    if code.kind() == Kind::Unassigned {
        writeln!(
            out,
            "  note:         unassigned: read as its class, {}",
            class.pattern()
        )?;
    }
    for &language in languages {
        let direction = if language.is_right_to_left() {
            ", right to left"
        } else {
            ""
        };
        writeln!(out, "  [{language}{direction}]")?;
        writeln!(out, "    title:        {}", language.title(code))?;
        writeln!(out, "    summary:      {}", language.summary(code))?;
        writeln!(out, "    description:  {}", language.description(code))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(query: &str) -> u16 {
        find(query).map(StatusCode::as_u16).unwrap()
    }

    fn refused(query: &str) -> String {
        match find(query) {
            Err(Failure::Invalid(m)) => m,
            other => panic!("{query}: {other:?}"),
        }
    }

    #[test]
    fn numbers_phrases_aliases_and_parts() {
        assert_eq!(found("404"), 404);
        assert_eq!(found("599"), 599);
        assert_eq!(found("not-found"), 404);
        // An alias, whole.
        assert_eq!(found("Payload Too Large"), 413);
        // A part of one code's phrase.
        assert_eq!(found("teapot"), 418);
        assert_eq!(found("calm"), 420);
    }

    #[test]
    fn out_of_range_unknown_and_ambiguous() {
        assert!(refused("600").contains("codes run from 100 to 599"));
        assert!(refused("99999999").contains("codes run from 100 to 599"));
        assert!(refused("no such phrase").contains("no status code is named"));
        assert!(refused("--").contains("no status code is named '--'"));
        let several = refused("not");
        assert!(several.contains("404 Not Found"), "{several}");
        assert!(several.contains("give the number"), "{several}");
    }
}
