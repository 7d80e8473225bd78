//! Choosing a language from `Accept-Language` (RFC 9110 §12.5.4) by RFC 4647
//! lookup: q-values, `*`, `q=0` refusals, case-insensitive tags, and the fallbacks
//! clients expect (`fr-CA` → `fr`, `pt-PT` → `pt`, `zh-TW` → `zh-Hant`, `no` → `nb`).
//! No allocation; time linear in the header's length.

use super::catalogue::{SORTED_TAGS, by_primary, known_primary};
use super::language::{Language, LanguageSet};

/// Longest language range considered; longer ones match nothing.
const MAX_RANGE: usize = 64;

/// The language a language range picks by lookup: the range itself, then the
/// range with its last subtag cut off, and so on; with the Chinese script and
/// region rules (`zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant-*` → `zh-Hant`; `zh`, `zh-CN`,
/// `zh-SG`, `zh-Hans-*` → `zh-Hans`), Portuguese (`pt-BR` → `pt-BR`, any other →
/// `pt`), Norwegian (`no`, `nn`, `nb-*` → `nb`) and the withdrawn codes `iw` and
/// `in`. None for `*`, a malformed range or a language the catalogues lack.
pub fn lookup(range: &[u8]) -> Option<Language> {
    let mut lower = [0u8; MAX_RANGE];
    let range = trim(range);
    if range.is_empty() || range.len() > MAX_RANGE {
        return None;
    }
    for (dst, &b) in lower.iter_mut().zip(range) {
        if !(b.is_ascii_alphanumeric() || b == b'-') {
            return None;
        }
        *dst = b.to_ascii_lowercase();
    }
    let range = &lower[..range.len()];
    let mut subtags = range.split(|&b| b == b'-');
    let primary = subtags.next().unwrap_or_default();
    let aliased: Option<&[u8]> = match primary {
        b"zh" => Some(
            if subtags.any(|s| matches!(s, b"hant" | b"tw" | b"hk" | b"mo")) {
                b"zh-hant"
            } else {
                b"zh-hans"
            },
        ),
        b"pt" => Some(if subtags.any(|s| s == b"br") {
            b"pt-br"
        } else {
            b"pt"
        }),
        b"no" | b"nn" | b"nb" => Some(b"nb"),
        b"iw" => Some(b"he"),
        b"in" => Some(b"id"),
        _ => None,
    };
    if let Some(tag) = aliased {
        return exact(tag);
    }
    if let Some(index) = by_primary(primary) {
        return Language::from_index(usize::from(index));
    }
    if !known_primary(primary) {
        return None;
    }
    let mut candidate = range;
    loop {
        if let Some(language) = exact(candidate) {
            return Some(language);
        }
        let cut = candidate.iter().rposition(|&b| b == b'-')?;
        candidate = &candidate[..cut];
        // RFC 4647 §3.4: a single-letter subtag goes with the one after it.
        if candidate.len() >= 2 && candidate[candidate.len() - 2] == b'-' {
            candidate = &candidate[..candidate.len() - 2];
        }
    }
}

fn exact(lower_tag: &[u8]) -> Option<Language> {
    SORTED_TAGS
        .binary_search_by(|(tag, _)| tag.as_bytes().cmp(lower_tag))
        .ok()
        .and_then(|i| Language::from_index(SORTED_TAGS[i].1 as usize))
}

fn trim(s: &[u8]) -> &[u8] {
    let start = s
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'))
        .unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|b| !matches!(b, b' ' | b'\t'))
        .map_or(start, |e| e + 1);
    &s[start..end]
}

/// One element of the header: its range and its weight in thousandths (None for a
/// malformed weight, which makes the element void).
fn element(item: &[u8]) -> (&[u8], Option<u16>) {
    let Some(semicolon) = item.iter().position(|&b| b == b';') else {
        return (trim(item), Some(1000));
    };
    let range = trim(&item[..semicolon]);
    let mut weight = Some(1000);
    for param in item[semicolon + 1..].split(|&b| b == b';') {
        let param = trim(param);
        if param.len() >= 2 && param[..2].eq_ignore_ascii_case(b"q=") {
            weight = qvalue(trim(&param[2..]));
        }
    }
    (range, weight)
}

/// RFC 9110 qvalue: `0`, `0.d`, `0.dd`, `0.ddd`, `1`, `1.0`, ... `1.000`.
fn qvalue(v: &[u8]) -> Option<u16> {
    let (&first, rest) = v.split_first()?;
    let fraction = match rest {
        [] => &[][..],
        [b'.', digits @ ..] if digits.len() <= 3 => digits,
        _ => return None,
    };
    if !fraction.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut thousandths = 0u16;
    for i in 0..3 {
        thousandths = thousandths * 10 + fraction.get(i).map_or(0, |d| u16::from(d - b'0'));
    }
    match first {
        b'0' => Some(thousandths),
        b'1' if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// Does the range name `language` or a more specific form of it (RFC 4647 basic
/// filtering, used for `q=0` refusals: `zh;q=0` refuses both Chinese catalogues)?
fn refuses(range: &[u8], language: Language) -> bool {
    let tag = language.tag().as_bytes();
    let prefix = tag.len() >= range.len()
        && tag[..range.len()].eq_ignore_ascii_case(range)
        && (tag.len() == range.len() || tag[range.len()] == b'-');
    // A range the catalogue knows only through an alias (`no` for `nb`).
    prefix || (!range.contains(&b'-') && lookup(range) == Some(language))
}

/// The language to answer in: the client's most preferred one among `offered`,
/// refusals (`q=0`) honoured; `default` when the header is absent or names
/// nothing acceptable that is offered. Ties go to the range listed first. `*`
/// stands for every offered language the header does not name, `default` first.
pub fn negotiate_language(
    accept_language: Option<&[u8]>,
    offered: LanguageSet,
    default: Language,
) -> Language {
    let Some(header) = accept_language else {
        return default;
    };
    // Refusals are rare: look for them only when the header has one, then choose
    // again without the languages they refuse (a refusal may follow what it refuses).
    let mut choice = choose(header, offered, LanguageSet::EMPTY);
    if choice.saw_refusal {
        let refused = refusals(header, offered);
        choice = choose(header, offered, refused);
        choice.refused = refused;
    }
    let best_weight = choice.best.map_or(0, |(w, _)| w);
    if choice.star > best_weight {
        let named = named(header);
        let acceptable = |l: &Language| {
            offered.contains(*l) && !choice.refused.contains(*l) && !named.contains(*l)
        };
        if let Some(language) = Some(default)
            .filter(acceptable)
            .or_else(|| offered.iter().find(acceptable))
        {
            return language;
        }
    }
    choice.best.map_or(default, |(_, language)| language)
}

struct Choice {
    best: Option<(u16, Language)>,
    star: u16,
    saw_refusal: bool,
    refused: LanguageSet,
}

/// The most preferred offered language that is not `refused`. A range whose
/// weight cannot beat the best so far is not looked up: browsers list their
/// first choice first, so that is usually one lookup.
fn choose(header: &[u8], offered: LanguageSet, refused: LanguageSet) -> Choice {
    let mut choice = Choice {
        best: None,
        star: 0,
        saw_refusal: false,
        refused: LanguageSet::EMPTY,
    };
    for item in header.split(|&b| b == b',') {
        let (range, weight) = element(item);
        let Some(weight) = weight else {
            continue;
        };
        if weight == 0 {
            choice.saw_refusal |= !range.is_empty();
            continue;
        }
        if range == b"*" {
            choice.star = choice.star.max(weight);
            continue;
        }
        if choice.best.is_some_and(|(w, _)| weight <= w) {
            continue;
        }
        if let Some(language) = lookup(range) {
            if offered.contains(language) && !refused.contains(language) {
                choice.best = Some((weight, language));
            }
        }
    }
    choice
}

/// The offered languages the header refuses (`q=0`).
fn refusals(header: &[u8], offered: LanguageSet) -> LanguageSet {
    let mut refused = LanguageSet::EMPTY;
    for item in header.split(|&b| b == b',') {
        if let (range, Some(0)) = element(item) {
            if range != b"*" && !range.is_empty() {
                refused = offered
                    .iter()
                    .filter(|l| refuses(range, *l))
                    .fold(refused, LanguageSet::with);
            }
        }
    }
    refused
}

/// The languages the header names with a weight (what `*` does not stand for).
fn named(header: &[u8]) -> LanguageSet {
    header
        .split(|&b| b == b',')
        .filter_map(|item| match element(item) {
            (range, Some(w)) if w > 0 => lookup(range),
            _ => None,
        })
        .collect()
}
