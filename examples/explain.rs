//! Prints everything the registry knows about the codes given on the command line.
//! `cargo run --example explain -- 404 420 599`

use httpstatus::StatusCode;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() {
        eprintln!("usage: explain CODE|PHRASE ...");
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
        println!();
    }
}
