//! The module's counters as text: the `httpstatus-metrics` handler's exposition
//! (Prometheus text format 0.0.4, or OpenMetrics 1.0 when the scraper asks for
//! it) and the lines it adds to mod_status's page (`?auto` and HTML).
//!
//! The module reads the shared segment into plain values (one `HostCounts` per
//! block, labelled with its virtual host) and asks here for the text; nothing
//! here knows about httpd.

use core::fmt::Write as _;
use std::borrow::Cow;

use httpstatus::StatusCode;
use httpstatus::render::decimal;

use crate::layout::{CODES, DOCUMENT_FORMATS};

/// The `format` label of each document counter, in the segment's order.
pub const DOCUMENT_FORMAT_NAMES: [&str; DOCUMENT_FORMATS] = ["html", "json", "text"];

/// The label of the counters that no configured virtual host owns: those of the
/// hosts a graceful restart added (they share one block) and those of hosts
/// configured no longer.
pub const OTHER_HOSTS: &[u8] = b"other";

/// The counters of one virtual host (or of several under one label).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostCounts {
    /// `name:port`, or `other`.
    pub vhost: Vec<u8>,
    /// Responses by final status, at `StatusCode::index()` (CODES entries).
    pub responses: Vec<u64>,
    /// Diagnostic lines left out by the limit, likewise.
    pub suppressed: Vec<u64>,
}

impl HostCounts {
    /// No counts yet, for `vhost`.
    pub fn new(vhost: &[u8]) -> HostCounts {
        HostCounts {
            vhost: vhost.to_vec(),
            responses: vec![0; CODES],
            suppressed: vec![0; CODES],
        }
    }
}

/// Hosts under the same label summed into one (first appearance keeps its
/// place): two blocks must never become two series with the same labels. Labels
/// are compared as the exposition writes them (UTF-8, invalid bytes replaced).
pub fn merge(hosts: Vec<HostCounts>) -> Vec<HostCounts> {
    let mut merged: Vec<HostCounts> = Vec::with_capacity(hosts.len());
    for mut host in hosts {
        if let Cow::Owned(text) = String::from_utf8_lossy(&host.vhost) {
            host.vhost = text.into_bytes();
        }
        match merged.iter_mut().find(|m| m.vhost == host.vhost) {
            Some(m) => {
                for (a, b) in m.responses.iter_mut().zip(&host.responses) {
                    *a = a.wrapping_add(*b);
                }
                for (a, b) in m.suppressed.iter_mut().zip(&host.suppressed) {
                    *a = a.wrapping_add(*b);
                }
            }
            None => merged.push(host),
        }
    }
    merged
}

/// The text format of the exposition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exposition {
    /// Prometheus text format 0.0.4.
    Prometheus,
    /// OpenMetrics 1.0.0 text.
    OpenMetrics,
}

impl Exposition {
    /// The response's Content-Type.
    pub const fn content_type(self) -> &'static core::ffi::CStr {
        match self {
            Exposition::Prometheus => c"text/plain; version=0.0.4; charset=utf-8",
            Exposition::OpenMetrics => {
                c"application/openmetrics-text; version=1.0.0; charset=utf-8"
            }
        }
    }
}

/// OpenMetrics when the request's `Accept` names `application/openmetrics-text`
/// with a q-value above 0 (as Prometheus asks); the Prometheus text otherwise.
pub fn negotiate(accept: Option<&[u8]>) -> Exposition {
    let wanted = accept.is_some_and(|accept| {
        accept.split(|&b| b == b',').any(|range| {
            let mut parts = range.split(|&b| b == b';');
            let media = trim(parts.next().unwrap_or_default());
            media.eq_ignore_ascii_case(b"application/openmetrics-text")
                && parts.all(|p| {
                    let p = trim(p);
                    let is_q = p.len() >= 2 && p[..2].eq_ignore_ascii_case(b"q=");
                    !is_q || !q_is_zero(trim(&p[2..]))
                })
        })
    });
    if wanted {
        Exposition::OpenMetrics
    } else {
        Exposition::Prometheus
    }
}

fn trim(s: &[u8]) -> &[u8] {
    s.trim_ascii()
}

/// Is a q-value zero ("0", "0.", "0.000")?
fn q_is_zero(q: &[u8]) -> bool {
    match q.split_first() {
        Some((b'0', rest)) => match rest.split_first() {
            None => true,
            Some((b'.', digits)) => digits.iter().all(|&d| d == b'0'),
            Some(_) => false,
        },
        _ => false,
    }
}

/// A label value: the bytes as UTF-8 (invalid sequences become U+FFFD), with
/// backslash, double quote and line feed escaped, as both formats require.
pub fn push_label_value(out: &mut String, value: &[u8]) {
    for c in String::from_utf8_lossy(value).chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
}

struct Family {
    /// The name without `_total`.
    base: &'static str,
    help: &'static str,
}

const RESPONSES: Family = Family {
    base: "httpstatus_responses",
    help: "Responses sent, by virtual host and final status code.",
};
const SUPPRESSED: Family = Family {
    base: "httpstatus_log_lines_suppressed",
    help: "Diagnostic error-log lines left out by HttpStatusLogLimit, by virtual host and status code.",
};
const DOCUMENTS: Family = Family {
    base: "httpstatus_documents",
    help: "Error documents written by mod_httpstatus, by format.",
};

fn header(out: &mut String, family: &Family, format: Exposition) {
    // Counters: Prometheus names the family as its samples (`_total`), OpenMetrics
    // without the suffix.
    match format {
        Exposition::Prometheus => {
            let _ = writeln!(out, "# HELP {}_total {}", family.base, family.help);
            let _ = writeln!(out, "# TYPE {}_total counter", family.base);
        }
        Exposition::OpenMetrics => {
            let _ = writeln!(out, "# TYPE {} counter", family.base);
            let _ = writeln!(out, "# HELP {} {}", family.base, family.help);
        }
    }
}

/// `n` in decimal (without the formatting machinery: a scrape writes hundreds).
fn push_u64(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    out.extend(decimal(n, &mut digits).iter().map(|&d| char::from(d)));
}

fn per_code(
    out: &mut String,
    family: &Family,
    hosts: &[HostCounts],
    pick: fn(&HostCounts) -> &[u64],
) {
    for host in hosts {
        // Everything before the code, escaped once per host.
        let mut prefix = String::new();
        for (index, &count) in pick(host).iter().enumerate().take(CODES) {
            if count == 0 {
                continue;
            }
            if prefix.is_empty() {
                prefix.push_str(family.base);
                prefix.push_str("_total{vhost=\"");
                push_label_value(&mut prefix, &host.vhost);
                prefix.push_str("\",code=\"");
            }
            out.push_str(&prefix);
            push_u64(out, index as u64 + 100);
            out.push_str("\"} ");
            push_u64(out, count);
            out.push('\n');
        }
    }
}

/// The exposition of the counters: every family with `# HELP` and `# TYPE`,
/// the per-code families with their non-zero series only. `hosts` must carry
/// distinct labels (see `merge`).
pub fn exposition(
    hosts: &[HostCounts],
    documents: [u64; DOCUMENT_FORMATS],
    format: Exposition,
) -> String {
    let mut out = String::with_capacity(256 + hosts.len() * 1024);
    header(&mut out, &RESPONSES, format);
    per_code(&mut out, &RESPONSES, hosts, |h| &h.responses);
    header(&mut out, &SUPPRESSED, format);
    per_code(&mut out, &SUPPRESSED, hosts, |h| &h.suppressed);
    header(&mut out, &DOCUMENTS, format);
    for (name, count) in DOCUMENT_FORMAT_NAMES.iter().zip(documents) {
        let _ = writeln!(out, "{}_total{{format=\"{name}\"}} {count}", DOCUMENTS.base);
    }
    if format == Exposition::OpenMetrics {
        out.push_str("# EOF\n");
    }
    out
}

/// The lines mod_status's `?auto` report gets: `HttpStatusResponses404: 56` for
/// every code with responses, summed over the hosts.
pub fn status_auto(hosts: &[HostCounts]) -> String {
    let mut out = String::new();
    for index in 0..CODES {
        let sum = hosts
            .iter()
            .map(|h| h.responses.get(index).copied().unwrap_or(0))
            .fold(0u64, u64::wrapping_add);
        if sum > 0 {
            let _ = writeln!(out, "HttpStatusResponses{}: {sum}", index + 100);
        }
    }
    out
}

/// Text for HTML: `&`, `<`, `>`, `"` and `'` as character references (invalid
/// UTF-8 as U+FFFD).
pub fn html_escape(value: &[u8]) -> Cow<'_, str> {
    let text = String::from_utf8_lossy(value);
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// mod_status's HTML page: a table of code, phrase and responses for each
/// virtual host with any.
pub fn status_html(hosts: &[HostCounts]) -> String {
    let mut out = String::from("<hr />\n<h2>mod_httpstatus: responses by status</h2>\n");
    let mut any = false;
    for host in hosts {
        if host.responses.iter().all(|&c| c == 0) {
            continue;
        }
        any = true;
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<table rules=\"all\" cellpadding=\"1%\">\n<tr><th>Code</th><th>Phrase</th><th>Responses</th></tr>",
            html_escape(&host.vhost)
        );
        for (index, &count) in host.responses.iter().enumerate().take(CODES) {
            if count == 0 {
                continue;
            }
            let phrase = StatusCode::from_int(index + 100).map_or("", |c| c.reason());
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{count}</td></tr>",
                index + 100,
                html_escape(phrase.as_bytes())
            );
        }
        out.push_str("</table>\n");
    }
    if !any {
        out.push_str("<p>No responses counted yet.</p>\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::{HashMap, HashSet};

    /// A sample as the checker read it: name, labels (unescaped), value.
    type Sample = (String, Vec<(String, String)>, u64);

    fn is_name(s: &str, colon: bool) -> bool {
        let mut chars = s.chars();
        let first_ok = |c: char| c.is_ascii_alphabetic() || c == '_' || (colon && c == ':');
        chars.next().is_some_and(first_ok)
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || (colon && c == ':'))
    }

    /// A strict reader of the text formats, written from their grammar: every
    /// line ends in LF; metadata names a family once and before its samples;
    /// samples of a family are together; label names are names, label values
    /// use only the three escapes; values are unsigned integers here; no series
    /// twice. OpenMetrics: counters' samples end in `_total` and the text ends
    /// with `# EOF`. Returns the samples.
    fn strict_parse(text: &str, format: Exposition) -> Result<Vec<Sample>, String> {
        let body = match format {
            Exposition::OpenMetrics => text.strip_suffix("# EOF\n").ok_or("no # EOF at the end")?,
            Exposition::Prometheus => text,
        };
        if !body.is_empty() && !body.ends_with('\n') {
            return Err("last line without LF".into());
        }
        let mut types: HashMap<String, String> = HashMap::new();
        let mut helped: HashSet<String> = HashSet::new();
        let mut finished: HashSet<String> = HashSet::new();
        let mut current: Option<String> = None;
        let mut seen: HashSet<(String, Vec<(String, String)>)> = HashSet::new();
        let mut samples = Vec::new();
        for line in body.lines() {
            if line.contains("# EOF") {
                return Err("# EOF before the end".into());
            }
            if let Some(meta) = line.strip_prefix("# ") {
                let (kind, rest) = meta.split_once(' ').ok_or("bare comment")?;
                let (name, value) = rest.split_once(' ').ok_or("metadata without a value")?;
                if !is_name(name, true) {
                    return Err(format!("bad family name {name:?}"));
                }
                if finished.contains(name)
                    || current.as_deref() == Some(name) && samples_of(&samples, name)
                {
                    return Err(format!("metadata of {name} after its samples"));
                }
                if let Some(previous) = current.replace(name.to_string()) {
                    if previous != name {
                        finished.insert(previous);
                    }
                }
                match kind {
                    "TYPE" => {
                        if ![
                            "counter",
                            "gauge",
                            "histogram",
                            "summary",
                            "untyped",
                            "unknown",
                        ]
                        .contains(&value)
                        {
                            return Err(format!("bad type {value}"));
                        }
                        if types.insert(name.to_string(), value.to_string()).is_some() {
                            return Err(format!("two TYPE lines for {name}"));
                        }
                    }
                    "HELP" => {
                        if !helped.insert(name.to_string()) {
                            return Err(format!("two HELP lines for {name}"));
                        }
                    }
                    _ => return Err(format!("unknown metadata {kind}")),
                }
                continue;
            }
            let (name, labels, value) = sample(line)?;
            let family = match format {
                Exposition::Prometheus => name.clone(),
                Exposition::OpenMetrics => {
                    let base = name
                        .strip_suffix("_total")
                        .ok_or("counter sample without _total")?;
                    base.to_string()
                }
            };
            if types.get(&family).map(String::as_str) != Some("counter") {
                return Err(format!("sample of {name} without a TYPE counter"));
            }
            if current.as_deref() != Some(family.as_str()) {
                return Err(format!("sample of {name} outside its family"));
            }
            if !seen.insert((name.clone(), labels.clone())) {
                return Err(format!("series {name} {labels:?} twice"));
            }
            samples.push((name, labels, value));
        }
        Ok(samples)
    }

    fn samples_of(samples: &[Sample], family: &str) -> bool {
        samples
            .iter()
            .any(|(n, _, _)| n == family || n.strip_suffix("_total") == Some(family))
    }

    fn sample(line: &str) -> Result<Sample, String> {
        let end = line.find(['{', ' ']).ok_or("sample without a value")?;
        let name = &line[..end];
        if !is_name(name, true) {
            return Err(format!("bad metric name {name:?}"));
        }
        let mut rest = &line[end..];
        let mut labels = Vec::new();
        if let Some(inner) = rest.strip_prefix('{') {
            let mut chars = inner.char_indices().peekable();
            loop {
                let start = chars.peek().ok_or("open label set")?.0;
                if inner[start..].starts_with('}') {
                    chars.next();
                    break;
                }
                let eq = inner[start..].find('=').ok_or("label without =")? + start;
                let label = &inner[start..eq];
                if !is_name(label, false) {
                    return Err(format!("bad label name {label:?}"));
                }
                while chars.peek().is_some_and(|&(i, _)| i <= eq) {
                    chars.next();
                }
                if chars.next().map(|(_, c)| c) != Some('"') {
                    return Err("label value without a quote".into());
                }
                let mut value = String::new();
                loop {
                    match chars.next().ok_or("unterminated label value")?.1 {
                        '"' => break,
                        '\n' => return Err("raw LF in a label value".into()),
                        '\\' => match chars.next().ok_or("escape at the end")?.1 {
                            '\\' => value.push('\\'),
                            '"' => value.push('"'),
                            'n' => value.push('\n'),
                            c => return Err(format!("unknown escape \\{c}")),
                        },
                        c => value.push(c),
                    }
                }
                labels.push((label.to_string(), value));
                match chars.next().ok_or("open label set")?.1 {
                    ',' => continue,
                    '}' => break,
                    c => return Err(format!("{c:?} after a label")),
                }
            }
            let consumed = chars.peek().map_or(inner.len(), |&(i, _)| i);
            rest = &inner[consumed..];
        }
        let value = rest.strip_prefix(' ').ok_or("no space before the value")?;
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("bad value {value:?}"));
        }
        let names: HashSet<&String> = labels.iter().map(|(n, _)| n).collect();
        if names.len() != labels.len() {
            return Err("a label twice".into());
        }
        Ok((
            name.to_string(),
            labels,
            value.parse().map_err(|_| "value too large")?,
        ))
    }

    fn host(vhost: &[u8], counts: &[(u16, u64)], suppressed: &[(u16, u64)]) -> HostCounts {
        let mut h = HostCounts::new(vhost);
        for &(code, n) in counts {
            h.responses[usize::from(code) - 100] = n;
        }
        for &(code, n) in suppressed {
            h.suppressed[usize::from(code) - 100] = n;
        }
        h
    }

    #[test]
    fn prometheus_text_has_every_family_and_only_non_zero_series() {
        let hosts = [host(b"a.test:80", &[(404, 56), (200, 3)], &[(404, 46)])];
        let text = exposition(&hosts, [1, 0, 2], Exposition::Prometheus);
        assert_eq!(
            text,
            "# HELP httpstatus_responses_total Responses sent, by virtual host and final status code.\n\
             # TYPE httpstatus_responses_total counter\n\
             httpstatus_responses_total{vhost=\"a.test:80\",code=\"200\"} 3\n\
             httpstatus_responses_total{vhost=\"a.test:80\",code=\"404\"} 56\n\
             # HELP httpstatus_log_lines_suppressed_total Diagnostic error-log lines left out by \
             HttpStatusLogLimit, by virtual host and status code.\n\
             # TYPE httpstatus_log_lines_suppressed_total counter\n\
             httpstatus_log_lines_suppressed_total{vhost=\"a.test:80\",code=\"404\"} 46\n\
             # HELP httpstatus_documents_total Error documents written by mod_httpstatus, by format.\n\
             # TYPE httpstatus_documents_total counter\n\
             httpstatus_documents_total{format=\"html\"} 1\n\
             httpstatus_documents_total{format=\"json\"} 0\n\
             httpstatus_documents_total{format=\"text\"} 2\n"
        );
        assert_eq!(
            strict_parse(&text, Exposition::Prometheus).unwrap().len(),
            6
        );
    }

    #[test]
    fn openmetrics_names_families_without_total_and_ends_with_eof() {
        let hosts = [host(b"b:8080", &[(599, 1)], &[])];
        let text = exposition(&hosts, [0; 3], Exposition::OpenMetrics);
        assert!(text.starts_with(
            "# TYPE httpstatus_responses counter\n# HELP httpstatus_responses Responses"
        ));
        assert!(text.contains("\nhttpstatus_responses_total{vhost=\"b:8080\",code=\"599\"} 1\n"));
        assert!(text.ends_with("httpstatus_documents_total{format=\"text\"} 0\n# EOF\n"));
        assert_eq!(
            strict_parse(&text, Exposition::OpenMetrics).unwrap().len(),
            4
        );
        assert!(strict_parse(&text, Exposition::Prometheus).is_err());
    }

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0, 7, 10, 404, 1_000_000, u64::MAX] {
            let mut out = String::new();
            push_u64(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn label_values_escape_backslash_quote_and_newline() {
        let mut out = String::new();
        push_label_value(&mut out, b"a\\b\"c\nd\xffe");
        assert_eq!(out, "a\\\\b\\\"c\\nd\u{fffd}e");
    }

    #[test]
    fn the_checker_refuses_what_the_formats_forbid() {
        let ok = "# TYPE x_total counter\nx_total{a=\"1\"} 2\n";
        assert!(strict_parse(ok, Exposition::Prometheus).is_ok());
        for bad in [
            "x_total 1\n",
            "# TYPE x_total counter\nx_total{a=\"\\t\"} 2\n",
            "# TYPE x_total counter\nx_total{a=\"1\"} 2\nx_total{a=\"1\"} 3\n",
            "# TYPE x_total counter\nx_total{a=\"1} 2\n",
            "# TYPE x_total counter\nx_total{1a=\"1\"} 2\n",
            "# TYPE x_total counter\nx_total{a=\"1\"} 2",
            "# TYPE x_total counter\n# TYPE y_total counter\nx_total 1\n",
        ] {
            assert!(
                strict_parse(bad, Exposition::Prometheus).is_err(),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn hosts_under_one_label_are_summed() {
        let merged = merge(vec![
            host(b"other", &[(404, 1)], &[]),
            host(b"a:80", &[(404, 2)], &[]),
            host(b"other", &[(404, 3), (500, 1)], &[(500, 1)]),
        ]);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].vhost, b"other");
        assert_eq!(merged[0].responses[304], 4);
        assert_eq!(merged[0].responses[400], 1);
        assert_eq!(merged[0].suppressed[400], 1);
        // Names that differ only in invalid UTF-8 read as one label.
        let merged = merge(vec![
            host(b"\xff:80", &[(200, 1)], &[]),
            host(b"\xfe:80", &[(200, 1)], &[]),
        ]);
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].responses[100], 2);
    }

    #[test]
    fn openmetrics_when_the_scraper_asks_for_it() {
        let prometheus =
            b"application/openmetrics-text;version=1.0.0,application/openmetrics-text;\
            version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";
        assert_eq!(negotiate(Some(prometheus)), Exposition::OpenMetrics);
        assert_eq!(
            negotiate(Some(b"Application/OpenMetrics-Text")),
            Exposition::OpenMetrics
        );
        assert_eq!(negotiate(Some(b"text/plain")), Exposition::Prometheus);
        assert_eq!(negotiate(None), Exposition::Prometheus);
        assert_eq!(
            negotiate(Some(b"application/openmetrics-text; q=0.0, text/plain")),
            Exposition::Prometheus
        );
        assert_eq!(
            negotiate(Some(b"application/openmetrics-text; q=0.01")),
            Exposition::OpenMetrics
        );
    }

    #[test]
    fn mod_status_lines_sum_over_hosts() {
        let hosts = [
            host(b"a:80", &[(404, 50), (200, 1)], &[]),
            host(b"b:80", &[(404, 6)], &[]),
        ];
        assert_eq!(
            status_auto(&hosts),
            "HttpStatusResponses200: 1\nHttpStatusResponses404: 56\n"
        );
        let html = status_html(&[host(b"<a&b>:80", &[(420, 2)], &[])]);
        assert!(html.contains("<h3>&lt;a&amp;b&gt;:80</h3>"));
        assert!(html.contains("<tr><td>420</td><td>Enhance Your Calm</td><td>2</td></tr>"));
        assert!(status_html(&[]).contains("No responses"));
    }

    proptest! {
        /// Any host names (any bytes) and counts: both formats read back by the
        /// strict reader, each non-zero counter as one series whose labels are
        /// the host name (as UTF-8) and the code.
        #[test]
        fn any_host_name_yields_a_valid_exposition(
            names in proptest::collection::vec(
                proptest::collection::vec(prop_oneof![any::<u8>(), Just(b'\\'), Just(b'"'), Just(b'\n'), Just(0xff)], 0..24),
                1..5,
            ),
            counts in proptest::collection::vec((0usize..CODES, 1u64..u64::MAX), 0..12),
            documents in any::<[u64; 3]>(),
        ) {
            let hosts: Vec<HostCounts> = names
                .iter()
                .enumerate()
                .map(|(i, n)| {
                    let mut h = HostCounts::new(n);
                    for &(code, count) in counts.iter().skip(i) {
                        h.responses[code] = count;
                        h.suppressed[(code + i) % CODES] = count;
                    }
                    h
                })
                .collect();
            let hosts = merge(hosts);
            for format in [Exposition::Prometheus, Exposition::OpenMetrics] {
                let text = exposition(&hosts, documents, format);
                let samples = strict_parse(&text, format).map_err(TestCaseError::fail)?;
                let expected: usize = hosts
                    .iter()
                    .map(|h| {
                        h.responses.iter().filter(|&&c| c > 0).count()
                            + h.suppressed.iter().filter(|&&c| c > 0).count()
                    })
                    .sum();
                prop_assert_eq!(samples.len(), expected + 3);
                for (name, labels, value) in &samples {
                    if name == "httpstatus_documents_total" {
                        continue;
                    }
                    let vhost = &labels[0].1;
                    let code: usize = labels[1].1.parse().unwrap();
                    let h = hosts
                        .iter()
                        .find(|h| String::from_utf8_lossy(&h.vhost) == *vhost)
                        .ok_or_else(|| TestCaseError::fail("a label no host has"))?;
                    let column = if name == "httpstatus_responses_total" { &h.responses } else { &h.suppressed };
                    prop_assert_eq!(column[code - 100], *value);
                }
            }
        }
    }
}
