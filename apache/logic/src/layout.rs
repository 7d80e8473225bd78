//! Where everything lies in the module's shared segment: one anonymous block of
//! memory the parent maps once, before the children fork, so that every child
//! counts into the same words.
//!
//! ```text
//! offset 0        header: HEADER_WORDS u64 (magic, version, blocks, codes, and
//!                 the offset of each region), padded to REGION_ALIGN
//! log_slots       blocks x CODES slots of SLOT_BYTES (rate_limit::Slot): the
//!                 diagnostic lines of one virtual host and status
//! log_pending     blocks x u64: "this block has left-out lines to summarise",
//!                 so that the parent reads only the blocks that have any
//! responses       blocks x CODES u64: responses sent, by final status (the
//!                 metrics; only ever added to)
//! suppressed      blocks x CODES u64: diagnostic lines left out, a running
//!                 total the summaries never reset
//! documents       DOCUMENT_FORMATS u64: documents the module wrote, per format
//! total           the segment's size
//! ```
//!
//! A block is one virtual host known when the segment was made; the last block is
//! shared by the hosts a later graceful restart adds (the segment's size is fixed
//! for the parent's life).
//!
//! Adding a region: give `Layout` a `Region` field, place it after the last one
//! in `Layout::new` with `place`, write its offset into `header_words` (one more
//! word, so HEADER_WORDS grows by one), add an accessor like `log_slot`, and bump
//! `VERSION`: the segment is kept in httpd's retained data under a key that names
//! the version, so a module of another layout loaded by a graceful restart makes
//! a segment of its own instead of reading an old one wrongly.

use httpstatus::registry::CODE_COUNT;

/// The first header word: "HTSTATUS" in big-endian bytes.
pub const MAGIC: u64 = u64::from_be_bytes(*b"HTSTATUS");
/// The layout's version; see the module doc for when to bump it.
pub const VERSION: u64 = 2;
/// Status codes per block (100 to 599, at `StatusCode::index()`).
pub const CODES: usize = CODE_COUNT;
/// One slot of `rate_limit::Slot`: four u64 words.
pub const SLOT_BYTES: usize = 32;
/// Regions start on a cache line, so that no two regions share one.
pub const REGION_ALIGN: usize = 64;
/// Words in the header: magic, version, blocks, codes, then each region's offset
/// and the total size.
pub const HEADER_WORDS: usize = 10;
/// Document formats counted (html, json, text, in `Format`'s order).
pub const DOCUMENT_FORMATS: usize = 3;

// What the module relies on when it reads slots out of the segment: a slot is
// SLOT_BYTES and 8-aligned.
const _: () = assert!(size_of::<crate::rate_limit::Slot>() == SLOT_BYTES);
const _: () = assert!(align_of::<crate::rate_limit::Slot>() == 8);

/// A part of the segment: `len` bytes from `offset`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Region {
    /// Bytes from the segment's start; a multiple of REGION_ALIGN.
    pub offset: usize,
    /// Bytes in the region.
    pub len: usize,
}

impl Region {
    fn end(self) -> usize {
        self.offset + self.len
    }
}

/// The segment for a number of blocks.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Layout {
    /// Blocks, the shared one for later virtual hosts included.
    pub blocks: usize,
    /// The header.
    pub header: Region,
    /// The per virtual host and status line counters.
    pub log_slots: Region,
    /// One word per block: set when the block has left-out lines to summarise.
    pub log_pending: Region,
    /// Responses per block and final status.
    pub responses: Region,
    /// Left-out diagnostic lines per block and status, never reset.
    pub suppressed: Region,
    /// Documents written, per format.
    pub documents: Region,
    /// The whole segment.
    pub total: usize,
}

/// `len` bytes at the first aligned offset at or after `after`; None on overflow.
fn place(after: usize, len: usize) -> Option<Region> {
    let offset = after.checked_next_multiple_of(REGION_ALIGN)?;
    offset.checked_add(len)?;
    Some(Region { offset, len })
}

impl Layout {
    /// The layout for `known_hosts` virtual hosts (the main server counts as one)
    /// plus the shared block. None when the size would overflow.
    pub fn new(known_hosts: usize) -> Option<Layout> {
        let blocks = known_hosts.checked_add(1)?;
        let header = place(0, HEADER_WORDS * 8)?;
        let log_slots = place(header.end(), blocks.checked_mul(CODES * SLOT_BYTES)?)?;
        let log_pending = place(log_slots.end(), blocks.checked_mul(8)?)?;
        let responses = place(log_pending.end(), blocks.checked_mul(CODES * 8)?)?;
        let suppressed = place(responses.end(), blocks.checked_mul(CODES * 8)?)?;
        let documents = place(suppressed.end(), DOCUMENT_FORMATS * 8)?;
        let total = documents.end().checked_next_multiple_of(REGION_ALIGN)?;
        Some(Layout {
            blocks,
            header,
            log_slots,
            log_pending,
            responses,
            suppressed,
            documents,
            total,
        })
    }

    /// The block shared by virtual hosts added after the segment was made.
    pub fn shared_block(&self) -> usize {
        self.blocks - 1
    }

    /// Where the slot of `block` and status index `code` starts.
    pub fn log_slot(&self, block: usize, code: usize) -> Option<usize> {
        (block < self.blocks && code < CODES)
            .then(|| self.log_slots.offset + (block * CODES + code) * SLOT_BYTES)
    }

    /// Where the pending word of `block` is.
    pub fn log_pending(&self, block: usize) -> Option<usize> {
        (block < self.blocks).then(|| self.log_pending.offset + block * 8)
    }

    /// Where the response counter of `block` and status index `code` is.
    pub fn response(&self, block: usize, code: usize) -> Option<usize> {
        (block < self.blocks && code < CODES)
            .then(|| self.responses.offset + (block * CODES + code) * 8)
    }

    /// Where the running total of left-out lines of `block` and `code` is.
    pub fn suppressed(&self, block: usize, code: usize) -> Option<usize> {
        (block < self.blocks && code < CODES)
            .then(|| self.suppressed.offset + (block * CODES + code) * 8)
    }

    /// Where the count of documents in format number `format` is.
    pub fn document(&self, format: usize) -> Option<usize> {
        (format < DOCUMENT_FORMATS).then(|| self.documents.offset + format * 8)
    }

    /// What the header holds, word by word.
    pub fn header_words(&self) -> [u64; HEADER_WORDS] {
        [
            MAGIC,
            VERSION,
            self.blocks as u64,
            CODES as u64,
            self.log_slots.offset as u64,
            self.log_pending.offset as u64,
            self.responses.offset as u64,
            self.suppressed.offset as u64,
            self.documents.offset as u64,
            self.total as u64,
        ]
    }
}

/// Which block each current virtual host uses, given the identities of the hosts
/// the segment was made for (`known`, block i for known\[i\]) and of the hosts
/// configured now (`current`). A host takes the first block of its identity that
/// no earlier current host took (so duplicates keep their own blocks); a host
/// with none takes `shared`. Returns the blocks and how many hosts share.
pub fn assign_blocks<T: AsRef<[u8]>>(
    known: &[T],
    current: &[T],
    shared: usize,
) -> (Vec<usize>, usize) {
    let mut taken = vec![false; known.len()];
    let mut sharing = 0;
    let blocks = current
        .iter()
        .map(|host| {
            let found = known
                .iter()
                .enumerate()
                .position(|(i, k)| !taken[i] && k.as_ref() == host.as_ref());
            match found {
                Some(i) => {
                    taken[i] = true;
                    i
                }
                None => {
                    sharing += 1;
                    shared
                }
            }
        })
        .collect();
    (blocks, sharing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_follow_each_other_aligned_and_apart() {
        let l = Layout::new(3).unwrap();
        assert_eq!(l.blocks, 4);
        assert_eq!(l.header, Region { offset: 0, len: 80 });
        assert_eq!(l.log_slots.offset, 128);
        assert_eq!(l.log_slots.len, 4 * 500 * 32);
        assert_eq!(l.log_pending.offset, 128 + 64_000);
        assert_eq!(l.log_pending.len, 32);
        assert_eq!(l.responses.offset, 128 + 64_000 + 64);
        assert_eq!(l.responses.len, 4 * 500 * 8);
        assert_eq!(l.suppressed.offset, l.responses.offset + 16_000);
        assert_eq!(l.documents.offset, l.suppressed.offset + 16_000);
        assert_eq!(l.documents.len, 24);
        assert_eq!(l.total, l.documents.offset + 64);
        let regions = [
            l.header,
            l.log_slots,
            l.log_pending,
            l.responses,
            l.suppressed,
            l.documents,
        ];
        for r in regions {
            assert_eq!(r.offset % REGION_ALIGN, 0);
            assert!(r.end() <= l.total);
        }
        for pair in regions.windows(2) {
            assert!(pair[0].end() <= pair[1].offset);
        }
    }

    #[test]
    fn slots_and_pending_words_stay_inside_their_regions() {
        let l = Layout::new(2).unwrap();
        assert_eq!(l.log_slot(0, 0), Some(128));
        assert_eq!(l.log_slot(1, 0), Some(128 + 16_000));
        assert_eq!(l.log_slot(0, 403), Some(128 + 403 * 32));
        let last = l.log_slot(2, CODES - 1).unwrap();
        assert_eq!(last + SLOT_BYTES, l.log_slots.end());
        assert_eq!(l.log_slot(3, 0), None);
        assert_eq!(l.log_slot(0, CODES), None);
        assert_eq!(l.log_pending(0), Some(l.log_pending.offset));
        assert_eq!(l.log_pending(2), Some(l.log_pending.offset + 16));
        assert_eq!(l.log_pending(3), None);
        assert_eq!(l.shared_block(), 2);
        assert_eq!(l.response(0, 0), Some(l.responses.offset));
        assert_eq!(
            l.response(1, 304),
            Some(l.responses.offset + (500 + 304) * 8)
        );
        assert_eq!(l.response(2, CODES - 1).unwrap() + 8, l.responses.end());
        assert_eq!(l.response(3, 0), None);
        assert_eq!(l.response(0, CODES), None);
        assert_eq!(l.suppressed(2, CODES - 1).unwrap() + 8, l.suppressed.end());
        assert_eq!(l.suppressed(0, CODES), None);
        assert_eq!(l.document(2).unwrap() + 8, l.documents.end());
        assert_eq!(l.document(3), None);
    }

    #[test]
    fn the_header_names_the_layout() {
        let l = Layout::new(1).unwrap();
        let words = l.header_words();
        assert_eq!(&words[0].to_be_bytes(), b"HTSTATUS");
        assert_eq!(words[1..4], [VERSION, 2, 500]);
        assert_eq!(
            words[4..],
            [
                128,
                128 + 32_000,
                128 + 32_000 + 64,
                128 + 32_000 + 64 + 8000,
                128 + 32_000 + 64 + 16_000,
                l.total as u64
            ]
        );
    }

    #[test]
    fn absurd_sizes_are_refused() {
        assert_eq!(Layout::new(usize::MAX), None);
        assert_eq!(Layout::new(usize::MAX / 1000), None);
        assert!(Layout::new(0).is_some_and(|l| l.blocks == 1));
    }

    #[test]
    fn hosts_find_their_blocks_by_identity() {
        let known = ["main", "a", "b", "a"];
        // Reordered, one removed, one duplicate kept apart, one new.
        let current = ["b", "main", "a", "a", "c", "a"];
        let (blocks, sharing) = assign_blocks(&known, &current, 4);
        assert_eq!(blocks, [2, 0, 1, 3, 4, 4]);
        assert_eq!(sharing, 2);
        let (same, none) = assign_blocks(&known, &known, 4);
        assert_eq!((same, none), (vec![0, 1, 2, 3], 0));
    }
}
