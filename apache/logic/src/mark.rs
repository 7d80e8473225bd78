//! What the module saw and did for a request, kept with the request (never in its
//! notes, which users see) so later hooks know it. A mark is one byte, so the
//! hooks that run for every request write it with a load and a store.

use httpstatus::Format;

use crate::causes::Phase;

/// How far the module saw the request get. Only the handler phase is marked (the
/// module's handler hook runs for every request anyway); the earlier phases are
/// told apart by what each fills in (see [`Mark::phase`]), since a hook of its own
/// for each would cost every request, errors or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Reached {
    /// The handler phase has not started.
    Nothing = 0,
    /// Its handler phase started.
    Handler = 1,
}

/// What the module did about the response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Nothing yet.
    None,
    /// httpd's error path answered through this request, whoever writes the page;
    /// `sent` is the format of the module's document once it went out.
    Answered {
        /// The module's document, once sent.
        sent: Option<Format>,
    },
    /// The module's document follows in place of httpd's canned page; `head` keeps
    /// whether the request is a HEAD, hidden from httpd meanwhile.
    Pending {
        /// The request is a HEAD.
        head: bool,
    },
    /// The `httpstatus` handler sent its document in this format (about another
    /// request's error).
    Sent(Format),
}

impl Answer {
    /// Every answer, at its code.
    const ALL: [Answer; 10] = [
        Answer::None,
        Answer::Answered { sent: None },
        Answer::Answered {
            sent: Some(Format::Html),
        },
        Answer::Answered {
            sent: Some(Format::Json),
        },
        Answer::Answered {
            sent: Some(Format::Text),
        },
        Answer::Pending { head: false },
        Answer::Pending { head: true },
        Answer::Sent(Format::Html),
        Answer::Sent(Format::Json),
        Answer::Sent(Format::Text),
    ];

    const fn format_code(format: Format) -> u8 {
        match format {
            Format::Html => 0,
            Format::Json => 1,
            Format::Text => 2,
        }
    }

    const fn code(self) -> u8 {
        match self {
            Answer::None => 0,
            Answer::Answered { sent: None } => 1,
            Answer::Answered { sent: Some(f) } => 2 + Answer::format_code(f),
            Answer::Pending { head: false } => 5,
            Answer::Pending { head: true } => 6,
            Answer::Sent(f) => 7 + Answer::format_code(f),
        }
    }

    /// Did httpd's error path produce the response (the module's document or not)?
    pub const fn by_error_path(self) -> bool {
        matches!(self, Answer::Answered { .. } | Answer::Pending { .. })
    }

    /// The format of the document the module sent, if it sent one.
    pub const fn sent(self) -> Option<Format> {
        match self {
            Answer::Sent(format) | Answer::Answered { sent: Some(format) } => Some(format),
            _ => None,
        }
    }

    /// What this answer becomes once the module's document went out in `format`.
    pub const fn document_sent(self, format: Format) -> Answer {
        if self.by_error_path() {
            Answer::Answered { sent: Some(format) }
        } else {
            Answer::Sent(format)
        }
    }
}

/// The module's mark on a request: how far it got (bit 0), what was answered
/// (bits 1-4), whether a status line was set when httpd's error path took
/// over (bit 5) and whether the module answered it for maintenance (bit 6). Zero is no mark, so an empty slot reads as [`Mark::NONE`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark(u8);

const REACHED_BITS: u8 = 0b1;
const ANSWER_SHIFT: u8 = 1;
const ANSWER_BITS: u8 = 0b1111 << ANSWER_SHIFT;
const LINE_SET_BIT: u8 = 1 << 5;
const MAINTENANCE_BIT: u8 = 1 << 6;

impl Mark {
    /// No mark: what a request without one has.
    pub const NONE: Mark = Mark(0);

    /// The mark kept as this byte (see [`bits`](Self::bits)); a byte no mark
    /// writes reads as its valid parts.
    pub const fn from_bits(bits: u8) -> Mark {
        let answer = (bits & ANSWER_BITS) >> ANSWER_SHIFT;
        let answer = if (answer as usize) < Answer::ALL.len() {
            answer
        } else {
            0
        };
        Mark((bits & (REACHED_BITS | LINE_SET_BIT | MAINTENANCE_BIT)) | (answer << ANSWER_SHIFT))
    }

    /// The byte to keep.
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// How far the module saw the request get.
    pub const fn reached(self) -> Reached {
        match self.0 & REACHED_BITS {
            0 => Reached::Nothing,
            _ => Reached::Handler,
        }
    }

    /// What the module did about the response.
    pub const fn answer(self) -> Answer {
        Answer::ALL[((self.0 & ANSWER_BITS) >> ANSWER_SHIFT) as usize]
    }

    /// When httpd's error path took over, a status line of the handler's or back
    /// end's own was set (a proxied back end's error under `ProxyErrorOverride`).
    pub const fn line_was_set(self) -> bool {
        self.0 & LINE_SET_BIT != 0
    }

    /// The module refused the request because its scope is in maintenance.
    pub const fn maintenance(self) -> bool {
        self.0 & MAINTENANCE_BIT != 0
    }

    /// The same mark, saying the request met maintenance.
    pub const fn in_maintenance(self) -> Mark {
        Mark(self.0 | MAINTENANCE_BIT)
    }

    /// The same mark with `answer`.
    pub const fn answered(self, answer: Answer) -> Mark {
        Mark((self.0 & !ANSWER_BITS) | (answer.code() << ANSWER_SHIFT))
    }

    /// The same mark, having reached `reached`.
    pub const fn reaching(self, reached: Reached) -> Mark {
        Mark::reaching_in(self.0, reached)
    }

    /// [`reaching`](Self::reaching) on a kept byte as it is, without reading
    /// it as a mark first: every request's handler phase sets it, and the rest
    /// of the byte is checked whenever it is read (see [`from_bits`](Self::from_bits)).
    pub const fn reaching_in(bits: u8, reached: Reached) -> Mark {
        Mark((bits & !REACHED_BITS) | reached as u8)
    }

    /// The same mark, saying whether a status line was set when httpd's error path
    /// took over.
    pub const fn with_line_set(self, line_was_set: bool) -> Mark {
        if line_was_set {
            Mark(self.0 | LINE_SET_BIT)
        } else {
            Mark(self.0 & !LINE_SET_BIT)
        }
    }

    /// The phase a request was in when its status was set: the handler phase
    /// from the mark, the others from what each fills in. `read`: the request's
    /// line and headers were read (httpd adds its HTTP input filter then; an
    /// internal redirect was read with the request it came from). `mapped`: httpd
    /// settled the file name (its default translation and its directory walk
    /// record it).
    pub const fn phase(self, read: bool, mapped: bool) -> Phase {
        match self.reached() {
            Reached::Handler => Phase::Handler,
            Reached::Nothing if !read => Phase::Reading,
            Reached::Nothing if !mapped => Phase::Translation,
            Reached::Nothing => Phase::Access,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REACHED: [Reached; 2] = [Reached::Nothing, Reached::Handler];

    #[test]
    fn every_combination_round_trips_through_its_byte() {
        for reached in REACHED {
            for answer in Answer::ALL {
                for (line, maintenance) in
                    [(false, false), (true, false), (false, true), (true, true)]
                {
                    let mut m = Mark::NONE
                        .reaching(reached)
                        .answered(answer)
                        .with_line_set(line);
                    if maintenance {
                        m = m.in_maintenance();
                    }
                    let back = Mark::from_bits(m.bits());
                    assert_eq!(back, m);
                    assert_eq!(
                        (
                            back.reached(),
                            back.answer(),
                            back.line_was_set(),
                            back.maintenance()
                        ),
                        (reached, answer, line, maintenance)
                    );
                }
            }
        }
        assert_eq!(Mark::from_bits(0), Mark::NONE);
        assert_eq!(Mark::NONE.answer(), Answer::None);
        // Any byte reads as a valid mark.
        for bits in 0..=u8::MAX {
            let m = Mark::from_bits(bits);
            assert_eq!(Mark::from_bits(m.bits()), m);
        }
    }

    #[test]
    fn reaching_a_kept_byte_changes_the_reach_alone() {
        for bits in 0..=u8::MAX {
            let reached = Mark::reaching_in(bits, Reached::Handler);
            assert_eq!(reached.reached(), Reached::Handler);
            assert_eq!(
                Mark::from_bits(reached.bits()),
                Mark::from_bits(bits).reaching(Reached::Handler)
            );
        }
    }

    #[test]
    fn reaching_keeps_the_answer_and_answering_keeps_the_reach() {
        let m = Mark::NONE
            .answered(Answer::Pending { head: true })
            .with_line_set(true);
        let handled = m.reaching(Reached::Handler);
        assert_eq!(handled.answer(), Answer::Pending { head: true });
        assert!(handled.line_was_set());
        let answered = handled.answered(Answer::Answered { sent: None });
        assert_eq!(answered.reached(), Reached::Handler);
        assert!(!m.with_line_set(false).line_was_set());
    }

    #[test]
    fn answers() {
        assert_eq!(Answer::Sent(Format::Json).sent(), Some(Format::Json));
        assert_eq!(Answer::Answered { sent: None }.sent(), None);
        assert!(Answer::Answered { sent: None }.by_error_path());
        assert!(Answer::Pending { head: false }.by_error_path());
        assert!(!Answer::Sent(Format::Html).by_error_path());
        assert!(!Answer::None.by_error_path());
        // A document sent for httpd's error path stays an error-path answer.
        let sent = Answer::Pending { head: false }.document_sent(Format::Text);
        assert_eq!(
            sent,
            Answer::Answered {
                sent: Some(Format::Text)
            }
        );
        assert!(sent.by_error_path());
        assert_eq!(
            Answer::None.document_sent(Format::Json),
            Answer::Sent(Format::Json)
        );
        for (i, a) in Answer::ALL.iter().enumerate() {
            assert_eq!(usize::from(a.code()), i);
        }
    }

    #[test]
    fn phases_from_what_the_request_holds() {
        let none = Mark::NONE;
        assert_eq!(none.phase(false, false), Phase::Reading);
        assert_eq!(none.phase(true, false), Phase::Translation);
        assert_eq!(none.phase(true, true), Phase::Access);
        let handled = none.reaching(Reached::Handler);
        assert_eq!(handled.phase(true, true), Phase::Handler);
        assert_eq!(handled.phase(false, false), Phase::Handler);
    }
}
