//! Library benchmarks, run on demand: `cargo bench --bench library`.
//! Reports nanoseconds per operation (median of several timed batches); asserts
//! nothing about speed. A small harness of our own keeps the dependency tree lean.

use httpstatus::lang::{Language, LanguageSet, negotiate_language};
use httpstatus::render::{BufferSink, negotiate, render};
use httpstatus::{Context, Field, Format, FormatSet, StatusCode, Template};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Times `op` in batches for about `budget` and returns the median ns per call.
fn measure(mut op: impl FnMut() -> usize) -> f64 {
    let budget = Duration::from_millis(
        std::env::var("BENCH_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(400),
    );
    // Calibrate a batch size that takes about 5 ms.
    let mut batch = 1u64;
    loop {
        let t = Instant::now();
        for _ in 0..batch {
            black_box(op());
        }
        if t.elapsed() > Duration::from_millis(5) || batch > 1 << 30 {
            break;
        }
        batch *= 2;
    }
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed() < budget || samples.len() < 5 {
        let t = Instant::now();
        for _ in 0..batch {
            black_box(op());
        }
        samples.push(t.elapsed().as_nanos() as f64 / batch as f64);
    }
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn report(name: &str, ns: f64) {
    println!("{name:<48} {ns:>10.1} ns");
}

fn main() {
    let filter = std::env::args().nth(1).filter(|a| !a.starts_with('-'));
    let want = |name: &str| filter.as_deref().is_none_or(|f| name.contains(f));
    let codes: Vec<StatusCode> = StatusCode::all().collect();
    let mut i = 0usize;
    let mut next_code = || {
        i = (i + 1) % codes.len();
        codes[i]
    };

    if want("lookup") {
        report(
            "lookup: reason (all codes, round robin)",
            measure(|| next_code().reason().len()),
        );
        report(
            "lookup: status_line",
            measure(|| next_code().status_line().len()),
        );
        report("lookup: class", measure(|| next_code().class() as usize));
        report(
            "lookup: from_reason(\"Not Found\")",
            measure(|| {
                StatusCode::from_reason(black_box("Not Found")).map_or(0, |c| c.as_u16() as usize)
            }),
        );
    }

    let ctx = Context::new()
        .with(Field::Method, b"GET")
        .with(Field::Path, b"/some/missing/page.html?q=1")
        .with(Field::RequestId, b"aGVsbG8td29ybGQ")
        .with(Field::Server, b"Apache");
    let mut buf = vec![0u8; 16 * 1024];
    let not_found = StatusCode::new(404).unwrap();
    for format in Format::ALL {
        let name = format!("render: built-in 404 {}", format.name());
        if want(&name) {
            report(
                &name,
                measure(|| {
                    let mut sink = BufferSink::new(&mut buf);
                    render(not_found, format, black_box(&ctx), &mut sink);
                    sink.needed()
                }),
            );
        }
    }
    let template = Template::compile(
        b"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{status_line}}</title></head>\
          <body><h1>{{code}} {{reason}}</h1><p>{{summary}}</p><p>{{method}} {{path}}</p>\
          <p>Request {{request_id}}</p></body></html>",
        Format::Html,
    )
    .unwrap();
    if want("render: template") {
        report(
            "render: template 404 html",
            measure(|| {
                let mut sink = BufferSink::new(&mut buf);
                template.render(not_found, black_box(&ctx), &mut sink);
                sink.needed()
            }),
        );
    }

    let browser =
        b"text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    let api = b"application/json";
    let huge: Vec<u8> = "x/y;q=0.1,".repeat(10_000).into_bytes();
    if want("negotiate") {
        report(
            "negotiate: browser Accept",
            measure(|| negotiate(Some(black_box(&browser[..])), FormatSet::ALL) as usize),
        );
        report(
            "negotiate: application/json",
            measure(|| negotiate(Some(black_box(&api[..])), FormatSet::ALL) as usize),
        );
        report(
            "negotiate: 10,000-element Accept",
            measure(|| negotiate(Some(black_box(&huge[..])), FormatSet::ALL) as usize),
        );
    }
    let browser_language = b"de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7";
    let huge_language: Vec<u8> = "xx-YY;q=0.1,".repeat(10_000).into_bytes();
    let pick = |header: &[u8]| {
        negotiate_language(Some(black_box(header)), LanguageSet::ALL, Language::ENGLISH).index()
    };
    if want("language") {
        report(
            "negotiate language: browser Accept-Language",
            measure(|| pick(&browser_language[..])),
        );
        report(
            "negotiate language: 10,000-element Accept-Language",
            measure(|| pick(&huge_language[..])),
        );
        // The shapes a hostile client would choose: refusals, which once cost a
        // comparison with every language each, and ranges with many subtags.
        let refusals = (0..780)
            .map(|i| format!("x{i:03};q=0"))
            .collect::<Vec<_>>()
            .join(",");
        let hostile = [
            ("780 refusals, then *", refusals + ",*;q=0.5"),
            (
                "(*;q=0,de;q=0,fr;q=0.001) x 300",
                "*;q=0,de;q=0,fr;q=0.001,".repeat(300),
            ),
            (
                "40 ranges of 35 bytes",
                ["zh-aaaaaaaa-bbbbbbbb-cccccccc-ddddd"; 40].join(","),
            ),
        ];
        for (shape, header) in &hostile {
            report(
                &format!("negotiate language: {shape}"),
                measure(|| pick(header.as_bytes())),
            );
        }
        let german = ctx.with_language(Language::from_tag("de").unwrap());
        report(
            "render: built-in 404 html, German",
            measure(|| {
                let mut sink = BufferSink::new(&mut buf);
                render(not_found, Format::Html, black_box(&german), &mut sink);
                sink.needed()
            }),
        );
    }
}
