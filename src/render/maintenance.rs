//! What a document says when its site is in maintenance: the operator's message
//! or the built-in one, and when the site should be back, in words a visitor
//! reads (rounded, so a page left open for a while is not badly wrong).

use super::escape::write_escaped_lines;
use super::format::Escape;
use super::sink::{MaintenanceValue, Sink};
use crate::lang::{Language, Message};

/// A scope in maintenance, as its documents show it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Maintenance<'a> {
    /// The operator's message, plain text (escaped like any value); None for the
    /// built-in wording.
    pub message: Option<&'a [u8]>,
    /// Seconds until the planned end, when one is known and still ahead.
    pub retry_after: Option<u64>,
}

impl Maintenance<'_> {
    /// The sentence saying when the site should be back, if an end is known.
    #[inline]
    pub fn back(&self) -> Option<Message> {
        self.retry_after.map(back_in)
    }
}

/// Writes the maintenance sentences of a JSON `detail` or a text document (the
/// operator's message escaped for `escape`), separated by `between`.
pub(super) fn put_maintenance_summary(
    out: &mut impl Sink,
    language: Language,
    maintenance: Maintenance<'_>,
    escape: Escape,
    between: &str,
) {
    match maintenance.message {
        Some(message) => {
            if !out.maintenance_hole(MaintenanceValue::Message, escape) {
                write_escaped_lines(out, message, escape);
            }
        }
        None => out.put_str(language.message(Message::MaintenanceSummary).as_str()),
    }
    if let Some(back) = maintenance.back() {
        out.put_str(between);
        out.put_str(language.message(back).as_str());
    }
}

const MINUTE: u64 = 60;
const HOUR: u64 = 60 * MINUTE;

/// The sentence for an end `seconds` away: the nearest of a few round spans,
/// erring towards the longer one.
pub fn back_in(seconds: u64) -> Message {
    match seconds {
        s if s <= 10 * MINUTE => Message::BackInMinutes,
        s if s <= 20 * MINUTE => Message::BackIn15Minutes,
        s if s <= 40 * MINUTE => Message::BackIn30Minutes,
        s if s <= 75 * MINUTE => Message::BackInAnHour,
        s if s <= 150 * MINUTE => Message::BackIn2Hours,
        s if s <= 8 * HOUR => Message::BackInHours,
        s if s <= 30 * HOUR => Message::BackWithinADay,
        s if s <= 7 * 24 * HOUR => Message::BackInDays,
        _ => Message::BackLater,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_grow_with_the_time_left_and_meet_without_gaps() {
        let order = [
            Message::BackInMinutes,
            Message::BackIn15Minutes,
            Message::BackIn30Minutes,
            Message::BackInAnHour,
            Message::BackIn2Hours,
            Message::BackInHours,
            Message::BackWithinADay,
            Message::BackInDays,
            Message::BackLater,
        ];
        let rank = |m: Message| order.iter().position(|o| *o == m).unwrap();
        let mut last = 0;
        for seconds in (0..9 * 24 * HOUR).step_by(30) {
            let now = rank(back_in(seconds));
            assert!(now == last || now == last + 1, "{seconds}s");
            last = now;
        }
        assert_eq!(last, order.len() - 1);
        assert_eq!(back_in(0), Message::BackInMinutes);
        assert_eq!(back_in(14 * MINUTE), Message::BackIn15Minutes);
        assert_eq!(back_in(20 * MINUTE + 1), Message::BackIn30Minutes);
        assert_eq!(back_in(HOUR), Message::BackInAnHour);
        assert_eq!(back_in(2 * HOUR), Message::BackIn2Hours);
        assert_eq!(back_in(5 * HOUR), Message::BackInHours);
        assert_eq!(back_in(20 * HOUR), Message::BackWithinADay);
        assert_eq!(back_in(3 * 24 * HOUR), Message::BackInDays);
        assert_eq!(back_in(30 * 24 * HOUR), Message::BackLater);
    }
}
