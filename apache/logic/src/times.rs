//! The two ways a time is written in the module's inputs: RFC 3339 (a flag
//! file's planned end) and the HTTP-date of RFC 9110 (`HttpStatusRetryAfter`),
//! read into seconds since the Unix epoch, and the HTTP-date written back.

/// Days from 1970-01-01 to the given proleptic Gregorian date.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

/// Exactly `n` ASCII digits at the start of `s`, as a number, and the rest.
fn digits(s: &[u8], n: usize) -> Option<(u32, &[u8])> {
    let (head, rest) = (s.get(..n)?, &s[n..]);
    if !head.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let value = head.iter().fold(0u32, |v, b| v * 10 + u32::from(b - b'0'));
    Some((value, rest))
}

fn expect(s: &[u8], byte: u8) -> Option<&[u8]> {
    s.strip_prefix(&[byte])
}

/// Seconds since the epoch of a checked calendar date and time of day.
fn seconds(year: u32, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> Option<i64> {
    let year = i64::from(year);
    let valid = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        // A leap second is read as the second after it.
        && second <= 60;
    valid.then(|| {
        days_from_civil(year, month, day) * 86_400
            + i64::from(hour) * 3600
            + i64::from(minute) * 60
            + i64::from(second)
    })
}

/// An RFC 3339 date-time (`2026-12-07T18:00:00Z`, `2026-12-07 19:00:00+01:00`,
/// fractions of a second allowed and dropped) as seconds since the epoch.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let s = text.as_bytes();
    let (year, s) = digits(s, 4)?;
    let (month, s) = digits(expect(s, b'-')?, 2)?;
    let (day, s) = digits(expect(s, b'-')?, 2)?;
    let s = match s.first()? {
        b'T' | b't' | b' ' => &s[1..],
        _ => return None,
    };
    let (hour, s) = digits(s, 2)?;
    let (minute, s) = digits(expect(s, b':')?, 2)?;
    let (second, mut s) = digits(expect(s, b':')?, 2)?;
    if let Some(fraction) = s.strip_prefix(b".") {
        let len = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if len == 0 {
            return None;
        }
        s = &fraction[len..];
    }
    let offset = match s {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let (hours, rest) = digits(rest, 2)?;
            let (minutes, rest) = digits(expect(rest, b':')?, 2)?;
            if !rest.is_empty() || hours > 23 || minutes > 59 {
                return None;
            }
            let offset = i64::from(hours * 3600 + minutes * 60);
            if *sign == b'-' { -offset } else { offset }
        }
        _ => return None,
    };
    Some(seconds(year, month, day, hour, minute, second)? - offset)
}

const DAY_NAMES: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// An HTTP-date in its preferred form (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37
/// GMT`) as seconds since the epoch. The obsolete forms RFC 9110 asks
/// recipients to accept are not taken: this reads an administrator's setting,
/// which should be written the way it is sent.
pub fn parse_http_date(text: &str) -> Option<i64> {
    let s = text.as_bytes();
    let (day_name, s) = (s.get(..3)?, s.get(3..)?);
    let s = expect(expect(s, b',')?, b' ')?;
    let (day, s) = digits(s, 2)?;
    let s = expect(s, b' ')?;
    let month = MONTH_NAMES
        .iter()
        .position(|m| s.starts_with(m.as_bytes()))? as u32
        + 1;
    let (year, s) = digits(expect(&s[3..], b' ')?, 4)?;
    let (hour, s) = digits(expect(s, b' ')?, 2)?;
    let (minute, s) = digits(expect(s, b':')?, 2)?;
    let (second, s) = digits(expect(s, b':')?, 2)?;
    if s != b" GMT" {
        return None;
    }
    let at = seconds(year, month, day, hour, minute, second)?;
    // The day's name must be the date's.
    (DAY_NAMES[at.div_euclid(86_400).rem_euclid(7) as usize].as_bytes() == day_name).then_some(at)
}

/// `at` (seconds since the epoch) as an IMF-fixdate.
pub fn http_date(at: i64) -> String {
    let days = at.div_euclid(86_400);
    let in_day = at.rem_euclid(86_400);
    // Civil date from days (the inverse of days_from_civil).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
        DAY_NAMES[days.rem_euclid(7) as usize],
        day,
        MONTH_NAMES[(month - 1) as usize],
        year,
        in_day / 3600,
        in_day / 60 % 60,
        in_day % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_reads_zones_fractions_and_refuses_impossible_dates() {
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_rfc3339("2026-12-07T18:00:00Z"), Some(1_796_666_400));
        assert_eq!(
            parse_rfc3339("2026-12-07t19:00:00.250+01:00"),
            Some(1_796_666_400)
        );
        assert_eq!(
            parse_rfc3339("2026-12-07 13:00:00-05:00"),
            Some(1_796_666_400)
        );
        assert_eq!(parse_rfc3339("2024-02-29T00:00:00Z"), Some(1_709_164_800));
        for bad in [
            "2026-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-12-07T24:00:00Z",
            "2026-12-07T18:00:00",
            "2026-12-07T18:00Z",
            "2026-12-07",
            "2026-12-07T18:00:00.Z",
            "2026-12-07T18:00:00+0100",
            "tomorrow",
            "",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn http_dates_round_trip_and_the_day_name_must_match() {
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(http_date(784_111_777), "Sun, 06 Nov 1994 08:49:37 GMT");
        for at in [0, 951_782_400, 1_796_666_400, 4_102_444_799] {
            assert_eq!(parse_http_date(&http_date(at)), Some(at), "{at}");
        }
        assert_eq!(parse_http_date("Mon, 06 Nov 1994 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), None);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 UTC"), None);
        assert_eq!(parse_http_date("Sun, 31 Nov 1994 08:49:37 GMT"), None);
    }
}
