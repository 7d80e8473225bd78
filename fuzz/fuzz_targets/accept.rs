//! Any bytes as an Accept header: negotiation never panics and stays in the offer.
#![no_main]

use httpstatus::{FormatSet, negotiate};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&offer, accept)) = data.split_first() else {
        return;
    };
    let offered = FormatSet::from_bits(u32::from(offer));
    let chosen = negotiate(Some(accept), offered);
    assert!(offered.is_empty() || offered.contains(chosen));
});
