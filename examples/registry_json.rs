//! Prints the registry as JSON lines (code, reason, status_line, class, kind,
//! body_allowed): a machine-readable view for scripts and the live tests.

use httpstatus::StatusCode;
use httpstatus::render::{Escape, write_escaped};
use std::io::Write;

fn main() {
    let mut out = Vec::new();
    for c in StatusCode::all() {
        out.extend_from_slice(format!("{{\"code\":{},\"reason\":\"", c.as_u16()).as_bytes());
        write_escaped(&mut out, c.reason().as_bytes(), Escape::Json);
        out.extend_from_slice(b"\",\"status_line\":\"");
        write_escaped(&mut out, c.status_line().as_bytes(), Escape::Json);
        out.extend_from_slice(
            format!(
                "\",\"class\":\"{}\",\"kind\":\"{}\",\"body_allowed\":{}}}\n",
                c.class().pattern(),
                c.kind().name(),
                c.body_allowed()
            )
            .as_bytes(),
        );
    }
    std::io::stdout().write_all(&out).expect("stdout");
}
