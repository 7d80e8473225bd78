//! A command's arguments, parsed by hand: `--name value`, `--name=value`, flags,
//! `--` before operands that start with a dash, and operands kept as the OS gave
//! them (file names need not be UTF-8).

use std::ffi::{OsStr, OsString};

use crate::Failure;

/// What one command accepts.
pub struct Spec {
    /// The command's name, for messages ("page"); empty for the lookup.
    pub command: &'static str,
    /// Options that stand alone (`--json`); `--help` is always one.
    pub flags: &'static [&'static str],
    /// Options that take a value (`--lang de`).
    pub valued: &'static [&'static str],
}

impl Spec {
    /// "page: " or "" (the lookup has no command name), to start messages with.
    pub fn prefix(&self) -> String {
        if self.command.is_empty() {
            String::new()
        } else {
            format!("{}: ", self.command)
        }
    }

    fn known(&self) -> String {
        let mut names: Vec<String> = self.valued.iter().map(|v| format!("{v} VALUE")).collect();
        names.extend(self.flags.iter().map(|f| f.to_string()));
        names.push("--help".to_string());
        names.join(", ")
    }
}

/// One command line, parsed.
pub struct Parsed {
    /// The arguments that are not options, in order.
    pub operands: Vec<OsString>,
    options: Vec<(&'static str, Option<OsString>)>,
    prefix: String,
}

impl Parsed {
    /// True when the flag was given.
    pub fn flag(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| *n == name)
    }

    /// The value of a valued option, as given.
    pub fn value(&self, name: &str) -> Option<&OsStr> {
        self.options
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    /// The value of a valued option as text: option values are names and tags,
    /// never file names.
    pub fn text(&self, name: &str) -> Result<Option<&str>, Failure> {
        match self.value(name) {
            None => Ok(None),
            Some(v) => v.to_str().map(Some).ok_or_else(|| {
                Failure::Usage(format!(
                    "{}{name} takes text, not '{}'",
                    self.prefix,
                    v.to_string_lossy()
                ))
            }),
        }
    }

    /// The operands as text (codes, names, cause tokens).
    pub fn text_operands(&self) -> Result<Vec<&str>, Failure> {
        self.operands
            .iter()
            .map(|o| {
                o.to_str().ok_or_else(|| {
                    Failure::Invalid(format!(
                        "{}'{}' is not UTF-8 text: no code, name or cause is",
                        self.prefix,
                        o.to_string_lossy()
                    ))
                })
            })
            .collect()
    }

    /// Fails unless the operands number between `least` and `most`; `what` names
    /// them for the message ("a status code").
    pub fn expect_operands(&self, least: usize, most: usize, what: &str) -> Result<(), Failure> {
        let given = self.operands.len();
        if given < least {
            return Err(Failure::Usage(format!("{}expected {what}", self.prefix)));
        }
        if given > most {
            let extra = self.operands[most].to_string_lossy();
            return Err(Failure::Usage(format!(
                "{}unexpected argument '{extra}': expected {what}",
                self.prefix
            )));
        }
        Ok(())
    }
}

/// Parses `args` (the words after the command's name) against `spec`.
pub fn parse(spec: &Spec, args: impl IntoIterator<Item = OsString>) -> Result<Parsed, Failure> {
    let prefix = spec.prefix();
    let mut parsed = Parsed {
        operands: Vec::new(),
        options: Vec::new(),
        prefix: prefix.clone(),
    };
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let Some(text) = arg.to_str().filter(|t| t.starts_with('-') && t.len() > 1) else {
            parsed.operands.push(arg);
            continue;
        };
        if text == "--" {
            parsed.operands.extend(args.by_ref());
            break;
        }
        let (name, inline) = match text.split_once('=') {
            Some((n, v)) => (n, Some(OsString::from(v))),
            None => (text, None),
        };
        if name == "-h" || name == "--help" {
            parsed.options.push(("--help", None));
            continue;
        }
        if let Some(&flag) = spec.flags.iter().find(|f| **f == name) {
            if inline.is_some() {
                return Err(Failure::Usage(format!("{prefix}{flag} takes no value")));
            }
            parsed.options.push((flag, None));
        } else if let Some(&option) = spec.valued.iter().find(|v| **v == name) {
            if parsed.value(option).is_some() {
                return Err(Failure::Usage(format!("{prefix}{option} is given twice")));
            }
            let value = match inline {
                Some(v) => v,
                None => args
                    .next()
                    .ok_or_else(|| Failure::Usage(format!("{prefix}{option} needs a value")))?,
            };
            parsed.options.push((option, Some(value)));
        } else {
            return Err(Failure::Usage(format!(
                "{prefix}unknown option '{name}' (known: {})",
                spec.known()
            )));
        }
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: Spec = Spec {
        command: "page",
        flags: &["--json"],
        valued: &["--lang"],
    };

    fn words(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    fn usage(result: Result<Parsed, Failure>) -> String {
        match result {
            Err(Failure::Usage(m)) => m,
            _ => panic!("expected a usage error"),
        }
    }

    #[test]
    fn options_in_both_spellings_and_operands_anywhere() {
        let p = parse(&SPEC, words(&["404", "--lang", "de", "--json", "x"])).unwrap();
        assert_eq!(p.operands, words(&["404", "x"]));
        assert_eq!(p.text("--lang").unwrap(), Some("de"));
        assert!(p.flag("--json") && !p.flag("--help"));
        let p = parse(&SPEC, words(&["--lang=fr", "-", "--", "--json"])).unwrap();
        assert_eq!(p.text("--lang").unwrap(), Some("fr"));
        assert_eq!(p.operands, words(&["-", "--json"]));
        assert!(!p.flag("--json"));
        assert!(parse(&SPEC, words(&["-h"])).unwrap().flag("--help"));
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(
            usage(parse(&SPEC, words(&["--nope"]))),
            "page: unknown option '--nope' (known: --lang VALUE, --json, --help)"
        );
        assert_eq!(
            usage(parse(&SPEC, words(&["--lang"]))),
            "page: --lang needs a value"
        );
        assert_eq!(
            usage(parse(&SPEC, words(&["--lang", "de", "--lang=fr"]))),
            "page: --lang is given twice"
        );
        assert_eq!(
            usage(parse(&SPEC, words(&["--json=yes"]))),
            "page: --json takes no value"
        );
        let p = parse(&SPEC, words(&["1", "2"])).unwrap();
        assert!(matches!(
            p.expect_operands(1, 1, "a status code"),
            Err(Failure::Usage(m)) if m == "page: unexpected argument '2': expected a status code"
        ));
    }
}
