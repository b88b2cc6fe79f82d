//! `thrift-rs`: the command-line face of thrift-codegen.
//!
//! `thrift-rs check [-I DIR]... FILE...` parses and resolves each file with its includes,
//! prints every diagnostic, and exits 1 if there was any (0 otherwise, 2 on bad usage).
//! `thrift-rs gen [-I DIR]... FILE` prints the Rust that `thrift_include!` expands to.

use std::path::PathBuf;
use std::process::ExitCode;
use thrift_codegen::{FsLoader, GenOptions, ResolveOptions, generate, resolve};

const USAGE: &str = "usage: thrift-rs check [-I DIR]... FILE...
       thrift-rs gen [-I DIR]... FILE

check: parses and resolves each Thrift IDL file and everything it includes, and prints
       every error found as `path:line:col` with the line quoted. Exits 1 on any error.
gen:   prints the Rust code that thrift_include! generates for FILE, formatted.

  -I DIR   also search DIR for included files (after the including file's directory)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => check(&args[1..], false),
        Some("gen") => check(&args[1..], true),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn check(args: &[String], gen_code: bool) -> ExitCode {
    let mut options = ResolveOptions {
        display_base: std::env::current_dir().ok(),
        ..ResolveOptions::default()
    };
    let mut files = Vec::new();
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        if arg == "-I" {
            let Some(dir) = it.next() else {
                eprintln!("thrift-rs: -I needs a directory\n\n{USAGE}");
                return ExitCode::from(2);
            };
            options.include_dirs.push(PathBuf::from(dir));
        } else if let Some(dir) = arg.strip_prefix("-I") {
            options.include_dirs.push(PathBuf::from(dir));
        } else if arg.starts_with('-') && arg.len() > 1 {
            eprintln!("thrift-rs: unknown option `{arg}`\n\n{USAGE}");
            return ExitCode::from(2);
        } else {
            files.push(arg);
        }
    }
    if files.is_empty() || (gen_code && files.len() != 1) {
        eprintln!(
            "thrift-rs: {}\n\n{USAGE}",
            if gen_code {
                "gen takes one file"
            } else {
                "no files to check"
            }
        );
        return ExitCode::from(2);
    }
    let mut failed = 0;
    for file in &files {
        let mut loader = FsLoader::default();
        match resolve(file, &options, &mut loader) {
            Ok(program) if gen_code => {
                let (tokens, errors) = generate(&program, &GenOptions::default());
                if !errors.is_empty() {
                    for e in &errors {
                        eprint!("{}", e.render(&program.sources));
                    }
                    return ExitCode::FAILURE;
                }
                match thrift_codegen::expand::pretty(tokens) {
                    Ok(code) => print!("{code}"),
                    Err(e) => {
                        eprintln!("thrift-rs: internal error: {e}");
                        return ExitCode::FAILURE;
                    }
                }
            }
            Ok(program) => {
                let defs = program.root_file().document.definitions.len();
                let files = program.files.len();
                let plural = if files == 1 { "" } else { "s" };
                println!("{file}: ok ({defs} definitions, {files} file{plural} read)");
            }
            Err(errors) => {
                failed += 1;
                eprint!("{errors}");
                eprintln!(
                    "{file}: {} error{}",
                    errors.diagnostics.len(),
                    if errors.diagnostics.len() == 1 {
                        ""
                    } else {
                        "s"
                    }
                );
            }
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
