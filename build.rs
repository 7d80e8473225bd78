//! Compiles the translation catalogues (po/*.po) into static tables, so the
//! library looks translations up without allocating and needs no files at run
//! time. po/httpstatus.pot, generated from the registry and kept in sync by
//! tests/catalogue.rs, is the English source every catalogue is checked against.
//!
//! The build fails, naming the file and the key, when a catalogue misses a key,
//! has one the source lacks, is stale (its msgid is not the current English),
//! changed a `{placeholder}`, gives two codes the same title, leaves an entry in
//! English without a `# identical:` comment saying why, or uses a character the
//! documents would have to escape.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

/// Languages written right to left, by primary subtag.
const RIGHT_TO_LEFT: [&str; 10] = ["ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"];

#[derive(Default, Clone)]
struct Entry {
    key: String,
    english: String,
    text: String,
    identical_because: Option<String>,
}

fn main() {
    println!("cargo:rerun-if-changed=po");
    println!("cargo:rerun-if-changed=build.rs");
    let dir = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("po");
    let source = parse(&dir.join("httpstatus.pot"));
    let mut catalogues: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("po/ directory")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "po"))
        .collect();
    files.sort();
    let mut problems = Vec::new();
    for path in files {
        let tag = path.file_stem().unwrap().to_string_lossy().into_owned();
        println!("cargo:rerun-if-changed={}", path.display());
        if !valid_tag(&tag) {
            problems.push(format!("{}: not a language tag", path.display()));
            continue;
        }
        let entries = parse(&path);
        let name = format!("po/{tag}.po");
        check(&name, &source, &entries, &mut problems);
        catalogues.insert(tag, entries);
    }
    // Serbian is written in both scripts; its catalogue is Cyrillic, and the Latin
    // one is the same text in the standard transliteration.
    if let Some(cyrillic) = catalogues.get("sr") {
        let latin = cyrillic
            .iter()
            .map(|e| Entry {
                text: serbian_latin(&e.text),
                ..e.clone()
            })
            .collect();
        catalogues.insert("sr-Latn".to_string(), latin);
    }
    if !problems.is_empty() {
        for p in &problems {
            println!("cargo:warning={p}");
        }
        panic!(
            "{} problem(s) in the catalogues:\n{}",
            problems.len(),
            problems.join("\n")
        );
    }
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalogues.rs");
    std::fs::write(out, generate(&source, &catalogues)).unwrap();
}

/// Serbian Cyrillic in Serbian Latin script (Gaj's alphabet): one letter for
/// each, Љ, Њ and Џ as two (both capitals inside a word written in capitals).
/// Everything else (Latin words, digits, placeholders) is kept.
fn serbian_latin(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, &c) in chars.iter().enumerate() {
        let latin = match c {
            'А' => "A",
            'Б' => "B",
            'В' => "V",
            'Г' => "G",
            'Д' => "D",
            'Ђ' => "Đ",
            'Е' => "E",
            'Ж' => "Ž",
            'З' => "Z",
            'И' => "I",
            'Ј' => "J",
            'К' => "K",
            'Л' => "L",
            'Љ' => "Lj",
            'М' => "M",
            'Н' => "N",
            'Њ' => "Nj",
            'О' => "O",
            'П' => "P",
            'Р' => "R",
            'С' => "S",
            'Т' => "T",
            'Ћ' => "Ć",
            'У' => "U",
            'Ф' => "F",
            'Х' => "H",
            'Ц' => "C",
            'Ч' => "Č",
            'Џ' => "Dž",
            'Ш' => "Š",
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'ђ' => "đ",
            'е' => "e",
            'ж' => "ž",
            'з' => "z",
            'и' => "i",
            'ј' => "j",
            'к' => "k",
            'л' => "l",
            'љ' => "lj",
            'м' => "m",
            'н' => "n",
            'њ' => "nj",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'ћ' => "ć",
            'у' => "u",
            'ф' => "f",
            'х' => "h",
            'ц' => "c",
            'ч' => "č",
            'џ' => "dž",
            'ш' => "š",
            other => {
                out.push(other);
                continue;
            }
        };
        let in_capitals = |at: Option<&char>| at.is_some_and(|n| n.is_uppercase());
        let next = chars.get(i + 1);
        let previous = i.checked_sub(1).and_then(|p| chars.get(p));
        let next_is_letter = next.is_some_and(|n| n.is_alphabetic());
        if matches!(c, 'Љ' | 'Њ' | 'Џ')
            && (in_capitals(next) || (!next_is_letter && in_capitals(previous)))
        {
            out.push_str(&latin.to_uppercase());
        } else {
            out.push_str(latin);
        }
    }
    out
}

fn valid_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn check(name: &str, source: &[Entry], entries: &[Entry], problems: &mut Vec<String>) {
    let by_key: HashMap<&str, &Entry> = entries.iter().map(|e| (e.key.as_str(), e)).collect();
    if by_key.len() != entries.len() {
        problems.push(format!("{name}: a key appears twice"));
    }
    let known: HashMap<&str, &Entry> = source.iter().map(|e| (e.key.as_str(), e)).collect();
    for e in entries {
        if !known.contains_key(e.key.as_str()) {
            problems.push(format!("{name}: {}: not in po/httpstatus.pot", e.key));
        }
    }
    let mut titles: HashMap<&str, Vec<&str>> = HashMap::new();
    for src in source {
        let key = src.key.as_str();
        let Some(e) = by_key.get(key) else {
            problems.push(format!("{name}: {key}: missing"));
            continue;
        };
        if e.english != src.english {
            problems.push(format!(
                "{name}: {key}: stale: translated from {:?}, the English is now {:?}",
                e.english, src.english
            ));
        }
        let text = e.text.as_str();
        if text.is_empty() {
            problems.push(format!("{name}: {key}: not translated"));
            continue;
        }
        if placeholders(text) != placeholders(&src.english) {
            problems.push(format!(
                "{name}: {key}: placeholders {:?}, the English has {:?}",
                placeholders(text),
                placeholders(&src.english)
            ));
        }
        if let Some(bad) = text.chars().find(|c| !verbatim_safe(*c)) {
            problems.push(format!(
                "{name}: {key}: {bad:?} cannot be written into a document as it is"
            ));
        }
        if text != text.trim() {
            problems.push(format!("{name}: {key}: leading or trailing blanks"));
        }
        if text == src.english && e.identical_because.is_none() {
            problems.push(format!(
                "{name}: {key}: still English; translate it, or say why it is the same with \
                 a '# identical: ...' comment"
            ));
        }
        if key.ends_with(".title") {
            titles.entry(text).or_default().push(key);
        }
    }
    // Two codes may share a title only where the English does (401 and 561).
    let mut english_titles: HashMap<&str, Vec<&str>> = HashMap::new();
    for src in source.iter().filter(|s| s.key.ends_with(".title")) {
        english_titles
            .entry(&src.english)
            .or_default()
            .push(&src.key);
    }
    for (title, keys) in titles {
        if keys.len() > 1 {
            let english_share = keys.iter().all(|k| {
                let english = &known[k].english;
                english_titles[english.as_str()].len() > 1
                    && keys.iter().all(|other| known[other].english == *english)
            });
            if !english_share {
                problems.push(format!("{name}: {keys:?} share the title {title:?}"));
            }
        }
    }
}

fn placeholders(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = text
        .match_indices('{')
        .filter_map(|(at, _)| text[at..].find('}').map(|end| &text[at..=at + end]))
        .collect();
    found.sort_unstable();
    found
}

/// The registry's rule for prose written into documents without escaping.
fn verbatim_safe(c: char) -> bool {
    !(c.is_control() || matches!(c, '"' | '\\' | '<' | '>' | '&' | '\u{2028}' | '\u{2029}'))
}

/// A small PO reader: comments, msgctxt / msgid / msgstr with continuation lines
/// and C escapes. The header entry (empty msgid, no msgctxt) is skipped.
fn parse(path: &Path) -> Vec<Entry> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut entries = Vec::new();
    let mut current = Entry::default();
    let mut field: Option<&str> = None;
    let mut has_key = false;
    let finish = |current: &mut Entry, has_key: &mut bool, entries: &mut Vec<Entry>| {
        if *has_key {
            entries.push(std::mem::take(current));
        } else {
            *current = Entry::default();
        }
        *has_key = false;
    };
    for (number, raw) in text.lines().enumerate() {
        let line = raw.trim();
        let at = || format!("{}:{}", path.display(), number + 1);
        if line.is_empty() {
            finish(&mut current, &mut has_key, &mut entries);
            field = None;
        } else if let Some(reason) = line.strip_prefix("# identical:") {
            current.identical_because = Some(reason.trim().to_string());
        } else if line.starts_with('#') {
        } else if let Some(rest) = line.strip_prefix("msgctxt ") {
            if has_key {
                finish(&mut current, &mut has_key, &mut entries);
            }
            current.key = unquote(rest).unwrap_or_else(|| panic!("{}: bad string", at()));
            has_key = true;
            field = Some("key");
        } else if let Some(rest) = line.strip_prefix("msgid ") {
            current.english = unquote(rest).unwrap_or_else(|| panic!("{}: bad string", at()));
            field = Some("english");
        } else if let Some(rest) = line.strip_prefix("msgstr ") {
            current.text = unquote(rest).unwrap_or_else(|| panic!("{}: bad string", at()));
            field = Some("text");
        } else if line.starts_with('"') {
            let more = unquote(line).unwrap_or_else(|| panic!("{}: bad string", at()));
            match field {
                Some("key") => current.key.push_str(&more),
                Some("english") => current.english.push_str(&more),
                Some("text") => current.text.push_str(&more),
                _ => panic!("{}: a string outside an entry", at()),
            }
        } else {
            panic!("{}: cannot read {line:?}", at());
        }
    }
    finish(&mut current, &mut has_key, &mut entries);
    entries
}

fn unquote(s: &str) -> Option<String> {
    let inner = s.trim().strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            _ => return None,
        }
    }
    Some(out)
}

fn generate(source: &[Entry], catalogues: &BTreeMap<String, Vec<Entry>>) -> String {
    // English first (the source and the default), then the others by tag.
    let mut tags = vec!["en".to_string()];
    tags.extend(catalogues.keys().filter(|t| *t != "en").cloned());
    let mut out = String::new();
    let _ = writeln!(out, "// Generated by build.rs from po/; do not edit.\n");
    let _ = writeln!(out, "/// How many languages the catalogues hold.");
    let _ = writeln!(
        out,
        "pub(crate) const LANGUAGE_COUNT: usize = {};",
        tags.len()
    );
    let _ = writeln!(out, "/// How many texts each catalogue holds.");
    let _ = writeln!(
        out,
        "pub(crate) const TEXT_COUNT: usize = {};",
        source.len()
    );
    let _ = writeln!(out, "/// BCP 47 tags, English first.");
    let _ = writeln!(out, "pub(crate) static TAGS: [Text; LANGUAGE_COUNT] = [");
    for tag in &tags {
        let _ = writeln!(out, "    Text::new({:?}),", format!("{tag}\0"));
    }
    let _ = writeln!(out, "];");
    let mut sorted: Vec<(String, usize)> = tags
        .iter()
        .enumerate()
        .map(|(i, t)| (t.to_ascii_lowercase(), i))
        .collect();
    sorted.sort();
    let arms: Vec<String> = sorted
        .iter()
        .map(|(tag, i)| format!("        b{tag:?} => Some({i}),"))
        .collect();
    let _ = writeln!(
        out,
        "/// The index of the language with this lower-case tag (a match the compiler\n\
         /// turns into a few comparisons, where a search would compare strings).\n\
         pub(crate) fn tag_index(lower_tag: &[u8]) -> Option<u8> {{\n    match lower_tag {{\n{}\n        _ => None,\n    }}\n}}",
        arms.join("\n")
    );
    let mut primaries: Vec<String> = tags
        .iter()
        .map(|t| t.split('-').next().unwrap().to_ascii_lowercase())
        .collect();
    primaries.sort();
    primaries.dedup();
    // For each primary subtag, the languages whose tag starts with it: what a
    // refusal of the bare primary (`zh;q=0`) covers, found without a search.
    let arms: Vec<String> = primaries
        .iter()
        .map(|p| {
            let mask: u64 = tags
                .iter()
                .enumerate()
                .filter(|(_, t)| t.split('-').next().unwrap().eq_ignore_ascii_case(p))
                .map(|(i, _)| 1u64 << i)
                .sum();
            format!("        b{p:?} => {mask:#x},")
        })
        .collect();
    let _ = writeln!(
        out,
        "/// The languages (LanguageSet bits) whose tag has this (lower-case) primary\n\
         /// subtag; 0 when no catalogue has it.\n\
         pub(crate) fn primary_languages(primary: &[u8]) -> u64 {{\n    match primary {{\n{}\n        _ => 0,\n    }}\n}}",
        arms.join("\n")
    );
    // Primaries whose only tag is the primary itself: every range with that primary
    // picks it (RFC 4647 lookup cuts subtags until it matches), without a search.
    let mut arms = Vec::new();
    for primary in &primaries {
        let same: Vec<usize> = tags
            .iter()
            .enumerate()
            .filter(|(_, t)| t.split('-').next().unwrap().eq_ignore_ascii_case(primary))
            .map(|(i, _)| i)
            .collect();
        if let [i] = same[..] {
            if tags[i].eq_ignore_ascii_case(primary) {
                arms.push(format!("        b{primary:?} => Some({i}),"));
            }
        }
    }
    let _ = writeln!(
        out,
        "/// The language a (lower-case) primary subtag picks on its own, when that\n\
         /// primary has exactly one catalogue and its tag is the bare primary.\n\
         pub(crate) fn by_primary(primary: &[u8]) -> Option<u8> {{\n    match primary {{\n{}\n        _ => None,\n    }}\n}}",
        arms.join("\n")
    );
    let _ = writeln!(out, "/// Whether each language is written right to left.");
    let _ = writeln!(
        out,
        "pub(crate) static RIGHT_TO_LEFT: [bool; LANGUAGE_COUNT] = ["
    );
    for tag in &tags {
        let primary = tag.split('-').next().unwrap();
        let _ = writeln!(out, "    {},", RIGHT_TO_LEFT.contains(&primary));
    }
    let _ = writeln!(out, "];");
    let _ = writeln!(out, "/// The catalogue keys, in text order.");
    let _ = writeln!(out, "pub(crate) static KEYS: [&str; TEXT_COUNT] = [");
    for e in source {
        let _ = writeln!(out, "    {:?},", e.key);
    }
    let _ = writeln!(out, "];");
    let _ = writeln!(
        out,
        "/// Entries a catalogue keeps as in English, with the reason it gives: (tag, key, reason)."
    );
    let identical: Vec<(String, String, String)> = catalogues
        .iter()
        .flat_map(|(tag, entries)| {
            entries.iter().filter_map(move |e| {
                e.identical_because
                    .clone()
                    .map(|why| (tag.clone(), e.key.clone(), why))
            })
        })
        .collect();
    let _ = writeln!(
        out,
        "pub(crate) static IDENTICAL: [(&str, &str, &str); {}] = [",
        identical.len()
    );
    for (tag, key, why) in &identical {
        let _ = writeln!(out, "    ({tag:?}, {key:?}, {why:?}),");
    }
    let _ = writeln!(out, "];");
    let _ = writeln!(
        out,
        "/// Every text of every language, NUL-terminated for C."
    );
    let _ = writeln!(
        out,
        "pub(crate) static TEXTS: [[Text; TEXT_COUNT]; LANGUAGE_COUNT] = ["
    );
    for tag in &tags {
        let _ = writeln!(out, "    // {tag}\n    [");
        let translated: HashMap<&str, &str> = catalogues
            .get(tag)
            .map(|c| {
                c.iter()
                    .map(|e| (e.key.as_str(), e.text.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        for e in source {
            let text = translated
                .get(e.key.as_str())
                .copied()
                .unwrap_or(&e.english);
            let _ = writeln!(out, "        Text::generated({:?}),", format!("{text}\0"));
        }
        let _ = writeln!(out, "    ],");
    }
    let _ = writeln!(out, "];");
    out
}
