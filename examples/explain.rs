//! Prints everything the registry knows about the codes given on the command line.
//! `cargo run --example explain -- 404 420 599`; `--lang de` (or `--lang all`)
//! adds the translations.

use httpstatus::StatusCode;
use httpstatus::lang::Language;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut languages = Vec::new();
    while let Some(at) = args.iter().position(|a| a == "--lang") {
        let Some(tag) = args.get(at + 1).cloned() else {
            eprintln!("--lang needs a language tag or 'all'");
            std::process::exit(2);
        };
        args.drain(at..at + 2);
        if tag == "all" {
            languages.extend(Language::all().skip(1));
        } else if let Some(language) = Language::from_tag(&tag) {
            languages.push(language);
        } else {
            let known: Vec<_> = Language::all().map(Language::tag).collect();
            eprintln!(
                "{tag}: not a language of the catalogues ({})",
                known.join(" ")
            );
            std::process::exit(2);
        }
    }
    if args.is_empty() {
        eprintln!("usage: explain [--lang TAG|all] CODE|PHRASE ...");
        std::process::exit(2);
    }
    for arg in args {
        let code = arg
            .parse::<u16>()
            .ok()
            .and_then(StatusCode::new)
            .or_else(|| StatusCode::from_reason(&arg));
        let Some(code) = code else {
            eprintln!("{arg}: not a status code in 100..599 nor a known phrase");
            std::process::exit(1);
        };
        println!("{}", code.status_line());
        println!(
            "  class:       {} ({})",
            code.class().name(),
            code.class().pattern()
        );
        println!("  kind:        {}", code.kind().name());
        if let Some(r) = code.reference() {
            println!("  defined in:  {} <{}>", r.citation, r.url);
        }
        if let Some(o) = code.origin() {
            println!("  origin:      {o}");
        }
        for a in code.aliases() {
            println!("  also known:  \"{}\" ({})", a.phrase, a.origin);
        }
        println!("  summary:     {}", code.summary());
        println!("  description: {}", code.description());
        let headers: Vec<_> = code.required_headers().iter().map(|h| h.name()).collect();
        if !headers.is_empty() {
            println!("  requires:    {}", headers.join(", "));
        }
        println!(
            "  body:        {}",
            if code.body_allowed() {
                "allowed"
            } else {
                "never"
            }
        );
        println!("  apache:      {}", code.apache().sources);
        println!("  check:       {}", code.apache().hint);
        for language in &languages {
            let dir = if language.is_right_to_left() {
                ", right to left"
            } else {
                ""
            };
            println!("  [{language}{dir}]");
            println!("    title:       {}", language.title(code));
            println!("    summary:     {}", language.summary(code));
            println!("    description: {}", language.description(code));
        }
        println!();
    }
}
