//! `docs/directives.md` describes exactly the directives of the module's table:
//! each one's syntax, default, context, override and description, as the table
//! (and so `apachectl -L`) has them.

use mod_httpstatus_logic::directive_args::{LOG_LIMIT_RANGE, LOG_LINE_LENGTH_RANGE};
use mod_httpstatus_logic::directives::{self, ALL, Default, Directive};

fn documentation() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/directives.md");
    std::fs::read_to_string(path).expect("docs/directives.md")
}

/// The rows of the table under `## name`, as (field, cell) pairs.
fn rows<'a>(doc: &'a str, name: &str) -> Vec<(&'a str, &'a str)> {
    let heading = format!("\n## {name}\n");
    let start = doc
        .find(&heading)
        .unwrap_or_else(|| panic!("no section for {name}"))
        + heading.len();
    let section = &doc[start..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    section
        .lines()
        .filter_map(|line| {
            let inner = line.strip_prefix("| ")?.strip_suffix(" |")?;
            let (field, cell) = inner.split_once(" | ")?;
            Some((field, cell))
        })
        .collect()
}

fn cell<'a>(rows: &[(&'a str, &'a str)], field: &str, name: &str) -> &'a str {
    rows.iter()
        .find(|(f, _)| *f == field)
        .map(|(_, c)| *c)
        .unwrap_or_else(|| panic!("{name}: no {field} row"))
}

/// Markdown's table cells escape `|`.
fn in_table(s: &str) -> String {
    s.replace('|', "\\|")
}

fn check(doc: &str, d: &Directive) {
    let name = d.name();
    let rows = rows(doc, name);
    assert_eq!(cell(&rows, "Description", name), d.description, "{name}");
    let syntax = cell(&rows, "Syntax", name);
    let written = format!("`{name} {}`", in_table(d.syntax));
    assert!(
        syntax == written || syntax.starts_with(&format!("{written} ")),
        "{name}: the documentation's syntax {syntax:?} is not {written:?}"
    );
    let default = match d.default {
        Default::Value(v) => format!("`{name} {v}`"),
        Default::Described(text) => text.to_string(),
    };
    assert_eq!(cell(&rows, "Default", name), default, "{name}");
    assert_eq!(cell(&rows, "Context", name), d.scope.context(), "{name}");
    let over = cell(&rows, "Override", name);
    match d.scope.override_class() {
        Some(class) => assert!(over.starts_with(class), "{name}: {over}"),
        None => assert_eq!(over, "none", "{name}"),
    }
}

#[test]
fn every_directive_is_documented_as_the_table_has_it() {
    let doc = documentation();
    for d in ALL {
        check(&doc, d);
    }
}

#[test]
fn every_documented_directive_is_in_the_table() {
    let doc = documentation();
    let documented: Vec<&str> = doc
        .lines()
        .filter_map(|l| l.strip_prefix("## HttpStatus"))
        .collect();
    assert_eq!(documented.len(), ALL.len(), "{documented:?}");
    for rest in documented {
        let name = format!("HttpStatus{rest}");
        assert!(
            ALL.iter().any(|d| d.name() == name),
            "{name} is not in the table"
        );
    }
}

#[test]
fn numeric_ranges_are_documented() {
    let doc = documentation();
    let syntax = |d: &Directive| cell(&rows(&doc, d.name()), "Syntax", d.name()).to_string();
    for (d, range) in [
        (&directives::LOG_LIMIT, LOG_LIMIT_RANGE),
        (&directives::LOG_LINE_LENGTH, LOG_LINE_LENGTH_RANGE),
    ] {
        let words = format!("({} to {}", range.start(), range.end());
        assert!(syntax(d).contains(&words), "{}: {words}", d.name());
    }
}
