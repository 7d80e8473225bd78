//! The `httpstatus` program as a user runs it: every command's output, exit
//! status (0 done, 1 not found or invalid, 2 usage) and help. Expected texts come
//! from the library and the module's table, so these tests check that the
//! program shows them, not a copy of them.

use std::path::PathBuf;
use std::process::Command;

use httpstatus::lang::Language;
use httpstatus::render::{MAX_TEMPLATE_BYTES, render_to_vec};
use httpstatus::{Context, Field, Format, Kind, StatusCode, Template};
use mod_httpstatus_logic::causes::Cause;

struct Run {
    status: i32,
    out: String,
    err: String,
}

fn httpstatus(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_httpstatus"))
        .args(args)
        .output()
        .expect("runs httpstatus");
    Run {
        status: output.status.code().expect("an exit status"),
        out: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        err: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

/// Runs and expects `status`; every message on stderr names the program.
fn expect(args: &[&str], status: i32) -> Run {
    let run = httpstatus(args);
    assert_eq!(
        run.status, status,
        "httpstatus {args:?}\nstdout: {}\nstderr: {}",
        run.out, run.err
    );
    if status != 0 {
        assert!(
            run.err.starts_with("httpstatus: "),
            "{args:?}: stderr {:?}",
            run.err
        );
    }
    run
}

fn code(n: u16) -> StatusCode {
    StatusCode::new(n).unwrap()
}

/// A file of this test's own under cargo's scratch directory.
fn scratch(name: &str, contents: &[u8]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

// The lookup.

#[test]
fn a_code_shows_everything_the_registry_knows() {
    let teapot = code(418);
    let run = expect(&["418"], 0);
    assert!(run.out.starts_with("418 I'm a teapot\n"), "{}", run.out);
    let reference = teapot.reference().unwrap();
    for wanted in [
        "4xx Client Error",
        teapot.kind().name(),
        teapot.summary().as_str(),
        teapot.description().as_str(),
        reference.citation.as_str(),
        reference.url.as_str(),
        "body allowed, error",
        teapot.apache().sources.as_str(),
        teapot.apache().hint.as_str(),
        "httpstatus explain 418",
    ] {
        assert!(run.out.contains(wanted), "{wanted:?} missing:\n{}", run.out);
    }
    for alias in teapot.aliases() {
        assert!(run.out.contains(alias.phrase.as_str()), "{}", alias.phrase);
    }
    // `show` says the same.
    assert_eq!(expect(&["show", "418"], 0).out, run.out);
}

#[test]
fn names_aliases_and_parts_of_names_find_their_code() {
    for (query, wanted) in [
        ("teapot", "418 I'm a teapot\n"),
        ("not found", "404 Not Found\n"),
        ("Payload Too Large", "413 Content Too Large\n"),
        ("calm", "420 Enhance Your Calm\n"),
    ] {
        let run = expect(&[query], 0);
        assert!(run.out.starts_with(wanted), "{query}: {}", run.out);
    }
    let calm = expect(&["420"], 0);
    let origin = code(420).origin().unwrap();
    assert!(calm.out.contains(origin.as_str()), "{}", calm.out);
    let obsolete = expect(&["306"], 0);
    assert!(obsolete.out.contains("obsolete"), "{}", obsolete.out);
    let required = expect(&["401"], 0);
    assert!(required.out.contains("requires:     WWW-Authenticate"));
}

#[test]
fn unknown_codes_and_names_exit_1() {
    let run = expect(&["600"], 1);
    assert!(run.err.contains("codes run from 100 to 599"), "{}", run.err);
    let run = expect(&["no such status"], 1);
    assert!(run.err.contains("no status code is named"), "{}", run.err);
    let run = expect(&["not"], 1);
    assert!(
        run.err.contains("404 Not Found") && run.err.contains("405 Method Not Allowed"),
        "{}",
        run.err
    );
    // The codes that are found are still shown.
    let run = expect(&["404", "600"], 1);
    assert!(run.out.starts_with("404 Not Found\n"), "{}", run.out);
}

#[test]
fn translations_on_request() {
    let german = Language::from_tag("de").unwrap();
    let run = expect(&["404", "--lang", "de"], 0);
    assert!(run.out.contains("  [de]\n"), "{}", run.out);
    assert!(run.out.contains(german.title(code(404)).as_str()));
    assert!(run.out.contains(german.description(code(404)).as_str()));
    let every = expect(&["404", "--lang", "all"], 0);
    assert_eq!(every.out.matches("    title:").count(), Language::COUNT - 1);
    assert!(every.out.contains("[ar, right to left]"), "{}", every.out);
    let run = expect(&["404", "--lang", "xx"], 2);
    assert!(run.err.contains("'xx' is not a language"), "{}", run.err);
    assert!(run.err.contains("pt-BR"), "{}", run.err);
}

// Usage, help and version.

#[test]
fn command_line_mistakes_exit_2_and_say_what_was_expected() {
    let run = expect(&[], 2);
    assert!(
        run.err.contains("expected a status code or name"),
        "{}",
        run.err
    );
    let run = expect(&["404", "--bogus"], 2);
    assert!(run.err.contains("unknown option '--bogus'"), "{}", run.err);
    let run = expect(&["page", "404", "--lang"], 2);
    assert!(run.err.contains("--lang needs a value"), "{}", run.err);
    assert!(run.err.contains("httpstatus page --help"), "{}", run.err);
    let run = expect(&["list", "--json=yes"], 2);
    assert!(run.err.contains("--json takes no value"), "{}", run.err);
}

#[test]
fn help_lists_every_command_and_each_command_has_its_own() {
    let main = expect(&["--help"], 0).out;
    assert_eq!(expect(&["-h"], 0).out, main);
    assert_eq!(expect(&["help"], 0).out, main);
    for command in ["explain", "page", "check-template", "list", "help"] {
        assert!(
            main.contains(&format!("httpstatus {command}")),
            "{command} not in the main help"
        );
    }
    assert!(main.contains("Exit status: 0"), "{main}");
    for command in ["show", "explain", "page", "check-template", "list", "help"] {
        let own = expect(&[command, "--help"], 0).out;
        assert!(own.starts_with("Usage: httpstatus "), "{command}: {own}");
        assert!(own.contains(command), "{command}: {own}");
        assert!(own.contains("Exit status: 0"), "{command}: {own}");
        assert_eq!(expect(&["help", command], 0).out, own, "{command}");
        assert_eq!(expect(&[command, "-h"], 0).out, own, "{command}");
    }
    let run = expect(&["help", "nope"], 2);
    assert!(run.err.contains("no command 'nope'"), "{}", run.err);
    let version = expect(&["--version"], 0).out;
    assert_eq!(version, format!("httpstatus {}\n", httpstatus::VERSION));
}

// explain.

#[test]
fn explain_lists_every_cause_with_its_meaning() {
    let run = expect(&["explain"], 0);
    let lines: Vec<&str> = run.out.lines().collect();
    assert_eq!(lines.len(), Cause::ALL.len(), "{}", run.out);
    for (line, cause) in lines.iter().zip(Cause::ALL) {
        assert!(line.starts_with(cause.token()), "{line}");
        assert!(line.ends_with(cause.meaning()), "{line}");
    }
}

#[test]
fn explain_a_cause_gives_the_tables_words() {
    for cause in Cause::ALL {
        let run = expect(&["explain", cause.token()], 0);
        assert!(
            run.out
                .starts_with(&format!("{}: {}\n", cause.token(), cause.meaning())),
            "{}",
            run.out
        );
        assert!(run.out.contains(cause.check()), "{}", run.out);
        assert!(run.out.contains(cause.directives()), "{}", run.out);
        assert!(run.out.contains("  level:"), "{}", run.out);
    }
    let run = expect(&["explain", "missing-file"], 0);
    assert!(run.out.contains("  statuses:    404\n"), "{}", run.out);
    assert!(run.out.contains("  level:       info\n"), "{}", run.out);
    let run = expect(&["explain", "application"], 0);
    assert!(
        run.out.contains("  level:       info (4xx), warn (5xx)\n"),
        "{}",
        run.out
    );
}

#[test]
fn explain_a_code_gives_its_hint_and_its_causes() {
    let run = expect(&["explain", "503"], 0);
    assert!(
        run.out.starts_with("503 Service Unavailable\n"),
        "{}",
        run.out
    );
    assert!(run.out.contains(code(503).apache().hint.as_str()));
    assert!(run.out.contains("backend-unreachable"), "{}", run.out);
    assert!(!run.out.contains("missing-file"), "{}", run.out);
    assert!(run.out.contains("maintenance"), "{}", run.out);
    // Each cause line carries the level the module writes it at.
    let unreachable = run
        .out
        .lines()
        .find(|l| l.trim_start().starts_with("backend-unreachable"))
        .unwrap();
    assert!(unreachable.contains(" error "), "{unreachable}");
    let run = expect(&["explain", "404"], 0);
    assert!(run.out.contains("missing-file"), "{}", run.out);
    assert!(!run.out.contains("backend-unreachable"), "{}", run.out);
    // A name works too.
    assert_eq!(expect(&["explain", "not found"], 0).out, run.out);
    let run = expect(&["explain", "200"], 0);
    assert!(run.out.contains("error responses (4xx and 5xx) only"));
}

#[test]
fn explain_refuses_what_is_neither_a_cause_nor_a_code() {
    let run = expect(&["explain", "nope"], 1);
    assert!(
        run.err.contains("neither a cause nor a status code"),
        "{}",
        run.err
    );
    expect(&["explain", "600"], 1);
    let run = expect(&["explain", "denied", "rule"], 2);
    assert!(
        run.err.contains("unexpected argument 'rule'"),
        "{}",
        run.err
    );
    expect(&["explain", "--markdown", "denied"], 2);
}

#[test]
fn explain_markdown_has_a_section_per_cause() {
    let run = expect(&["explain", "--markdown"], 0);
    for cause in Cause::ALL {
        assert!(
            run.out.contains(&format!("\n### {}\n", cause.token())),
            "{}",
            cause.token()
        );
    }
}

// page.

#[test]
fn page_writes_the_builtin_document_in_the_language_asked() {
    let german = Language::from_tag("de").unwrap();
    let run = expect(&["page", "404", "--lang", "de"], 0);
    assert!(run.out.starts_with("<!DOCTYPE html>"), "{}", run.out);
    assert!(run.out.contains("lang=\"de\""), "{}", run.out);
    assert!(run.out.contains(german.title(code(404)).as_str()));
    let (visitor, _) = german.visitor(code(404)).unwrap();
    assert!(run.out.contains(visitor.as_str()), "the visitor's words");
    assert!(
        !run.out.contains(german.summary(code(404)).as_str()),
        "no details by default"
    );
    let detailed = expect(&["page", "404", "--lang", "de", "--details"], 0);
    assert!(
        detailed.out.contains(german.summary(code(404)).as_str()),
        "--details"
    );
    let text = expect(&["page", "not found", "--format", "text"], 0);
    assert!(text.out.starts_with("404 Not Found\n"), "{}", text.out);
}

#[test]
fn page_is_the_librarys_document_with_the_modules_defaults() {
    let run = expect(
        &[
            "page",
            "404",
            "--lang",
            "de",
            "--format",
            "json",
            "--path",
            "/x?a=\"b\"",
            "--method",
            "POST",
        ],
        0,
    );
    let ctx = Context::new()
        .with_language(Language::from_tag("de").unwrap())
        .with(Field::Home, b"/")
        .with(Field::Path, b"/x?a=\"b\"")
        .with(Field::Method, b"POST");
    let library = render_to_vec(code(404), Format::Json, &ctx);
    assert_eq!(run.out.as_bytes(), library.as_slice());
    let doc = json(&run.out);
    assert_eq!(doc["status"], 404);
    assert_eq!(doc["title"], "Nicht gefunden");
    assert_eq!(doc["instance"], "/x?a=\"b\"");
    assert_eq!(doc["method"], "POST");
    // Details off, as the module's default: no long description.
    assert!(doc.get("description").is_none(), "{doc}");
}

#[test]
fn page_renders_a_template_as_the_module_would() {
    let template = scratch(
        "page.json",
        b"{\"status\": {{code}}, \"title\": \"{{reason}}\", \"path\": \"{{path}}\"}\n",
    );
    let file = template.to_str().unwrap();
    let run = expect(
        &["page", "418", "--template", file, "--path", "/tea\"pot"],
        0,
    );
    let doc = json(&run.out);
    assert_eq!(doc["status"], 418);
    assert_eq!(doc["title"], "I'm a teapot");
    assert_eq!(doc["path"], "/tea\"pot");
    // --format wins over the extension, as HttpStatusTemplate's third argument does.
    let text = scratch("page.tpl", b"{{status_line}} at {{path}}\n");
    let run = expect(
        &[
            "page",
            "503",
            "--template",
            text.to_str().unwrap(),
            "--format",
            "text",
            "--path",
            "/a",
        ],
        0,
    );
    assert_eq!(run.out, "503 Service Unavailable at /a\n");
}

#[test]
fn page_refuses_unknown_values_and_codes_without_documents() {
    let run = expect(&["page", "404", "--format", "xml"], 2);
    assert!(
        run.err.contains("html, json or text, not 'xml'"),
        "{}",
        run.err
    );
    expect(&["page", "404", "--lang", "xx"], 2);
    expect(&["page"], 2);
    expect(&["page", "404", "500"], 2);
    let run = expect(&["page", "600"], 1);
    assert!(run.err.contains("codes run from 100 to 599"), "{}", run.err);
    for no_body in ["100", "204", "205", "304"] {
        let run = expect(&["page", no_body], 1);
        assert!(run.err.contains("carry no document"), "{}", run.err);
    }
    let unknown_format = scratch("page-template", b"{{code}}");
    let run = expect(
        &[
            "page",
            "404",
            "--template",
            unknown_format.to_str().unwrap(),
        ],
        2,
    );
    assert!(run.err.contains("cannot tell the format"), "{}", run.err);
    let run = expect(&["page", "404", "--template", "/nonexistent/x.html"], 1);
    assert!(run.err.contains("cannot read it"), "{}", run.err);
    let bad = scratch("page-bad.html", b"<p>{{nope}}</p>");
    let run = expect(&["page", "404", "--template", bad.to_str().unwrap()], 1);
    assert!(
        run.err.contains("unknown placeholder `nope`"),
        "{}",
        run.err
    );
}

// check-template.

#[test]
fn check_template_says_ok_or_the_modules_error() {
    let good = scratch(
        "good.html",
        b"<h1 title=\"{{reason}}\">{{status_line}}</h1>\n",
    );
    let bad = scratch("bad.html", b"<p>\n  {{nope}}</p>\n");
    let (good, bad) = (good.to_str().unwrap(), bad.to_str().unwrap());
    let run = expect(&["check-template", good], 0);
    assert_eq!(run.out, format!("{good}: ok\n"));
    assert_eq!(run.err, "");
    let run = expect(&["check-template", good, bad], 1);
    assert_eq!(run.out, format!("{good}: ok\n"));
    let error = Template::compile(b"<p>\n  {{nope}}</p>\n", Format::Html).unwrap_err();
    assert_eq!(run.err, format!("httpstatus: {bad}: {error}\n"));
    assert!(
        run.err
            .contains("line 2, column 3: unknown placeholder `nope`")
    );
}

#[test]
fn check_template_takes_the_format_from_the_extension_or_the_option() {
    // A placeholder outside a JSON string is refused in JSON, fine in text.
    let source = b"{\"title\": {{reason}}}";
    let as_json = scratch("outside.json", source);
    let run = expect(&["check-template", as_json.to_str().unwrap()], 1);
    assert!(run.err.contains("where escaping cannot make a value safe"));
    expect(
        &[
            "check-template",
            "--format",
            "text",
            as_json.to_str().unwrap(),
        ],
        0,
    );
    let unknown = scratch("template.tpl", b"{{code}}");
    let run = expect(&["check-template", unknown.to_str().unwrap()], 1);
    assert!(run.err.contains("cannot tell the format"), "{}", run.err);
    expect(&["check-template", "--format", "yaml", "x.html"], 2);
}

#[test]
fn check_template_refuses_what_the_module_refuses() {
    let dir = scratch("placeholder.txt", b"")
        .parent()
        .unwrap()
        .join("a-directory.html");
    std::fs::create_dir_all(&dir).unwrap();
    let run = expect(&["check-template", dir.to_str().unwrap()], 1);
    assert!(run.err.contains("it is not a regular file"), "{}", run.err);
    let large = scratch("large.txt", &vec![b'x'; MAX_TEMPLATE_BYTES + 1]);
    let run = expect(&["check-template", large.to_str().unwrap()], 1);
    assert!(
        run.err
            .contains(&format!("more than the limit of {MAX_TEMPLATE_BYTES}")),
        "{}",
        run.err
    );
    let run = expect(&["check-template", "/nonexistent/x.html"], 1);
    assert!(run.err.contains("cannot read it"), "{}", run.err);
    let run = expect(&["check-template"], 2);
    assert!(run.err.contains("expected one or more template files"));
}

// list.

#[test]
fn list_shows_the_assigned_codes() {
    let run = expect(&["list"], 0);
    let lines: Vec<&str> = run.out.lines().collect();
    let assigned: Vec<&str> = StatusCode::assigned().map(|c| c.status_line()).collect();
    assert_eq!(lines, assigned);
    assert_eq!(lines[0], "100 Continue");
    let all = expect(&["list", "--all"], 0);
    assert_eq!(all.out.lines().count(), StatusCode::all().len());
}

#[test]
fn list_filters_by_class_and_kind() {
    let run = expect(&["list", "--class", "5xx"], 0);
    assert!(run.out.contains("503 Service Unavailable\n"), "{}", run.out);
    assert!(run.out.lines().all(|l| l.starts_with('5')), "{}", run.out);
    assert_eq!(expect(&["list", "--class=5XX"], 0).out, run.out);
    let run = expect(&["list", "--unofficial"], 0);
    let unofficial = StatusCode::assigned()
        .filter(|c| c.kind() == Kind::Unofficial)
        .count();
    assert_eq!(run.out.lines().count(), unofficial);
    assert!(run.out.contains("420 Enhance Your Calm\n"), "{}", run.out);
    let run = expect(&["list", "--class", "7xx"], 2);
    assert!(run.err.contains("1xx, 2xx, 3xx, 4xx or 5xx, not '7xx'"));
    expect(&["list", "404"], 2);
}

#[test]
fn list_json_is_an_array_of_codes() {
    let run = expect(&["list", "--json", "--class", "4xx"], 0);
    let doc = json(&run.out);
    let codes = doc.as_array().expect("an array");
    let expected: Vec<StatusCode> = StatusCode::assigned()
        .filter(|c| c.class() == httpstatus::Class::ClientError)
        .collect();
    assert_eq!(codes.len(), expected.len());
    for (object, code) in codes.iter().zip(&expected) {
        assert_eq!(object["code"], code.as_u16());
        assert_eq!(object["reason"], code.reason());
        assert_eq!(object["status_line"], code.status_line());
        assert_eq!(object["class"], "4xx");
        assert_eq!(object["kind"], code.kind().name());
        assert_eq!(object["body_allowed"], code.body_allowed());
    }
    let all = json(&expect(&["list", "--json", "--all"], 0).out);
    assert_eq!(all.as_array().unwrap().len(), StatusCode::all().len());
    let none = json(&expect(&["list", "--json", "--class", "1xx", "--unofficial"], 0).out);
    assert!(none.as_array().is_some());
}
