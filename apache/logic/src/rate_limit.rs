//! How many diagnostic lines are written: at most `HttpStatusLogLimit` per second
//! for one virtual host and status, counted by all children together in one
//! `Slot` of the shared segment (see `layout`); every line left out is counted,
//! and the parent takes those counts and writes one summary line for them.
//!
//! Everything here works on atomics only, without locks, because the words live
//! in memory shared by processes: a child can die at any instruction, and what
//! it counted stays counted.

use core::sync::atomic::{AtomicU64, Ordering};

/// Whether to write a log line.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Admit {
    /// Write the line.
    Write,
    /// Leave the line out: the limit for this second is reached; it was counted
    /// for the next summary.
    Skip,
}

/// The counters of one virtual host and status. All-zero is a valid, empty slot
/// (the segment starts zeroed). Four words, `layout::SLOT_BYTES`.
#[repr(C)]
#[derive(Default, Debug)]
pub struct Slot {
    /// The second being counted (high 32 bits) and the lines seen in it (low 32).
    window: AtomicU64,
    /// Left-out lines not yet summarised: the earliest second among them (high 32)
    /// and how many (low 32).
    pending: AtomicU64,
    /// Left-out lines beyond the u32 of `pending` (a parent that stopped taking).
    spill: AtomicU64,
    /// For the summary: the latest second with a left-out line (high 32), the
    /// limit then in force (24 bits) and the lines' log level + 1 (low 8; 0: none).
    marks: AtomicU64,
}

/// The slot a line counts in, and its block's pending word (see `layout`).
#[derive(Clone, Copy)]
pub struct Counter<'a> {
    /// The virtual host's slot for the line's status.
    pub slot: &'a Slot,
    /// Set once the block has left-out lines, so the parent looks at it.
    pub block_pending: &'a AtomicU64,
    /// Every line of this slot ever left out: only added to (the metrics read it;
    /// the summaries take `Slot`'s own counts).
    pub suppressed: &'a AtomicU64,
}

/// Lines left out of one slot between two takes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Summary {
    /// How many lines were left out.
    pub suppressed: u64,
    /// The first second with a left-out line (seconds since the epoch).
    pub from: u32,
    /// The last second with a left-out line; a line being left out while the
    /// summary is taken may widen it by that line's second.
    pub to: u32,
    /// The lines' log level (the most severe seen), if recorded.
    pub level: Option<u8>,
    /// `HttpStatusLogLimit` in force for the last line left out.
    pub limit: u32,
}

const LOW: u64 = 0xFFFF_FFFF;
const LIMIT_MAX: u32 = 0xFF_FFFF;

fn split(word: u64) -> (u32, u32) {
    ((word >> 32) as u32, (word & LOW) as u32)
}

fn join(high: u32, low: u32) -> u64 {
    (u64::from(high) << 32) | u64::from(low)
}

/// Whole seconds since the epoch of `apr_time_now`'s microseconds.
pub fn second_of(now_us: i64) -> u32 {
    now_us
        .div_euclid(1_000_000)
        .clamp(0, i64::from(u32::MAX))
        .try_into()
        .unwrap_or(u32::MAX)
}

/// Counts a line at `now_us` (microseconds since the epoch) against `limit`
/// lines per second, at log level `level` (APLOG_*). No counter, or a limit of
/// 0, admits everything and counts nothing.
pub fn admit(counter: Option<Counter<'_>>, now_us: i64, limit: u32, level: u8) -> Admit {
    let Some(counter) = counter.filter(|_| limit > 0) else {
        return Admit::Write;
    };
    let second = second_of(now_us);
    if counter.slot.count_line(second, limit) {
        return Admit::Write;
    }
    counter.slot.leave_out(second, limit, level);
    mark_pending(counter.block_pending);
    counter.suppressed.fetch_add(1, Ordering::Relaxed);
    Admit::Skip
}

/// Says that a block has lines to summarise (after they were counted).
pub fn mark_pending(block_pending: &AtomicU64) {
    // Read first: under a flood the word is already set, and a plain load keeps
    // the cache line shared between the children.
    if block_pending.load(Ordering::SeqCst) == 0 {
        block_pending.store(1, Ordering::SeqCst);
    }
}

/// Does the block have lines to summarise? Clears the word: lines left out from
/// now on set it again. SeqCst with `mark_pending` and `Slot::leave_out`: a child
/// that saw the word still set had counted before this swap, so the parent's
/// takes that follow see its count.
pub fn take_pending(block_pending: &AtomicU64) -> bool {
    block_pending.swap(0, Ordering::SeqCst) != 0
}

impl Slot {
    /// Counts a line in `second`; true when it is within the limit. The lines of
    /// one second are counted in `window`; a line whose second is earlier than
    /// the window's (another process read its clock a moment before) counts in
    /// the window's second, so no second ever admits more than `limit`.
    pub fn count_line(&self, second: u32, limit: u32) -> bool {
        let mut seen = self.window.load(Ordering::Relaxed);
        loop {
            let (counted, lines) = split(seen);
            let (next, admitted) = if second > counted {
                (join(second, 1), true)
            } else {
                let lines = lines.saturating_add(1);
                (join(counted, lines), lines <= limit)
            };
            match self.window.compare_exchange_weak(
                seen,
                next,
                Ordering::Relaxed,
                Ordering::Relaxed,
            ) {
                Ok(_) => return admitted,
                Err(now) => seen = now,
            }
        }
    }

    /// Counts a line left out in `second`. The marks are written before the count
    /// (whose SeqCst orders them before the parent's take of it), so a summary's
    /// interval covers every line it counts.
    pub fn leave_out(&self, second: u32, limit: u32, level: u8) {
        let level = u64::from(level.min(0xFE) + 1);
        let limit = u64::from(limit.min(LIMIT_MAX));
        let mut seen = self.marks.load(Ordering::Relaxed);
        loop {
            let (last, _) = split(seen);
            let old_level = seen & 0xFF;
            let level = if old_level == 0 {
                level
            } else {
                old_level.min(level)
            };
            let next = (u64::from(last.max(second)) << 32) | (limit << 8) | level;
            if next == seen {
                break;
            }
            match self
                .marks
                .compare_exchange_weak(seen, next, Ordering::Relaxed, Ordering::Relaxed)
            {
                Ok(_) => break,
                Err(now) => seen = now,
            }
        }
        let mut seen = self.pending.load(Ordering::SeqCst);
        loop {
            let (first, count) = split(seen);
            if count == u32::MAX {
                self.spill.fetch_add(1, Ordering::SeqCst);
                return;
            }
            let next = if count == 0 {
                join(second, 1)
            } else {
                join(first.min(second), count + 1)
            };
            match self
                .pending
                .compare_exchange_weak(seen, next, Ordering::SeqCst, Ordering::SeqCst)
            {
                Ok(_) => return,
                Err(now) => seen = now,
            }
        }
    }

    /// Takes what was left out since the last take, exactly: each count is
    /// swapped to 0 in one step, so lines left out meanwhile by other processes
    /// are either in this summary or in the next, never in both or neither.
    pub fn take(&self) -> Option<Summary> {
        if self.pending.load(Ordering::SeqCst) == 0 && self.spill.load(Ordering::SeqCst) == 0 {
            return None;
        }
        let (first, count) = split(self.pending.swap(0, Ordering::SeqCst));
        let spilled = self.spill.swap(0, Ordering::SeqCst);
        let marks = self.marks.swap(0, Ordering::Relaxed);
        let suppressed = u64::from(count) + spilled;
        if suppressed == 0 {
            return None;
        }
        let (last, low) = split(marks);
        // Only spilled lines (count 0): their first second is not kept.
        let from = if count > 0 { first } else { last };
        let level = (low & 0xFF) as u8;
        Some(Summary {
            suppressed,
            from,
            to: last.max(from),
            level: level.checked_sub(1),
            limit: low >> 8,
        })
    }
}

/// The summary line for `status` of the virtual host `vhost` (`name:port`, or
/// `*` for the hosts that share a block).
pub fn summary_line(status: u16, vhost: &[u8], summary: &Summary) -> Vec<u8> {
    let mut line = format!(
        "cause=log-limit status={status} suppressed={} from={} to={} limit={} vhost=\"",
        summary.suppressed,
        utc(summary.from),
        utc(summary.to),
        summary.limit,
    )
    .into_bytes();
    crate::log_line::push_escaped(&mut line, vhost, 160);
    line.push(b'"');
    line
}

/// A second since the epoch as UTC, `2026-12-07T14:03:01Z`.
pub fn utc(second: u32) -> String {
    let (days, rest) = (second / 86_400, second % 86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest / 60 % 60,
        rest % 60
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (days in 400-year
/// eras of 146,097 days, the year starting in March so February comes last).
fn civil_from_days(days: u32) -> (u32, u32, u32) {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u32::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashMap;

    const ERR: u8 = 3;
    const INFO: u8 = 6;

    fn counter<'a>(slot: &'a Slot, pending: &'a AtomicU64) -> Option<Counter<'a>> {
        Some(Counter {
            slot,
            block_pending: pending,
            suppressed: Box::leak(Box::new(AtomicU64::new(0))),
        })
    }

    #[test]
    fn the_running_total_counts_every_left_out_line_and_survives_takes() {
        let (slot, pending, total) = (Slot::default(), AtomicU64::new(0), AtomicU64::new(0));
        let c = Some(Counter {
            slot: &slot,
            block_pending: &pending,
            suppressed: &total,
        });
        for _ in 0..5 {
            admit(c, 9_000_000, 2, ERR);
        }
        assert_eq!(total.load(Ordering::Relaxed), 3);
        assert_eq!(slot.take().map(|s| s.suppressed), Some(3));
        admit(c, 9_000_000, 2, ERR);
        assert_eq!(
            total.load(Ordering::Relaxed),
            4,
            "a take leaves the total alone"
        );
    }

    #[test]
    fn the_limit_holds_within_a_second_and_the_rest_is_counted() {
        let (slot, pending) = (Slot::default(), AtomicU64::new(0));
        let got: Vec<Admit> = (0..5)
            .map(|_| admit(counter(&slot, &pending), 7_000_000, 2, ERR))
            .collect();
        use Admit::*;
        assert_eq!(got, [Write, Write, Skip, Skip, Skip]);
        assert!(take_pending(&pending));
        assert!(!take_pending(&pending));
        assert_eq!(admit(counter(&slot, &pending), 8_000_000, 2, ERR), Write);
        assert_eq!(
            slot.take(),
            Some(Summary {
                suppressed: 3,
                from: 7,
                to: 7,
                level: Some(ERR),
                limit: 2
            })
        );
        assert_eq!(slot.take(), None);
    }

    #[test]
    fn no_counter_or_no_limit_admits_everything_and_counts_nothing() {
        assert_eq!(admit(None, 5_000_000, 1, ERR), Admit::Write);
        let (slot, pending) = (Slot::default(), AtomicU64::new(0));
        for _ in 0..10 {
            assert_eq!(
                admit(counter(&slot, &pending), 5_000_000, 0, ERR),
                Admit::Write
            );
        }
        assert_eq!(slot.window.load(Ordering::Relaxed), 0);
        assert_eq!(slot.take(), None);
        assert!(!take_pending(&pending));
    }

    #[test]
    fn admit_counts_whole_seconds() {
        let (slot, pending) = (Slot::default(), AtomicU64::new(0));
        let c = counter(&slot, &pending);
        assert_eq!(admit(c, 3_000_000, 1, INFO), Admit::Write);
        assert_eq!(admit(c, 3_999_999, 1, INFO), Admit::Skip);
        assert_eq!(admit(c, 4_000_000, 1, INFO), Admit::Write);
        assert_eq!(second_of(-1), 0);
        assert_eq!(second_of(i64::MAX), u32::MAX);
    }

    #[test]
    fn a_late_clock_counts_in_the_later_window() {
        let slot = Slot::default();
        assert!(slot.count_line(11, 1));
        // Another process read its clock just before the second turned.
        assert!(!slot.count_line(10, 1));
        assert!(slot.count_line(12, 1));
    }

    #[test]
    fn the_summary_spans_the_left_out_seconds_and_keeps_the_worst_level() {
        let slot = Slot::default();
        slot.leave_out(20, 5, INFO);
        slot.leave_out(23, 5, ERR);
        slot.leave_out(19, 7, INFO);
        assert_eq!(
            slot.take(),
            Some(Summary {
                suppressed: 3,
                from: 19,
                to: 23,
                level: Some(ERR),
                limit: 7
            })
        );
    }

    #[test]
    fn lines_past_the_pending_count_spill_and_are_still_summed() {
        let slot = Slot::default();
        slot.pending.store(join(30, u32::MAX), Ordering::SeqCst);
        slot.leave_out(31, 1, ERR);
        slot.leave_out(31, 1, ERR);
        let s = slot.take().unwrap();
        assert_eq!(s.suppressed, u64::from(u32::MAX) + 2);
        assert_eq!((s.from, s.to), (30, 31));
        // Spilled lines alone take their second from the marks.
        slot.spill.store(4, Ordering::SeqCst);
        slot.marks.store(join(40, 0), Ordering::Relaxed);
        let s = slot.take().unwrap();
        assert_eq!((s.suppressed, s.from, s.to, s.level), (4, 40, 40, None));
    }

    #[test]
    fn the_summary_line_names_status_count_interval_limit_and_host() {
        let s = Summary {
            suppressed: 2690,
            from: 1_796_652_181,
            to: 1_796_652_185,
            level: Some(ERR),
            limit: 10,
        };
        assert_eq!(
            String::from_utf8(summary_line(503, b"a.example:80", &s)).unwrap(),
            "cause=log-limit status=503 suppressed=2690 from=2026-12-07T14:03:01Z \
             to=2026-12-07T14:03:05Z limit=10 vhost=\"a.example:80\""
        );
        let line = summary_line(404, b"x\"y", &s);
        assert!(line.ends_with(b"vhost=\"x%22y\""));
    }

    #[test]
    fn seconds_read_as_utc() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(utc(1_709_164_799), "2024-02-28T23:59:59Z");
        assert_eq!(utc(1_796_652_181), "2026-12-07T14:03:01Z");
        assert_eq!(utc(u32::MAX), "2106-02-07T06:28:15Z");
    }

    #[test]
    fn dates_match_a_day_by_day_calendar() {
        let (mut y, mut m, mut d) = (1970, 1, 1);
        let leap = |y: u32| y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
        for days in 0..60_000 {
            assert_eq!(civil_from_days(days), (y, m, d), "day {days}");
            let month_days = match m {
                2 if leap(y) => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            d += 1;
            if d > month_days {
                (d, m) = (1, m + 1);
                if m > 12 {
                    (m, y) = (1, y + 1);
                }
            }
        }
    }

    #[test]
    fn processes_counting_while_the_parent_takes_lose_and_double_nothing() {
        let slots = [Slot::default(), Slot::default()];
        let pending = AtomicU64::new(0);
        let done = std::sync::atomic::AtomicBool::new(false);
        let (written, taken) = std::thread::scope(|s| {
            let children: Vec<_> = (0..4)
                .map(|t| {
                    let (slots, pending) = (&slots, &pending);
                    s.spawn(move || {
                        let mut written = 0u64;
                        for i in 0..5_000i64 {
                            let slot = &slots[(i as usize + t) % 2];
                            let now = 1_000_000 * (100 + i / 1000);
                            if admit(counter(slot, pending), now, 50, ERR) == Admit::Write {
                                written += 1;
                            }
                        }
                        written
                    })
                })
                .collect();
            let parent = s.spawn(|| {
                let mut taken = 0u64;
                while !done.load(Ordering::SeqCst) {
                    if take_pending(&pending) {
                        taken += slots
                            .iter()
                            .filter_map(Slot::take)
                            .map(|s| s.suppressed)
                            .sum::<u64>();
                    }
                    std::thread::yield_now();
                }
                taken
            });
            let written: u64 = children.into_iter().map(|c| c.join().unwrap()).sum();
            done.store(true, Ordering::SeqCst);
            (written, parent.join().unwrap())
        });
        let rest: u64 = slots
            .iter()
            .filter_map(Slot::take)
            .map(|s| s.suppressed)
            .sum();
        // Five seconds, two slots, 50 lines each: exactly 500 written.
        assert_eq!(written, 500);
        assert_eq!(written + taken + rest, 20_000);
    }

    proptest! {
        /// Any interleaving of lines (clocks that may lag a second behind) and
        /// takes over several slots: no window admits more than the limit, and
        /// exactly the limit when more came; admitted + left out == attempts; the
        /// takes add up to exactly the lines left out, each summary spanning the
        /// seconds of its lines.
        #[test]
        fn windows_hold_the_limit_and_takes_sum_to_what_was_left_out(
            limit in 1u32..8,
            steps in proptest::collection::vec((0usize..3, 0u32..3, any::<bool>(), 0u8..12), 1..300),
            start in 1u32..u32::MAX / 2,
        ) {
            let slots = [Slot::default(), Slot::default(), Slot::default()];
            let pending = AtomicU64::new(0);
            let mut now = start;
            // Per slot: the window's second; lines per window (attempts, admitted);
            // seconds of the lines left out since the last take.
            let mut window = [0u32; 3];
            let mut per_window: HashMap<(usize, u32), (u32, u32)> = HashMap::new();
            let mut open: [Vec<u32>; 3] = Default::default();
            let (mut attempts, mut admitted, mut skipped, mut taken) = (0u64, 0u64, 0u64, 0u64);
            let take = |i: usize, open: &mut [Vec<u32>; 3]| -> Result<u64, TestCaseError> {
                let got = slots[i].take();
                let seconds = core::mem::take(&mut open[i]);
                match got {
                    None => prop_assert!(seconds.is_empty()),
                    Some(s) => {
                        prop_assert_eq!(s.suppressed, seconds.len() as u64);
                        prop_assert_eq!(s.from, *seconds.iter().min().unwrap());
                        prop_assert_eq!(s.to, *seconds.iter().max().unwrap());
                        prop_assert_eq!(s.limit, limit);
                        prop_assert_eq!(s.level, Some(INFO));
                        return Ok(s.suppressed);
                    }
                }
                Ok(0)
            };
            for (i, advance, lagging, kind) in steps {
                now += advance;
                if kind == 0 {
                    if take_pending(&pending) {
                        for j in 0..3 {
                            taken += take(j, &mut open)?;
                        }
                    }
                    continue;
                }
                let second = now - u32::from(lagging);
                attempts += 1;
                window[i] = window[i].max(second);
                let counted = per_window.entry((i, window[i])).or_default();
                counted.0 += 1;
                match admit(counter(&slots[i], &pending), i64::from(second) * 1_000_000 + 999_999, limit, INFO) {
                    Admit::Write => {
                        admitted += 1;
                        counted.1 += 1;
                    }
                    Admit::Skip => {
                        skipped += 1;
                        open[i].push(second);
                        prop_assert!(pending.load(Ordering::SeqCst) != 0);
                    }
                }
                prop_assert!(counted.1 <= limit);
                prop_assert_eq!(counted.1, counted.0.min(limit));
            }
            prop_assert_eq!(admitted + skipped, attempts);
            for j in 0..3 {
                taken += take(j, &mut open)?;
            }
            prop_assert_eq!(taken, skipped);
        }
    }
}
