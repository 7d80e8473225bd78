//! `docs/diagnostics.md` explains every cause exactly as the module's table has
//! it: between its markers is what `httpstatus explain --markdown` writes, and
//! each cause has a heading with its token and the table's meaning, check and
//! directives. `HTTPSTATUS_BLESS=1 cargo test -p httpstatus-cli --test
//! diagnostics_doc` rewrites the part between the markers.

use std::process::Command;

use mod_httpstatus_logic::causes::Cause;

const BEGIN: &str = "<!-- causes: begin -->\n";
const END: &str = "<!-- causes: end -->\n";

fn path() -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/diagnostics.md").to_string()
}

fn documentation() -> String {
    std::fs::read_to_string(path()).expect("docs/diagnostics.md")
}

/// The generated part: (start, end) byte offsets of what lies between the markers.
fn generated_span(doc: &str) -> (usize, usize) {
    let start = doc.find(BEGIN).expect("the causes: begin marker") + BEGIN.len();
    let end = start + doc[start..].find(END).expect("the causes: end marker");
    (start, end)
}

fn markdown() -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_httpstatus"))
        .args(["explain", "--markdown"])
        .output()
        .expect("runs httpstatus");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn the_generated_part_is_what_explain_markdown_writes() {
    let doc = documentation();
    let (start, end) = generated_span(&doc);
    let fresh = markdown();
    if doc[start..end] == fresh {
        return;
    }
    if std::env::var_os("HTTPSTATUS_BLESS").is_some() {
        let rewritten = format!("{}{fresh}{}", &doc[..start], &doc[end..]);
        std::fs::write(path(), rewritten).expect("writes docs/diagnostics.md");
        return;
    }
    panic!(
        "docs/diagnostics.md's causes are stale; run \
         HTTPSTATUS_BLESS=1 cargo test -p httpstatus-cli --test diagnostics_doc"
    );
}

#[test]
fn every_cause_has_its_section_with_the_tables_words() {
    let doc = documentation();
    let (start, end) = generated_span(&doc);
    let causes = &doc[start..end];
    for cause in Cause::ALL {
        let token = cause.token();
        let heading = format!("\n### {token}\n");
        let at = causes
            .find(&heading)
            .unwrap_or_else(|| panic!("no section for {token}"))
            + heading.len();
        let section = &causes[at..];
        let section = &section[..section.find("\n### ").unwrap_or(section.len())];
        assert!(
            section.contains(&format!("\n{}\n", cause.meaning())),
            "{token}: meaning"
        );
        assert!(
            section.contains(&format!("- **Check:** {}\n", cause.check())),
            "{token}: check"
        );
        if !cause.directives().is_empty() {
            assert!(
                section.contains(&format!("- **Directives:** `{}`\n", cause.directives())),
                "{token}: directives"
            );
        }
    }
}

#[test]
fn every_documented_cause_is_in_the_table() {
    let doc = documentation();
    let headings: Vec<&str> = doc.lines().filter_map(|l| l.strip_prefix("### ")).collect();
    assert_eq!(headings.len(), Cause::ALL.len(), "{headings:?}");
    for token in headings {
        assert!(Cause::from_token(token).is_some(), "{token} is not a cause");
    }
}
