//! The project has one contact, `authors` in the workspace's Cargo.toml. The files
//! that cannot be generated from it carry a copy: each copy must be the same value,
//! and no other address may appear in them.

use std::path::Path;

/// The one contact, "Name <address>", as Cargo.toml says.
const CONTACT: &str = env!("CARGO_PKG_AUTHORS");

fn read(relative: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

fn address() -> &'static str {
    let start = CONTACT.find('<').expect("the contact has an <address>");
    let end = CONTACT.rfind('>').expect("the contact has an <address>");
    &CONTACT[start + 1..end]
}

/// The value of the first line of `text` that starts with `prefix`.
fn field<'a>(file: &str, text: &'a str, prefix: &str) -> &'a str {
    text.lines()
        .find_map(|line| line.strip_prefix(prefix))
        .unwrap_or_else(|| panic!("{file}: no line starts with {prefix:?}"))
        .trim()
}

#[test]
fn cargo_names_exactly_one_contact_with_an_address() {
    assert!(
        !CONTACT.contains(':'),
        "more than one author in Cargo.toml: {CONTACT}"
    );
    let address = address();
    assert!(address.contains('@'), "no address in {CONTACT}");
}

#[test]
fn debian_control_maintainer_is_the_contact() {
    let text = read("debian/control");
    assert_eq!(field("debian/control", &text, "Maintainer:"), CONTACT);
}

#[test]
fn newest_debian_changelog_entry_is_signed_by_the_contact() {
    let text = read("debian/changelog");
    // " -- Name <address>  date": the signature ends at the two spaces before the date.
    let trailer = field("debian/changelog", &text, " -- ");
    let signer = trailer.split("  ").next().unwrap_or_default();
    assert_eq!(signer, CONTACT);
}

#[test]
fn debian_copyright_upstream_contact_is_the_contact() {
    let text = read("debian/copyright");
    assert_eq!(
        field("debian/copyright", &text, "Upstream-Contact:"),
        CONTACT
    );
}

#[test]
fn each_copy_gives_the_contact_and_no_other_address() {
    let address = address();
    for file in [
        "SECURITY.md",
        "README.md",
        "debian/control",
        "debian/changelog",
        "debian/copyright",
    ] {
        let text = read(file);
        assert!(text.contains(CONTACT), "{file} does not give {CONTACT}");
        let others: Vec<&str> = text
            .split(|c: char| c.is_whitespace() || "<>()[]`'\",;".contains(c))
            .filter(|word| {
                word.split_once('@')
                    .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
            })
            .map(|word| word.trim_end_matches('.'))
            .filter(|word| *word != address)
            .collect();
        assert!(
            others.is_empty(),
            "{file} gives another address: {others:?}"
        );
    }
}
