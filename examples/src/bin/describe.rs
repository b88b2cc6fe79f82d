//! Prints what the IDL front end makes of a file: every definition, every service method
//! with its wire-level argument and result structs.
//!
//! `cargo run -p examples --bin describe -- [FILE] [-I DIR]...` (default: the seed's MyService)

use std::process::ExitCode;
use thrift_codegen::ast::{Definition, Requiredness, Type, TypeKind};
use thrift_codegen::{FsLoader, Program, ResolveOptions, resolve};

// The IDL is checked when this example compiles, too: a mistake in it is a compile error.
thrift_runtime::thrift_include!("idl/myservice.thrift");

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut file = None;
    let mut options = ResolveOptions::default();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-I" => options.include_dirs.extend(args.next().map(Into::into)),
            _ => file = Some(arg),
        }
    }
    let file = file.unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/idl/myservice.thrift").to_string()
    });
    match resolve(&file, &options, &mut FsLoader::default()) {
        Ok(program) => {
            describe(&program);
            ExitCode::SUCCESS
        }
        Err(errors) => {
            eprint!("{errors}");
            ExitCode::FAILURE
        }
    }
}

fn describe(program: &Program) {
    for def in &program.root_file().document.definitions {
        match def {
            Definition::Struct(s) => {
                println!("{} {} {{", s.kind.keyword(), s.name.name);
                for f in &s.fields {
                    let req = match f.requiredness {
                        Requiredness::Required => "required ",
                        Requiredness::Optional => "optional ",
                        Requiredness::Default => "",
                    };
                    println!(
                        "  {}: {req}{} {}",
                        f.id,
                        type_name(program, &f.ty),
                        f.name.name
                    );
                }
                println!("}}");
            }
            Definition::Service(s) => {
                println!("service {} {{", s.name.name);
                for m in &s.functions {
                    let ret = m
                        .returns
                        .as_ref()
                        .map_or("void".to_string(), |t| type_name(program, t));
                    let args: Vec<String> = m
                        .args
                        .iter()
                        .map(|a| format!("{}: {} {}", a.id, type_name(program, &a.ty), a.name.name))
                        .collect();
                    println!("  {ret} {}({})", m.name.name, args.join(", "));
                    println!(
                        "    on the wire: call `{0}` with struct {0}_args, {1}",
                        m.name.name,
                        if m.oneway.is_some() {
                            "no reply (oneway)".to_string()
                        } else {
                            format!("reply {}_result", m.name.name)
                        }
                    );
                }
                println!("}}");
            }
            other => println!("{} {}", other.kind_name(), other.name().name),
        }
    }
}

/// The type as written, with typedefs shown as what they stand for.
fn type_name(program: &Program, ty: &Type) -> String {
    match &program.underlying(ty).kind {
        TypeKind::Base(b) => b.keyword().to_string(),
        TypeKind::Named(n) => n.name.name.clone(),
        TypeKind::List(t) => format!("list<{}>", type_name(program, t)),
        TypeKind::Set(t) => format!("set<{}>", type_name(program, t)),
        TypeKind::Map(k, v) => format!("map<{}, {}>", type_name(program, k), type_name(program, v)),
    }
}
