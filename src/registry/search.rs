//! Phrase search: the code whose phrase or alias matches a given phrase.

use super::data::TABLE;
use super::text::Text;

/// Letters and digits of `bytes`, ASCII-lowercased; other bytes are skipped.
fn folded(bytes: &[u8]) -> impl Iterator<Item = u8> + '_ {
    bytes
        .iter()
        .filter(|b| b.is_ascii_alphanumeric())
        .map(|b| b.to_ascii_lowercase())
}

/// The code whose current phrase or alias matches `phrase`, ignoring ASCII case and
/// everything but letters and digits; current phrases win over aliases. Every
/// phrase in the table is ASCII, so input with any other byte matches nothing.
pub(crate) fn code_for_phrase(phrase: &[u8]) -> Option<u16> {
    // Bounded: no phrase in the table is this long, so longer input cannot match.
    if phrase.len() > 256 || !phrase.is_ascii() || folded(phrase).next().is_none() {
        return None;
    }
    let matches = |t: Text| folded(t.bytes_without_nul()).eq(folded(phrase));
    TABLE
        .iter()
        .find(|e| matches(e.reason))
        .or_else(|| {
            TABLE
                .iter()
                .find(|e| e.aliases.iter().any(|a| matches(a.phrase)))
        })
        .map(|e| e.code)
}
