//! `httpstatus`: the library's registry, mod_httpstatus's diagnostics and its
//! error documents, from a shell. See `usage.rs` (and httpstatus(1)) for the
//! commands; arguments are parsed by hand in `args.rs`.

mod args;
mod explain;
mod list;
mod page;
mod show;
mod usage;

use std::ffi::OsString;
use std::io::{self, Write};
use std::process::ExitCode;

/// Why a command failed; each kind has its exit status.
#[derive(Debug)]
pub enum Failure {
    /// A code, name, cause or file was not found or is not valid: exit 1.
    Invalid(String),
    /// The command line itself is wrong: exit 2.
    Usage(String),
    /// Exit 1: the command already said on stderr what failed.
    Reported,
    /// Writing the answer failed.
    Output(io::Error),
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        Failure::Output(e)
    }
}

/// What every command writes its answer to.
pub type Out<'a> = &'a mut dyn Write;

/// Says on stderr what went wrong, after what stdout already holds, so that the
/// two keep their order on a terminal.
pub fn complain(out: Out<'_>, message: &str) -> io::Result<()> {
    out.flush()?;
    // Nothing better can be done when stderr itself is gone.
    let _ = writeln!(io::stderr(), "httpstatus: {message}");
    Ok(())
}

fn main() -> ExitCode {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = run(std::env::args_os().skip(1).collect(), &mut out);
    let result = result.and_then(|()| out.flush().map_err(Failure::Output));
    let code = match result {
        Ok(()) => 0,
        Err(Failure::Invalid(message)) => {
            let _ = complain(&mut out, &message);
            1
        }
        Err(Failure::Usage(message)) => {
            let _ = complain(&mut out, &message);
            // Messages about a command start with its name.
            let command = usage::COMMANDS
                .iter()
                .find(|c| message.starts_with(&format!("{c}: ")))
                .map_or(String::new(), |c| format!("{c} "));
            let _ = writeln!(io::stderr(), "Run 'httpstatus {command}--help' for usage.");
            2
        }
        Err(Failure::Reported) => 1,
        // A reader that stopped early (`httpstatus list | head`) is no failure.
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(Failure::Output(e)) => {
            let _ = writeln!(io::stderr(), "httpstatus: cannot write the answer: {e}");
            1
        }
    };
    ExitCode::from(code)
}

fn run(args: Vec<OsString>, out: Out<'_>) -> Result<(), Failure> {
    let mut words = args.into_iter();
    let Some(first) = words.next() else {
        return Err(Failure::Usage(
            "expected a status code or name, or a command: show, explain, page, \
             check-template, list, help"
                .to_string(),
        ));
    };
    let rest: Vec<OsString> = words.collect();
    match first.to_str().unwrap_or_default() {
        "-h" | "--help" => Ok(out.write_all(usage::MAIN.as_bytes())?),
        "-V" | "--version" => Ok(writeln!(out, "httpstatus {}", httpstatus::VERSION)?),
        "help" => help(rest, out),
        "show" => show::run(rest, out),
        "explain" => explain::run(rest, out),
        "page" => page::run(rest, out),
        "check-template" => page::check_templates(rest, out),
        "list" => list::run(rest, out),
        // Anything else is the lookup: `httpstatus 404`, `httpstatus teapot`.
        _ => show::run(std::iter::once(first).chain(rest).collect(), out),
    }
}

fn help(args: Vec<OsString>, out: Out<'_>) -> Result<(), Failure> {
    let spec = args::Spec {
        command: "help",
        flags: &[],
        valued: &[],
    };
    let parsed = args::parse(&spec, args)?;
    parsed.expect_operands(0, 1, "at most one command name")?;
    let text = match parsed.text_operands()?.first() {
        _ if parsed.flag("--help") => usage::HELP,
        None => usage::MAIN,
        Some(command) => usage::for_command(command).ok_or_else(|| {
            Failure::Usage(format!(
                "help: no command '{command}' (commands: {})",
                usage::COMMANDS.join(", ")
            ))
        })?,
    };
    Ok(out.write_all(text.as_bytes())?)
}
