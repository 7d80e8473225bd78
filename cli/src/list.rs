//! `httpstatus list`: the codes, as lines or as a JSON array (escaped by the
//! library's JSON escaping); the live tests read the registry this way.

use std::ffi::OsString;

use httpstatus::render::{Escape, write_escaped};
use httpstatus::{Class, Kind, StatusCode};

use crate::args::{self, Spec};
use crate::{Failure, Out, usage};

const SPEC: Spec = Spec {
    command: "list",
    flags: &["--unofficial", "--all", "--json"],
    valued: &["--class"],
};

pub fn run(args: Vec<OsString>, out: Out<'_>) -> Result<(), Failure> {
    let parsed = args::parse(&SPEC, args)?;
    if parsed.flag("--help") {
        return Ok(out.write_all(usage::LIST.as_bytes())?);
    }
    parsed.expect_operands(0, 0, "no argument but options")?;
    let class = match parsed.text("--class")? {
        None => None,
        Some(name) => Some(
            Class::ALL
                .into_iter()
                .find(|c| c.pattern().eq_ignore_ascii_case(name))
                .ok_or_else(|| {
                    Failure::Usage(format!(
                        "list: --class takes 1xx, 2xx, 3xx, 4xx or 5xx, not '{name}'"
                    ))
                })?,
        ),
    };
    let unofficial = parsed.flag("--unofficial");
    let everything = parsed.flag("--all");
    let codes = StatusCode::all().filter(|c| {
        (everything || c.kind() != Kind::Unassigned)
            && class.is_none_or(|class| c.class() == class)
            && (!unofficial || c.kind() == Kind::Unofficial)
    });
    if parsed.flag("--json") {
        return Ok(out.write_all(&json(codes))?);
    }
    for code in codes {
        writeln!(out, "{}", code.status_line())?;
    }
    Ok(())
}

/// A JSON array, one code per line.
fn json(codes: impl Iterator<Item = StatusCode>) -> Vec<u8> {
    let mut out = b"[".to_vec();
    for (i, c) in codes.enumerate() {
        out.extend_from_slice(if i == 0 { b"\n  " } else { b",\n  " });
        out.extend_from_slice(format!("{{\"code\":{},\"reason\":\"", c.as_u16()).as_bytes());
        write_escaped(&mut out, c.reason().as_bytes(), Escape::Json);
        out.extend_from_slice(b"\",\"status_line\":\"");
        write_escaped(&mut out, c.status_line().as_bytes(), Escape::Json);
        out.extend_from_slice(
            format!(
                "\",\"class\":\"{}\",\"kind\":\"{}\",\"body_allowed\":{}}}",
                c.class().pattern(),
                c.kind().name(),
                c.body_allowed()
            )
            .as_bytes(),
        );
    }
    out.extend_from_slice(b"\n]\n");
    out
}
