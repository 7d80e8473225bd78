//! `httpstatus explain`: the causes of mod_httpstatus's diagnostic lines. Every
//! text comes from the module's table (`Cause`); which statuses a cause comes
//! with, and so the level of its line, is found by asking the module's own
//! classifier about every kind of request it tells apart.

use std::collections::BTreeSet;
use std::ffi::OsString;

use httpstatus::StatusCode;
use mod_httpstatus_logic::causes::{
    Cause, Facts, FileState, Level, Phase, REDIRECT_LIMIT, classify,
};

use crate::args::{self, Spec};
use crate::{Failure, Out, show, usage};

const SPEC: Spec = Spec {
    command: "explain",
    flags: &["--markdown"],
    valued: &[],
};

/// The statuses the module writes a diagnostic line for.
const ERRORS: core::ops::RangeInclusive<u16> = 400..=599;

pub fn run(args: Vec<OsString>, out: Out<'_>) -> Result<(), Failure> {
    let parsed = args::parse(&SPEC, args)?;
    if parsed.flag("--help") {
        return Ok(out.write_all(usage::EXPLAIN.as_bytes())?);
    }
    if parsed.flag("--markdown") {
        parsed.expect_operands(0, 0, "no argument with --markdown")?;
        return Ok(out.write_all(markdown().as_bytes())?);
    }
    parsed.expect_operands(0, 1, "one cause or status code")?;
    match parsed.text_operands()?.first() {
        None => list(out),
        Some(query) => match Cause::from_token(query) {
            Some(cause) => cause_details(cause, out),
            None => match show::lookup(query) {
                Ok(code) => code_details(code, out),
                Err(show::Miss::NoName) => Err(Failure::Invalid(format!(
                    "explain: '{query}' is neither a cause nor a status code; expected \
                     one of the causes 'httpstatus explain' lists, or a code from 100 to 599 \
                     or its name"
                ))),
                Err(miss) => Err(Failure::Invalid(format!(
                    "explain: {}",
                    miss.message(query)
                ))),
            },
        },
    }
}

/// Width of the widest token, to align the lists.
fn token_width() -> usize {
    Cause::ALL
        .iter()
        .map(|c| c.token().len())
        .max()
        .unwrap_or(0)
}

fn list(out: Out<'_>) -> Result<(), Failure> {
    let width = token_width();
    for cause in Cause::ALL {
        writeln!(out, "{:width$}  {}", cause.token(), cause.meaning())?;
    }
    Ok(())
}

pub fn level_name(level: Level) -> &'static str {
    match level {
        Level::Debug => "debug",
        Level::Info => "info",
        Level::Warn => "warn",
        Level::Error => "error",
    }
}

/// httpd's note for a header field over LimitRequestFieldSize: one note the
/// classifier reads.
const FIELD_TOO_LONG: &[u8] = b"Size of a request header field exceeds server limit.";

/// A request of every kind the classifier tells apart, with `status`: each value
/// of each fact it reads. Every field is named, so a new fact fails the build
/// here until it is enumerated too.
fn every_kind_of_request(status: u16) -> impl Iterator<Item = Facts<'static>> {
    let phases = [
        Phase::Reading,
        Phase::Translation,
        Phase::Access,
        Phase::Handler,
    ];
    let handlers: [Option<&'static [u8]>; 3] =
        [None, Some(b"cgi-script"), Some(b"default-handler")];
    let notes: [Option<&'static [u8]>; 2] = [None, Some(FIELD_TOO_LONG)];
    let files = [
        FileState::Unknown,
        FileState::Missing,
        FileState::Directory,
        FileState::Exists,
    ];
    let mut all = Vec::new();
    for phase in phases {
        for answered_by_httpd in [true, false] {
            for handler in handlers {
                for (proxied, own_status_line) in [(false, false), (true, false), (true, true)] {
                    for credentials_sent in [false, true] {
                        for error_notes in notes {
                            for redirects in [0, REDIRECT_LIMIT] {
                                for (file, maintenance) in
                                    files.iter().flat_map(|f| [(*f, false), (*f, true)])
                                {
                                    all.push(Facts {
                                        status,
                                        phase,
                                        answered_by_httpd,
                                        handler,
                                        proxied,
                                        own_status_line,
                                        credentials_sent,
                                        error_notes,
                                        redirects,
                                        file,
                                        maintenance,
                                    });
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    all.into_iter()
}

/// The causes the classifier gives a response with `status`, in the table's order.
fn causes_for(status: u16) -> Vec<Cause> {
    let given: Vec<Cause> = every_kind_of_request(status)
        .map(|f| classify(&f))
        .collect();
    Cause::ALL
        .iter()
        .copied()
        .filter(|c| given.contains(c))
        .collect()
}

/// For each cause (in the table's order), the error statuses it comes with.
fn statuses_by_cause() -> Vec<(Cause, Vec<u16>)> {
    let mut by_cause: Vec<(Cause, Vec<u16>)> =
        Cause::ALL.iter().map(|&c| (c, Vec::new())).collect();
    for status in ERRORS {
        for cause in causes_for(status) {
            if let Some((_, statuses)) = by_cause.iter_mut().find(|(c, _)| *c == cause) {
                statuses.push(status);
            }
        }
    }
    by_cause
}

/// `400-499, 503`: runs of consecutive statuses as ranges.
fn ranges(statuses: &[u16]) -> String {
    let mut parts = Vec::new();
    let mut i = 0;
    while i < statuses.len() {
        let start = statuses[i];
        while i + 1 < statuses.len() && statuses[i + 1] == statuses[i] + 1 {
            i += 1;
        }
        let end = statuses[i];
        parts.push(match end - start {
            0 => start.to_string(),
            1 => format!("{start}, {end}"),
            _ => format!("{start}-{end}"),
        });
        i += 1;
    }
    parts.join(", ")
}

/// The statuses of a cause as words; none means the module sets it from
/// something other than a request's facts.
fn statuses_text(statuses: &[u16]) -> String {
    if statuses.is_empty() {
        "not decided from the request: whichever status its directives choose".to_string()
    } else if statuses.len() == ERRORS.len() {
        format!("any error status ({}-{})", ERRORS.start(), ERRORS.end())
    } else if statuses.len() > ERRORS.len() / 2 {
        // Most of them: the few it never comes with read better.
        let others: Vec<u16> = ERRORS.filter(|s| !statuses.contains(s)).collect();
        format!("any error status but {}", ranges(&others))
    } else {
        ranges(statuses)
    }
}

/// The level of the cause's line with the statuses it comes with (both classes
/// when it is not decided from a request): `info`, or `info (4xx), warn (5xx)`.
fn levels(cause: Cause, statuses: &[u16], code: impl Fn(&str) -> String) -> String {
    let client = statuses.is_empty() || statuses.iter().any(|&s| s < 500);
    let server = statuses.is_empty() || statuses.iter().any(|&s| s >= 500);
    let (for_4xx, for_5xx) = (cause.level(400), cause.level(500));
    match (client, server) {
        (true, true) if for_4xx != for_5xx => format!(
            "{} (4xx), {} (5xx)",
            code(level_name(for_4xx)),
            code(level_name(for_5xx))
        ),
        (true, _) => code(level_name(for_4xx)),
        _ => code(level_name(for_5xx)),
    }
}

fn cause_details(cause: Cause, out: Out<'_>) -> Result<(), Failure> {
    let statuses = statuses_by_cause()
        .into_iter()
        .find(|(c, _)| *c == cause)
        .map(|(_, s)| s)
        .unwrap_or_default();
    writeln!(out, "{}: {}", cause.token(), cause.meaning())?;
    writeln!(out, "  statuses:    {}", statuses_text(&statuses))?;
    writeln!(
        out,
        "  level:       {}",
        levels(cause, &statuses, str::to_string)
    )?;
    writeln!(out, "  check:       {}", cause.check())?;
    if !cause.directives().is_empty() {
        writeln!(out, "  directives:  {}", cause.directives())?;
    }
    Ok(())
}

fn code_details(code: StatusCode, out: Out<'_>) -> Result<(), Failure> {
    let apache = code.apache();
    writeln!(out, "{}", code.status_line())?;
    writeln!(out, "  apache:  {}", apache.sources)?;
    writeln!(out, "  check:   {}", apache.hint)?;
    writeln!(out)?;
    if !ERRORS.contains(&code.as_u16()) {
        writeln!(
            out,
            "mod_httpstatus writes a diagnostic line for error responses (4xx and 5xx) only."
        )?;
        return Ok(());
    }
    let width = token_width();
    writeln!(
        out,
        "The causes mod_httpstatus can log with a {}, with the level of the line:",
        code.as_u16()
    )?;
    for cause in causes_for(code.as_u16()) {
        writeln!(
            out,
            "  {:width$}  {:5}  {}",
            cause.token(),
            level_name(cause.level(code.as_u16())),
            cause.meaning()
        )?;
    }
    let unclassified = not_decided_from_requests();
    if !unclassified.is_empty() {
        let names: Vec<&str> = unclassified.iter().map(|c| c.token()).collect();
        writeln!(
            out,
            "Not decided from the request, so possible with any status its directives \
             choose: {}.",
            names.join(", ")
        )?;
    }
    writeln!(
        out,
        "'httpstatus explain CAUSE' says what to check for each."
    )?;
    Ok(())
}

/// The causes the classifier never gives: the module sets them itself.
fn not_decided_from_requests() -> Vec<Cause> {
    let given: BTreeSet<&str> = ERRORS.flat_map(causes_for).map(|c| c.token()).collect();
    Cause::ALL
        .iter()
        .copied()
        .filter(|c| !given.contains(c.token()))
        .collect()
}

/// Every cause as the Markdown of `docs/diagnostics.md`, between its markers: a
/// table of the causes, then a section for each.
pub fn markdown() -> String {
    let code = |s: &str| format!("`{s}`");
    let by_cause = statuses_by_cause();
    let mut md = String::new();
    md.push_str("| Cause | Statuses | Level |\n|---|---|---|\n");
    for (cause, statuses) in &by_cause {
        let shown = if statuses.is_empty() {
            "as configured".to_string()
        } else {
            statuses_text(statuses)
        };
        md.push_str(&format!(
            "| [`{token}`](#{token}) | {shown} | {} |\n",
            levels(*cause, statuses, code),
            token = cause.token(),
        ));
    }
    for (cause, statuses) in &by_cause {
        md.push_str(&format!(
            "\n### {}\n\n{}\n\n",
            cause.token(),
            cause.meaning()
        ));
        md.push_str(&format!("- **Statuses:** {}.\n", statuses_text(statuses)));
        md.push_str(&format!(
            "- **Level:** {}.\n",
            levels(*cause, statuses, code)
        ));
        md.push_str(&format!("- **Check:** {}\n", cause.check()));
        if !cause.directives().is_empty() {
            md.push_str(&format!("- **Directives:** `{}`\n", cause.directives()));
        }
    }
    md
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statuses(cause: Cause) -> Vec<u16> {
        statuses_by_cause()
            .into_iter()
            .find(|(c, _)| *c == cause)
            .unwrap()
            .1
    }

    #[test]
    fn statuses_come_from_the_classifier() {
        assert_eq!(statuses(Cause::MissingFile), [404]);
        assert_eq!(statuses(Cause::AuthChallenge), [401]);
        assert_eq!(statuses(Cause::BackEndUnreachable), [503]);
        assert_eq!(statuses(Cause::Limits), [400, 413, 414, 431]);
        assert_eq!(statuses(Cause::RedirectLoop).len(), ERRORS.len());
        assert_eq!(statuses(Cause::Maintenance), [503]);
        assert_eq!(not_decided_from_requests(), []);
        assert!(causes_for(503).contains(&Cause::BackEndUnreachable));
        assert!(!causes_for(404).contains(&Cause::BackEndUnreachable));
    }

    #[test]
    fn ranges_and_levels() {
        assert_eq!(
            ranges(&[400, 401, 402, 404, 405, 500]),
            "400-402, 404, 405, 500"
        );
        let plain = str::to_string;
        assert_eq!(levels(Cause::MissingFile, &[404], plain), "info");
        assert_eq!(
            levels(Cause::Application, &[404, 500], plain),
            "info (4xx), warn (5xx)"
        );
        assert_eq!(levels(Cause::Maintenance, &[503], plain), "info");
        assert_eq!(levels(Cause::AuthChallenge, &[401], plain), "debug");
    }
}
