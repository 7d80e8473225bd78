//! How many log lines a child writes: at most `HttpStatusLogLimit` per second for
//! one status, then one summary of how many were left out.

use core::sync::atomic::{AtomicU64, Ordering};

/// Whether to write a log line.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Admit {
    /// Write the line; `suppressed` lines for the same status were left out in the
    /// last second that had any.
    Write {
        /// Lines left out in the last counted second (reported once, by the
        /// first line of a later second).
        suppressed: u32,
    },
    /// Leave the line out: the limit for this second is reached.
    Skip,
}

/// Counts a line at `now_us` (microseconds since the epoch, as `apr_time_now`)
/// against `limit` lines per second. No counter, or a limit of 0, admits all.
pub fn admit(counter: Option<&AtomicU64>, now_us: i64, limit: u32) -> Admit {
    match counter {
        Some(counter) if limit > 0 => count_line(counter, (now_us / 1_000_000) as u32, limit),
        _ => Admit::Write { suppressed: 0 },
    }
}

/// Counts a line in `second` on `counter`: the second it counts in the high 32
/// bits, the lines seen in that second in the low 32 bits. Lock-free; threads of
/// one child share it. A zeroed counter has seen nothing.
pub fn count_line(counter: &AtomicU64, second: u32, limit: u32) -> Admit {
    let mut seen = counter.load(Ordering::Relaxed);
    loop {
        let (counted_second, lines) = ((seen >> 32) as u32, seen as u32);
        let (next, admit) = if counted_second != second {
            let left_out = lines.saturating_sub(limit);
            let next = (u64::from(second) << 32) | 1;
            (
                next,
                Admit::Write {
                    suppressed: left_out,
                },
            )
        } else {
            let lines = lines.saturating_add(1);
            let next = (u64::from(second) << 32) | u64::from(lines);
            let admit = if lines <= limit {
                Admit::Write { suppressed: 0 }
            } else {
                Admit::Skip
            };
            (next, admit)
        };
        match counter.compare_exchange_weak(seen, next, Ordering::Relaxed, Ordering::Relaxed) {
            Ok(_) => return admit,
            Err(now_seen) => seen = now_seen,
        }
    }
}

/// The line that says how many lines for `status` were left out.
pub fn summary(status: u16, suppressed: u32, limit: u32) -> String {
    format!(
        "status={status} suppressed={suppressed} note=\"{suppressed} more lines for status \
         {status} were left out within one second (HttpStatusLogLimit {limit})\""
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_limit_holds_within_a_second_and_the_next_reports_the_rest() {
        let counter = AtomicU64::new(0);
        let got: Vec<Admit> = (0..5).map(|_| count_line(&counter, 7, 2)).collect();
        let write = Admit::Write { suppressed: 0 };
        assert_eq!(got, [write, write, Admit::Skip, Admit::Skip, Admit::Skip]);
        assert_eq!(count_line(&counter, 8, 2), Admit::Write { suppressed: 3 });
        assert_eq!(count_line(&counter, 9, 2), Admit::Write { suppressed: 0 });
    }

    #[test]
    fn no_counter_or_no_limit_admits_everything() {
        let write = Admit::Write { suppressed: 0 };
        assert_eq!(admit(None, 5_000_000, 1), write);
        let counter = AtomicU64::new(0);
        for _ in 0..10 {
            assert_eq!(admit(Some(&counter), 5_000_000, 0), write);
        }
        assert_eq!(counter.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn admit_counts_whole_seconds() {
        let counter = AtomicU64::new(0);
        assert_eq!(
            admit(Some(&counter), 3_000_000, 1),
            Admit::Write { suppressed: 0 }
        );
        assert_eq!(admit(Some(&counter), 3_999_999, 1), Admit::Skip);
        assert_eq!(
            admit(Some(&counter), 4_000_000, 1),
            Admit::Write { suppressed: 1 }
        );
    }

    #[test]
    fn threads_sharing_a_counter_admit_exactly_the_limit() {
        let counter = AtomicU64::new(0);
        let admitted = std::sync::atomic::AtomicU32::new(0);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..250 {
                        if count_line(&counter, 42, 100) != Admit::Skip {
                            admitted.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                });
            }
        });
        assert_eq!(admitted.into_inner(), 100);
        assert_eq!(
            count_line(&counter, 43, 100),
            Admit::Write { suppressed: 900 }
        );
    }

    #[test]
    fn the_summary_names_status_count_and_limit() {
        assert_eq!(
            summary(404, 3, 10),
            "status=404 suppressed=3 note=\"3 more lines for status 404 were left out \
             within one second (HttpStatusLogLimit 10)\""
        );
    }

    proptest! {
        /// Bursts of lines in non-decreasing seconds: each second admits at most
        /// the limit (exactly, when more came), and the first line of a later
        /// second reports exactly the lines left out in the previous counted one.
        #[test]
        fn each_second_admits_the_limit_and_reports_what_it_skipped(
            limit in 1u32..20,
            bursts in proptest::collection::vec((0u32..4, 1u32..50), 1..40),
            start in any::<u32>(),
        ) {
            let counter = AtomicU64::new(0);
            let mut second = start / 2;
            // The zeroed counter has counted nothing in second 0.
            let (mut counted, mut admitted, mut skipped) = (0u32, 0u32, 0u32);
            for (step, lines) in bursts {
                second = second.saturating_add(step);
                for _ in 0..lines {
                    match count_line(&counter, second, limit) {
                        Admit::Write { suppressed } if second != counted => {
                            prop_assert_eq!(suppressed, skipped);
                            (counted, admitted, skipped) = (second, 1, 0);
                        }
                        Admit::Write { suppressed } => {
                            prop_assert_eq!(suppressed, 0);
                            admitted += 1;
                        }
                        Admit::Skip => {
                            prop_assert_eq!(second, counted, "a new second's first line is written");
                            skipped += 1;
                        }
                    }
                    prop_assert!(admitted <= limit);
                    prop_assert!(skipped == 0 || admitted == limit);
                }
            }
        }
    }
}
