//! Choosing a language from `Accept-Language` (RFC 9110 §12.5.4) by RFC 4647
//! lookup: q-values, `*`, `q=0` refusals, case-insensitive tags, and the fallbacks
//! clients expect (`fr-CA` → `fr`, `pt-PT` → `pt`, `zh-TW` → `zh-Hant`, `no` → `nb`).
//! One pass over at most the first [`MAX_LANGUAGE_RANGES`] elements of the header,
//! bounded work for each (a refusal costs a table lookup, never a comparison with
//! every language), no allocation.

use super::catalogue::{by_primary, primary_languages, tag_index};
use super::language::{Language, LanguageSet};
use crate::accept_list::{elements, trim};

/// Longest language range considered; longer ones match nothing. 35 characters
/// hold any tag a browser sends (RFC 5646 §4.4.1 names it as the least room to
/// give a tag).
const MAX_RANGE: usize = 35;

/// Elements of a header read. Browsers send a handful, most preferred first, so
/// what follows is the least wanted; reading more would only let a client make
/// every error cost more.
pub const MAX_LANGUAGE_RANGES: usize = 12;

/// The language a language range picks by lookup: the range itself, then the
/// range with its last subtag cut off, and so on; with the Chinese script and
/// region rules (`zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant-*` → `zh-Hant`; `zh`, `zh-CN`,
/// `zh-SG`, `zh-Hans-*` → `zh-Hans`), Portuguese (`pt-BR` → `pt-BR`, any other →
/// `pt`), Norwegian (`no`, `nn`, `nb-*` → `nb`) and the withdrawn codes `iw` and
/// `in`. None for `*`, a malformed range or a language the catalogues lack.
pub fn lookup(range: &[u8]) -> Option<Language> {
    let mut buffer = [0u8; MAX_RANGE];
    lookup_lower(lower_case(trim(range), &mut buffer)?)
}

/// `range` in lower case, in `buffer`; None when it is empty, too long or holds
/// anything but letters, digits and hyphens.
fn lower_case<'b>(range: &[u8], buffer: &'b mut [u8; MAX_RANGE]) -> Option<&'b [u8]> {
    if range.is_empty() || range.len() > MAX_RANGE {
        return None;
    }
    // Indexed loops: the per-byte cost is what a hostile header multiplies.
    for i in 0..range.len() {
        let lower = RANGE_BYTE[usize::from(range[i])];
        if lower == 0 {
            return None;
        }
        buffer[i] = lower;
    }
    Some(&buffer[..range.len()])
}

/// Each byte of a language range in lower case; 0 for a byte no range holds (one
/// table lookup a byte where a client chooses how many bytes there are).
static RANGE_BYTE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'-' {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// [`lookup`] of a range already in lower case.
fn lookup_lower(range: &[u8]) -> Option<Language> {
    let primary_end = range.iter().position(|&b| b == b'-').unwrap_or(range.len());
    let primary = &range[..primary_end];
    let has_subtag =
        |wanted: fn(&[u8]) -> bool| range[primary_end..].split(|&b| b == b'-').any(wanted);
    let aliased: Option<&[u8]> = match primary {
        b"zh" => Some(
            if has_subtag(|s| matches!(s, b"hant" | b"tw" | b"hk" | b"mo")) {
                b"zh-hant"
            } else {
                b"zh-hans"
            },
        ),
        b"pt" => Some(if has_subtag(|s| s == b"br") {
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
    if primary_languages(primary) == 0 {
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
    Language::from_index(usize::from(tag_index(lower_tag)?))
}

/// The languages a refusal (`range;q=0`) covers: those whose tag is the range or a
/// more specific form of it (RFC 4647 basic filtering: `zh;q=0` refuses both
/// Chinese catalogues), and for a bare primary subtag also the language it picks
/// through an alias (`no;q=0` refuses `nb`).
fn refused_by(range: &[u8]) -> LanguageSet {
    let mut buffer = [0u8; MAX_RANGE];
    let Some(range) = lower_case(range, &mut buffer) else {
        return LanguageSet::EMPTY;
    };
    let primary_end = range.iter().position(|&b| b == b'-');
    let primary = &range[..primary_end.unwrap_or(range.len())];
    let same_primary = LanguageSet::from_bits(primary_languages(primary));
    if primary_end.is_some() {
        // At most a few languages share a primary subtag.
        return same_primary
            .iter()
            .filter(|l| {
                let tag = l.tag().as_bytes();
                tag.len() >= range.len()
                    && tag[..range.len()].eq_ignore_ascii_case(range)
                    && (tag.len() == range.len() || tag[range.len()] == b'-')
            })
            .collect();
    }
    match lookup_lower(range) {
        Some(alias) => same_primary.with(alias),
        None => same_primary,
    }
}

/// The language to answer in: the client's most preferred one among `offered`,
/// refusals (`q=0`) honoured wherever they stand in the header; `default` when
/// the header is absent or names nothing acceptable that is offered. Ties go to
/// the range listed first. `*` stands for every offered language the header does
/// not name, `default` first. Only the first [`MAX_LANGUAGE_RANGES`] elements
/// count.
pub fn negotiate_language(
    accept_language: Option<&[u8]>,
    offered: LanguageSet,
    default: Language,
) -> Language {
    let Some(header) = accept_language else {
        return default;
    };
    let mut buffer = [0u8; MAX_RANGE];
    // By far the most common header names one language and nothing else ("de",
    // "en-US"): decided without the list reader, with the same answer the pass
    // below gives it (a test compares the two).
    if let Some(range) = lower_case(header, &mut buffer) {
        return lookup_lower(range)
            .filter(|language| offered.contains(*language))
            .unwrap_or(default);
    }
    // Per named language: the highest weight a range gave it (always above 0:
    // a weight of 0 is a refusal) and the position of the first range that gave
    // it that weight. A refusal may follow what it refuses, so the choice is made
    // after the pass.
    let mut weights = [0u16; Language::COUNT];
    let mut position = [0u8; Language::COUNT];
    const _: () = assert!(MAX_LANGUAGE_RANGES <= 256, "positions are bytes");
    let mut named = LanguageSet::EMPTY;
    let mut refused = LanguageSet::EMPTY;
    let mut star = 0;
    for (index, element) in elements(header).take(MAX_LANGUAGE_RANGES).enumerate() {
        let (range, Some(weight)) = (element.value, element.weight) else {
            continue;
        };
        if range == b"*" {
            star = star.max(weight);
        } else if weight == 0 {
            refused = refused.union(refused_by(range));
        } else if let Some(language) = lower_case(range, &mut buffer).and_then(lookup_lower) {
            named = named.with(language);
            let slot = language.index();
            if weight > weights[slot] {
                weights[slot] = weight;
                position[slot] = index as u8;
            }
        }
    }
    let acceptable = offered.difference(refused);
    let best = acceptable.intersection(named).iter().max_by(|a, b| {
        let (a, b) = (a.index(), b.index());
        weights[a]
            .cmp(&weights[b])
            .then(position[b].cmp(&position[a]))
    });
    let best_weight = best.map_or(0, |l| weights[l.index()]);
    if star > best_weight {
        let unnamed = acceptable.difference(named);
        if unnamed.contains(default) {
            return default;
        }
        if let Some(language) = unnamed.iter().next() {
            return language;
        }
    }
    best.unwrap_or(default)
}
