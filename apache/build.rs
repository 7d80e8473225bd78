//! Builds mod_httpstatus against the installed httpd: bindgen over the httpd and
//! APR headers (paths from apxs, never hard-coded), cc for the C shim.
//! `APXS=/path/to/apxs` selects another httpd.

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn fail(message: &str) -> ! {
    // cargo shows build-script panics with their message; make it actionable.
    panic!("\n\nmod_httpstatus: {message}\n\n");
}

fn apxs_query(apxs: &str, var: &str) -> String {
    let out = Command::new(apxs)
        .args(["-q", var])
        .output()
        .unwrap_or_else(|e| {
            fail(&format!(
                "cannot run `{apxs}` ({e}). Install httpd's development files \
                 (Debian/Ubuntu: apt-get install apache2-dev; RHEL/Fedora: dnf install httpd-devel) \
                 or point APXS at your apxs."
            ))
        });
    if !out.status.success() {
        fail(&format!(
            "`{apxs} -q {var}` failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn find_apxs() -> String {
    if let Ok(apxs) = env::var("APXS") {
        return apxs;
    }
    for candidate in ["apxs", "apxs2"] {
        if Command::new(candidate)
            .args(["-q", "INCLUDEDIR"])
            .output()
            .is_ok_and(|o| o.status.success())
        {
            return candidate.to_string();
        }
    }
    fail(
        "apxs not found. Install httpd's development files (Debian/Ubuntu: apt-get install \
         apache2-dev; RHEL/Fedora: dnf install httpd-devel), or set APXS=/path/to/apxs.",
    )
}

/// Include directories and defines httpd modules are compiled with.
fn compile_flags(apxs: &str) -> (Vec<String>, Vec<String>) {
    let mut includes = vec![
        apxs_query(apxs, "INCLUDEDIR"),
        apxs_query(apxs, "APR_INCLUDEDIR"),
    ];
    let apu = apxs_query(apxs, "APU_INCLUDEDIR");
    if !apu.is_empty() {
        includes.push(apu);
    }
    includes.retain(|d| !d.is_empty());
    includes.dedup();
    let defines = apxs_query(apxs, "EXTRA_CPPFLAGS")
        .split_whitespace()
        .filter(|f| f.starts_with("-D"))
        .map(str::to_string)
        .collect();
    (includes, defines)
}

fn main() {
    println!("cargo:rerun-if-env-changed=APXS");
    println!("cargo:rerun-if-changed=src/shim.c");
    println!("cargo:rerun-if-changed=src/shim.h");
    let apxs = find_apxs();
    let (includes, defines) = compile_flags(&apxs);
    let has = |file: &str| {
        includes
            .iter()
            .any(|d| PathBuf::from(d).join(file).exists())
    };
    if !has("httpd.h") || !has("apr.h") {
        fail(&format!(
            "httpd.h or apr.h not found in {includes:?} (from `{apxs} -q`). Install httpd's \
             development files (Debian/Ubuntu: apt-get install apache2-dev)."
        ));
    }

    // The `flags` member of the module struct exists from httpd 2.4.30 on.
    println!("cargo::rustc-check-cfg=cfg(httpd_module_flags)");
    let http_config = includes
        .iter()
        .map(|d| PathBuf::from(d).join("http_config.h"))
        .find(|p| p.exists())
        .and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default();
    if let Some(start) = http_config.find("struct module_struct {") {
        let body = &http_config[start..];
        let body = &body[..body.find("};").unwrap_or(body.len())];
        if body.contains("int flags;") {
            println!("cargo:rustc-cfg=httpd_module_flags");
        }
    }

    // The C shim: command table, bucket walking and logging macros.
    let mut shim = cc::Build::new();
    shim.file("src/shim.c").warnings(true).extra_warnings(true);
    for dir in &includes {
        shim.include(dir);
    }
    for d in &defines {
        let d = d.trim_start_matches("-D");
        match d.split_once('=') {
            Some((k, v)) => shim.define(k, v),
            None => shim.define(d, None),
        };
    }
    shim.compile("httpstatus_shim");

    // Bindings to the parts of the httpd and APR API the module uses.
    let mut clang_args: Vec<String> = includes.iter().map(|d| format!("-I{d}")).collect();
    clang_args.extend(defines.iter().cloned());
    let builder = bindgen::Builder::default()
        .header("src/shim.h")
        .clang_args(&clang_args)
        .allowlist_function("ap_.*|apr_.*|httpstatus_shim_.*")
        .allowlist_type("ap_directive_t|request_rec|server_rec|conn_rec|module_struct|module|command_rec|cmd_parms|ap_filter_t|ap_filter_rec_t|apr_bucket_brigade|ap_listen_rec|core_dir_config|core_request_config|httpstatus_.*")
        .allowlist_var("ap_conftree|ap_pglobal|ap_server_conf|ap_listeners|AP_STATUS_SHORT|APR_INCHILD|APR_INPARENT|MODULE_MAGIC_.*|AP_SQ_.*|AP_FTYPE_.*|APLOG_.*|OR_.*|RSRC_CONF|ACCESS_CONF|NOT_IN_HTACCESS|HTTP_.*|OK|DECLINED|DONE|M_GET|APR_HOOK_.*|APR_SUCCESS|APR_EGENERAL|APR_OS_START_ERROR|PROXYREQ_.*|AP_MODULE_FLAG_.*|AP_SERVER_BASEREVISION|APR_RFC822_DATE_LEN")
        .derive_default(true)
        .layout_tests(false)
        .generate_comments(false)
        .rust_edition(bindgen::RustEdition::Edition2024)
        .parse_callbacks(Box::new(bindgen::CargoCallbacks::new()));
    // bindgen panics when libclang is missing; turn that into an actionable error.
    let generated =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || builder.generate()));
    let bindings = match generated {
        Ok(Ok(b)) => b,
        Ok(Err(e)) => fail(&format!(
            "bindgen could not translate the httpd headers: {e}"
        )),
        Err(_) => fail(
            "bindgen needs libclang. Install it (Debian/Ubuntu: apt-get install libclang-dev; \
             RHEL/Fedora: dnf install clang-devel) or set LIBCLANG_PATH.",
        ),
    };
    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("bindings.rs");
    bindings
        .write_to_file(&out)
        .unwrap_or_else(|e| fail(&format!("writing bindings: {e}")));

    // httpd dlclose()s modules between configuration passes; a Rust cdylib cannot be
    // unloaded reliably, so make that deterministic: never unload.
    println!("cargo:rustc-cdylib-link-arg=-Wl,-z,nodelete");
}
