//! Negotiates the language for each file given as an Accept-Language header (the
//! first byte chooses the offer, as in the fuzz target), once: run under
//! callgrind, it tells what the worst input a fuzzer found costs.
//!
//! `cargo run --release --example negotiation_cost -- FILE...`

use httpstatus::lang::{Language, LanguageSet, negotiate_language};

fn main() {
    for path in std::env::args().skip(1) {
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let Some((&choice, header)) = data.split_first() else {
            continue;
        };
        let offered = LanguageSet::from_bits(0x9_2492_4924_9249u64.rotate_left(u32::from(choice)));
        let default = Language::from_index(usize::from(choice) % Language::COUNT).unwrap();
        let chosen = negotiate_one(header, offered, default);
        println!("{path}: {} bytes, {chosen}", header.len());
    }
}

/// One negotiation, never inlined: callgrind counts (and dumps) per call of it.
#[inline(never)]
fn negotiate_one(header: &[u8], offered: LanguageSet, default: Language) -> Language {
    negotiate_language(Some(std::hint::black_box(header)), offered, default)
}
