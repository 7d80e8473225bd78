//! `httpstatus page` and `httpstatus check-template`: the module's documents and
//! its templates, made and checked the way the module makes and checks them.

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use httpstatus::lang::Language;
use httpstatus::render::render_to_vec;
use httpstatus::{Context, Field, Format, Template};
use mod_httpstatus_logic::templates;

use crate::args::{self, Spec};
use crate::{Failure, Out, complain, show, usage};

const PAGE: Spec = Spec {
    command: "page",
    flags: &["--details"],
    valued: &["--lang", "--format", "--template", "--path", "--method"],
};

const CHECK: Spec = Spec {
    command: "check-template",
    flags: &[],
    valued: &["--format"],
};

/// The format `--format` names.
fn format_named(command: &str, name: &str) -> Result<Format, Failure> {
    Format::from_name(name).ok_or_else(|| {
        Failure::Usage(format!(
            "{command}: --format takes html, json or text, not '{name}'"
        ))
    })
}

/// What to say when neither `--format` nor the file's extension gives a format.
fn no_format(file: &Path) -> String {
    format!(
        "{}: cannot tell the format from the extension (.html, .htm, .json, .txt); \
         add --format html, json or text",
        file.display()
    )
}

pub fn run(args: Vec<OsString>, out: Out<'_>) -> Result<(), Failure> {
    let parsed = args::parse(&PAGE, args)?;
    if parsed.flag("--help") {
        return Ok(out.write_all(usage::PAGE.as_bytes())?);
    }
    parsed.expect_operands(1, 1, "one status code (a number or a name)")?;
    let format = match parsed.text("--format")? {
        Some(name) => Some(format_named("page", name)?),
        None => None,
    };
    let language = match parsed.text("--lang")? {
        Some(tag) => show::language(tag).map_err(|e| match e {
            Failure::Usage(why) => Failure::Usage(format!("page: {why}")),
            other => other,
        })?,
        None => Language::ENGLISH,
    };
    let query = parsed.text_operands()?[0];
    let code = show::find(query).map_err(|e| match e {
        Failure::Invalid(why) => Failure::Invalid(format!("page: {why}")),
        other => other,
    })?;
    if !code.body_allowed() {
        return Err(Failure::Invalid(format!(
            "page: {}: responses with this status carry no document, so the module sends none",
            code.status_line()
        )));
    }
    // The module's defaults: no technical details (HttpStatusDetails Off), a
    // home link to /.
    let mut ctx = Context::new()
        .with_details(parsed.flag("--details"))
        .with_language(language);
    ctx.set(Field::Home, Some(b"/"));
    ctx.set(Field::Path, parsed.value("--path").map(OsStr::as_bytes));
    ctx.set(Field::Method, parsed.value("--method").map(OsStr::as_bytes));
    let document = match parsed.value("--template") {
        None => render_to_vec(code, format.unwrap_or(Format::Html), &ctx),
        Some(file) => {
            let file = Path::new(file);
            if format.is_none() && Format::from_extension(&file.to_string_lossy()).is_none() {
                return Err(Failure::Usage(format!("page: {}", no_format(file))));
            }
            load(file, format)
                .map_err(Failure::Invalid)?
                .render_to_vec(code, &ctx)
        }
    };
    Ok(out.write_all(&document)?)
}

pub fn check_templates(args: Vec<OsString>, out: Out<'_>) -> Result<(), Failure> {
    let parsed = args::parse(&CHECK, args)?;
    if parsed.flag("--help") {
        return Ok(out.write_all(usage::CHECK_TEMPLATE.as_bytes())?);
    }
    parsed.expect_operands(1, usize::MAX, "one or more template files")?;
    let format = match parsed.text("--format")? {
        Some(name) => Some(format_named("check-template", name)?),
        None => None,
    };
    let mut failed = false;
    for file in &parsed.operands {
        let file = Path::new(file);
        match load(file, format) {
            Ok(_) => writeln!(out, "{}: ok", file.display())?,
            Err(why) => {
                complain(out, &why)?;
                failed = true;
            }
        }
    }
    if failed {
        Err(Failure::Reported)
    } else {
        Ok(())
    }
}

/// Reads and compiles a template, in `format` or else the one its extension
/// tells; the error is `FILE: why`, as the module words it for `apachectl -t`.
fn load(file: &Path, format: Option<Format>) -> Result<Template, String> {
    let shown = file.display();
    let source = templates::read_file(file).map_err(|why| format!("{shown}: {why}"))?;
    let format = format
        .or_else(|| Format::from_extension(&file.to_string_lossy()))
        .ok_or_else(|| no_format(file))?;
    Template::compile(&source, format).map_err(|e| format!("{shown}: {e}"))
}
