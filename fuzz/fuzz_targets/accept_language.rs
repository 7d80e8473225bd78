//! Any bytes as an Accept-Language header: negotiation never panics, answers with
//! an offered language or the default, and reads no more than its bound allows
//! (scripts/fuzz reports the instruction count of the slowest input found).
#![no_main]

use httpstatus::lang::{Language, LanguageSet, negotiate_language};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&choice, header)) = data.split_first() else {
        return;
    };
    // The first byte picks the offer and the default.
    let offered = LanguageSet::from_bits(0x9_2492_4924_9249u64.rotate_left(u32::from(choice)));
    let default = Language::from_index(usize::from(choice) % Language::COUNT).unwrap();
    let chosen = negotiate_language(Some(header), offered, default);
    assert!(chosen == default || offered.contains(chosen));
});
