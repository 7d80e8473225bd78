//! `HttpStatusMaintenance`: whether a scope is in maintenance, what its flag file
//! says (a planned end and a message), and how a child keeps watching the file
//! with at most one look per second, whatever its number of threads.

use std::os::unix::fs::MetadataExt as _;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::{Arc, Mutex};

use crate::log_line::Line;
use crate::templates::read_bounded;
use crate::times::{http_date, parse_rfc3339};

/// The longest message a flag file may hold, in bytes.
pub const MAX_MESSAGE: usize = 1024;

/// What a flag file says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Notice {
    /// The planned end, in seconds since the epoch (the first line, when it is an
    /// RFC 3339 time).
    pub end: Option<i64>,
    /// The operator's message for visitors (the rest of the file); None for the
    /// built-in wording.
    pub message: Option<String>,
}

impl Notice {
    /// Seconds from `now` to the planned end, when there is one still ahead.
    pub fn seconds_left(&self, now: i64) -> Option<u64> {
        self.end
            .and_then(|end| u64::try_from(end - now).ok())
            .filter(|s| *s > 0)
    }
}

/// Reads a flag file's content. An error says what is wrong with it; the scope
/// is in maintenance all the same, with the built-in wording.
pub fn read_notice(bytes: &[u8]) -> Result<Notice, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".to_string())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(c) = text
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(format!(
            "it holds the control character U+{:04X}",
            u32::from(c)
        ));
    }
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let first = first.trim();
    let (end, message) = match parse_rfc3339(first) {
        Some(end) => (Some(end), rest),
        // A first line that starts like a date but is not one is a mistake to
        // report, not a message to show.
        None if looks_like_a_date(first) => {
            return Err(format!(
                "its first line '{}' is not an RFC 3339 time such as 2026-12-07T18:00:00Z",
                first.chars().take(40).collect::<String>()
            ));
        }
        None => (None, text),
    };
    let message = message.trim();
    if message.len() > MAX_MESSAGE {
        return Err(format!(
            "its message is {} bytes, more than {MAX_MESSAGE}",
            message.len()
        ));
    }
    let message = (!message.is_empty()).then(|| message.replace("\r\n", "\n"));
    Ok(Notice { end, message })
}

fn looks_like_a_date(line: &str) -> bool {
    let b = line.as_bytes();
    b.len() >= 5 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
}

/// Sections whose settings httpd has merged before it translates the URL to a
/// file (and walks the file system): `<Location>` sections and the start-up
/// conditionals, which are no sections at request time.
const MERGED_BEFORE_MAPPING: [&[u8]; 9] = [
    b"<Location",
    b"<LocationMatch",
    b"<VirtualHost",
    b"<IfModule",
    b"<IfDefine",
    b"<IfVersion",
    b"<IfFile",
    b"<IfDirective",
    b"<IfSection",
];

/// Can a maintenance directive standing inside `sections` (the names of the
/// enclosing section directives, innermost first) be obeyed before httpd maps the
/// URL to the file system? Outside `<Directory>`, `<Files>`, `<Proxy>` and `<If>`
/// it can, and a request refused then costs no walk of the file system.
pub fn decided_before_mapping<'a>(mut sections: impl Iterator<Item = &'a [u8]>) -> bool {
    sections.all(|name| {
        MERGED_BEFORE_MAPPING
            .iter()
            .any(|known| known.eq_ignore_ascii_case(name))
    })
}

/// What a look at the flag file found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Look {
    /// No file there.
    Absent,
    /// A file, identified by `stamp` (so an unchanged one is not read again).
    Present {
        /// Modification time (in nanoseconds), size and inode.
        stamp: (i64, u64, u64),
    },
}

/// Looks at `path` (a `stat`, nothing read).
pub fn look(path: &Path) -> Look {
    match std::fs::metadata(path) {
        Ok(meta) => Look::Present {
            stamp: (
                meta.mtime()
                    .saturating_mul(1_000_000_000)
                    .saturating_add(meta.mtime_nsec()),
                meta.size(),
                meta.ino(),
            ),
        },
        Err(_) => Look::Absent,
    }
}

/// Reads a flag file (see `templates::read_bounded`): `MAX_MESSAGE` bytes and
/// room for a first line with a time and the line ends; a longer file is
/// refused.
pub fn read_file(path: &Path) -> Result<Notice, String> {
    read_notice(&read_bounded(path, MAX_MESSAGE + 128)?)
}

/// A change a child saw in its flag file, to log once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// The file appeared (or was there at the child's first look).
    Started(Arc<Notice>),
    /// The file is gone.
    Ended,
    /// The file is there but could not be read or understood: maintenance with
    /// the built-in wording. Reported once per child.
    Unreadable(String),
}

/// How loud a change's line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Loudness {
    /// The maintenance started or ended.
    Notice,
    /// The flag file could not be used.
    Warning,
}

/// The line a child writes once for `change` of the flag file `flag`.
pub fn change_line(change: &Change, flag: &[u8]) -> (Loudness, Vec<u8>) {
    let mut line = Line::new(1024);
    line.word("cause", "maintenance");
    let loudness = match change {
        Change::Started(notice) => {
            line.word("state", "started");
            line.quoted("flag", Some(flag), 512, 64);
            if let Some(end) = notice.end {
                line.quoted("planned_end", Some(http_date(end).as_bytes()), 64, 0);
            }
            Loudness::Notice
        }
        Change::Ended => {
            line.word("state", "ended");
            line.quoted("flag", Some(flag), 512, 0);
            Loudness::Notice
        }
        Change::Unreadable(why) => {
            line.word("state", "unreadable");
            line.quoted_fields(&[
                ("flag", Some(flag), 512),
                ("problem", Some(why.as_bytes()), 200),
            ]);
            Loudness::Warning
        }
    };
    (loudness, line.finish())
}

#[derive(Debug, Default)]
struct Seen {
    stamp: Option<(i64, u64, u64)>,
    notice: Arc<Notice>,
    warned: bool,
}

/// One child's watch over one flag file. Requests ask [`in_maintenance`]
/// (two atomic loads while the answer is fresh); the first request in a new
/// second looks at the file again, and reads it only when it changed.
///
/// [`in_maintenance`]: FlagWatch::in_maintenance
#[derive(Debug, Default)]
pub struct FlagWatch {
    /// The second from which the next look is due.
    next_look: AtomicI64,
    present: AtomicBool,
    seen: Mutex<Seen>,
}

impl FlagWatch {
    /// A watch that looks at its first request.
    pub fn new() -> FlagWatch {
        FlagWatch::default()
    }

    /// The answer of the last look while it is fresh at `now` (two loads; what
    /// nearly every request gets).
    #[inline]
    pub fn fresh_answer(&self, now: i64) -> Option<bool> {
        (now < self.next_look.load(Ordering::Relaxed)).then(|| self.present.load(Ordering::Relaxed))
    }

    /// Is the scope in maintenance at `now` (seconds since the epoch)? `look`
    /// stats the file and `read` reads it; each runs at most once per second per
    /// watch (`read` only when the file changed). `report` gets each change, to
    /// log it.
    pub fn in_maintenance(
        &self,
        now: i64,
        look: impl FnOnce() -> Look,
        read: impl FnOnce() -> Result<Notice, String>,
        mut report: impl FnMut(Change),
    ) -> bool {
        let due = self.next_look.load(Ordering::Relaxed);
        if now < due
            || self
                .next_look
                .compare_exchange(due, now + 1, Ordering::Relaxed, Ordering::Relaxed)
                .is_err()
        {
            // Fresh, or another thread is looking right now.
            return self.present.load(Ordering::Relaxed);
        }
        let Ok(mut seen) = self.seen.lock() else {
            return self.present.load(Ordering::Relaxed);
        };
        // False before the first look, so a file there then has started.
        let was_present = self.present.load(Ordering::Relaxed);
        match look() {
            Look::Absent => {
                self.present.store(false, Ordering::Relaxed);
                seen.stamp = None;
                seen.warned = false;
                if was_present {
                    report(Change::Ended);
                }
                false
            }
            Look::Present { stamp } => {
                if seen.stamp != Some(stamp) {
                    seen.stamp = Some(stamp);
                    match read() {
                        Ok(notice) => seen.notice = Arc::new(notice),
                        Err(why) => {
                            seen.notice = Arc::new(Notice::default());
                            if !seen.warned {
                                seen.warned = true;
                                report(Change::Unreadable(why));
                            }
                        }
                    }
                }
                self.present.store(true, Ordering::Relaxed);
                if !was_present {
                    report(Change::Started(Arc::clone(&seen.notice)));
                }
                true
            }
        }
    }

    /// What the file says, as last read.
    pub fn notice(&self) -> Arc<Notice> {
        self.seen
            .lock()
            .map(|seen| Arc::clone(&seen.notice))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    #[test]
    fn a_first_line_with_a_time_is_the_end_and_the_rest_the_message() {
        let notice =
            read_notice(b"2026-12-07T18:00:00Z\nNew shop opens tonight.\r\nSee you!\n").unwrap();
        assert_eq!(notice.end, Some(1_796_666_400));
        assert_eq!(
            notice.message.as_deref(),
            Some("New shop opens tonight.\nSee you!")
        );
        assert_eq!(notice.seconds_left(1_796_666_400 - 90), Some(90));
        assert_eq!(notice.seconds_left(1_796_666_400), None);

        let whole = read_notice(b"Back after lunch.").unwrap();
        assert_eq!(
            whole,
            Notice {
                end: None,
                message: Some("Back after lunch.".into())
            }
        );
        assert_eq!(read_notice(b"").unwrap(), Notice::default());
        assert_eq!(read_notice(b"2026-12-07T18:00:00Z").unwrap().message, None);
    }

    #[test]
    fn what_cannot_be_shown_is_refused_with_a_reason() {
        assert!(
            read_notice(b"2026-12-07 18h\nhi")
                .unwrap_err()
                .contains("RFC 3339")
        );
        assert!(read_notice(b"\xff\xfe").unwrap_err().contains("UTF-8"));
        assert!(read_notice(b"a\x1b[31mred").unwrap_err().contains("U+001B"));
        let long = vec![b'x'; MAX_MESSAGE + 1];
        assert!(read_notice(&long).unwrap_err().contains("1025 bytes"));
        assert!(read_notice(&vec![b'x'; MAX_MESSAGE]).is_ok());
    }

    #[test]
    fn the_watch_looks_once_a_second_reads_on_change_and_reports_each_change_once() {
        let watch = FlagWatch::new();
        let looks = RefCell::new(0);
        let reads = RefCell::new(0);
        let changes = RefCell::new(Vec::new());
        let ask = |now: i64, file: Look| {
            watch.in_maintenance(
                now,
                || {
                    *looks.borrow_mut() += 1;
                    file
                },
                || {
                    *reads.borrow_mut() += 1;
                    read_notice(b"Soon back.")
                },
                |c| changes.borrow_mut().push(c),
            )
        };
        assert_eq!(watch.fresh_answer(100), None, "never looked");
        assert!(!ask(100, Look::Absent));
        assert_eq!(watch.fresh_answer(100), Some(false));
        assert_eq!(watch.fresh_answer(101), None, "due again");
        assert!(!ask(100, Look::Present { stamp: (1, 1, 1) }), "still fresh");
        assert_eq!(*looks.borrow(), 1);
        assert!(ask(101, Look::Present { stamp: (1, 1, 1) }));
        assert!(ask(102, Look::Present { stamp: (1, 1, 1) }));
        assert_eq!(
            (*looks.borrow(), *reads.borrow()),
            (3, 1),
            "unchanged: not read again"
        );
        assert_eq!(watch.notice().message.as_deref(), Some("Soon back."));
        assert!(ask(103, Look::Present { stamp: (2, 1, 1) }));
        assert_eq!(*reads.borrow(), 2);
        assert!(!ask(104, Look::Absent));
        let changes = changes.into_inner();
        assert_eq!(changes.len(), 2, "{changes:?}");
        assert!(matches!(changes[0], Change::Started(_)));
        assert_eq!(changes[1], Change::Ended);
    }

    #[test]
    fn an_unreadable_file_still_means_maintenance_and_is_reported_once() {
        let watch = FlagWatch::new();
        let mut changes = Vec::new();
        for (now, stamp) in [(1, 1), (2, 2), (3, 3)] {
            assert!(watch.in_maintenance(
                now,
                || Look::Present {
                    stamp: (stamp, 0, 0)
                },
                || Err("it cannot be opened".into()),
                |c| changes.push(c),
            ));
        }
        assert_eq!(watch.notice().message, None);
        let unreadable = changes
            .iter()
            .filter(|c| matches!(c, Change::Unreadable(_)))
            .count();
        assert_eq!(unreadable, 1, "{changes:?}");
    }

    #[test]
    fn a_file_there_at_the_first_look_is_reported_as_started() {
        let watch = FlagWatch::new();
        let mut started = 0;
        watch.in_maintenance(
            5,
            || Look::Present { stamp: (0, 0, 0) },
            || Ok(Notice::default()),
            |c| started += usize::from(matches!(c, Change::Started(_))),
        );
        assert_eq!(started, 1);
    }

    #[test]
    fn only_location_sections_are_decided_before_mapping() {
        let early = |names: &[&str]| decided_before_mapping(names.iter().map(|n| n.as_bytes()));
        assert!(early(&[]), "server level");
        assert!(early(&["<location", "<VirtualHost"]));
        assert!(early(&["<LocationMatch", "<IfModule", "<VirtualHost"]));
        for late in [
            "<Directory",
            "<DirectoryMatch",
            "<Files",
            "<FilesMatch",
            "<Proxy",
            "<If",
            "<Else",
        ] {
            assert!(!early(&[late]), "{late}");
            assert!(!early(&["<Location", late]), "{late} around a Location");
        }
    }

    #[test]
    fn change_lines_are_facts_with_the_cause_token() {
        let started = Change::Started(Arc::new(Notice {
            end: Some(0),
            message: None,
        }));
        let (loudness, line) = change_line(&started, b"/srv/flag \"x\"");
        assert_eq!(loudness, Loudness::Notice);
        assert_eq!(
            String::from_utf8(line).unwrap(),
            "cause=maintenance state=started flag=\"/srv/flag %22x%22\" \
             planned_end=\"Thu, 01 Jan 1970 00:00:00 GMT\""
        );
        let (_, ended) = change_line(&Change::Ended, b"/f");
        assert_eq!(ended, b"cause=maintenance state=ended flag=\"/f\"");
        let (loudness, bad) =
            change_line(&Change::Unreadable("it is not UTF-8 text".into()), b"/f");
        assert_eq!(loudness, Loudness::Warning);
        assert!(bad.ends_with(b"problem=\"it is not UTF-8 text\""));
    }

    #[test]
    fn files_are_read_from_disk_bounded_and_never_from_a_fifo() {
        let dir = std::env::temp_dir().join(format!("httpstatus-flag-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let flag = dir.join("flag");
        assert_eq!(look(&flag), Look::Absent);
        std::fs::write(&flag, "2030-01-01T00:00:00Z\nUpgrading.\n").unwrap();
        assert!(matches!(look(&flag), Look::Present { .. }));
        assert_eq!(
            read_file(&flag).unwrap().message.as_deref(),
            Some("Upgrading.")
        );
        std::fs::write(&flag, vec![b'x'; 4096]).unwrap();
        assert!(
            read_file(&flag)
                .unwrap_err()
                .contains("more than the limit")
        );
        let fifo = dir.join("fifo");
        let _ = std::fs::remove_file(&fifo);
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        assert!(read_file(&fifo).unwrap_err().contains("not a regular file"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
