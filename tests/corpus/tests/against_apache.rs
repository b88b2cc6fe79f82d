//! Our reading of each shared IDL file against Apache's own: Debian's `thrift` 0.17 compiler
//! with `--gen json` dumps what it parsed (field ids, implicit ones included; requiredness;
//! types through typedefs; enum values; services). Both must agree on every file.
//!
//! Apache 0.17 predates `uuid` and has dropped `senum`: files with `uuid` are compared as a
//! derived copy with `uuid` replaced by `string` (on both sides); the one `senum` file cannot
//! be read by 0.17 at all and is named below.

use std::path::{Path, PathBuf};
use std::process::Command;
use thrift_codegen::ast::{BaseType, Definition, Requiredness, StructKind, Type, TypeKind};
use thrift_codegen::{FsLoader, Program, ResolveOptions, resolve};
use thrift_corpus_tests::json::{self, Json};
use thrift_corpus_tests::{shared_idl, thrift_files};

/// Files Apache 0.17 rejects whatever we do, with why.
const APACHE_CANNOT_READ: &[(&str, &str)] = &[("SmallTest.thrift", "`senum` was removed in 0.17")];

fn apache_json(file: &Path, include_dirs: &[PathBuf], out: &Path) -> Result<Json, String> {
    std::fs::create_dir_all(out).unwrap();
    let mut cmd = Command::new("thrift");
    cmd.arg("--gen").arg("json").arg("-out").arg(out);
    for d in include_dirs {
        cmd.arg("-I").arg(d);
    }
    let output = cmd.arg(file).output().unwrap_or_else(|e| {
        panic!("cannot run Apache's `thrift` compiler ({e}): install Debian's thrift-compiler (scripts/test.sh does)")
    });
    if !output.status.success() {
        return Err(String::from_utf8_lossy(&output.stderr).into_owned());
    }
    let stem = file.file_stem().unwrap().to_string_lossy();
    let text = std::fs::read_to_string(out.join(format!("{stem}.json"))).unwrap();
    Ok(json::parse(&text))
}

/// Apache's `typeId` for a field type: typedefs followed, enums as i32.
fn type_id(program: &Program, ty: &Type) -> String {
    let ty = program.underlying(ty);
    match &ty.kind {
        TypeKind::Base(b) => match b {
            BaseType::Uuid => "uuid",
            other => other.keyword(),
        }
        .to_string(),
        TypeKind::List(_) => "list".into(),
        TypeKind::Set(_) => "set".into(),
        TypeKind::Map(..) => "map".into(),
        TypeKind::Named(n) => match n.target.map(|t| program.definition(t)) {
            Some(Definition::Enum(_)) => "i32".into(),
            Some(Definition::Senum(_)) => "string".into(),
            Some(Definition::Struct(s)) => s.kind.keyword().into(),
            other => panic!("unexpected type target {other:?}"),
        },
    }
}

fn requiredness(r: Requiredness) -> &'static str {
    match r {
        Requiredness::Required => "required",
        Requiredness::Optional => "optional",
        Requiredness::Default => "req_out",
    }
}

fn ours_fields(program: &Program, fields: &[thrift_codegen::ast::Field]) -> Vec<String> {
    fields
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}:{}",
                f.id,
                f.name.name,
                requiredness(f.requiredness),
                type_id(program, &f.ty)
            )
        })
        .collect()
}

fn theirs_fields(fields: &Json) -> Vec<String> {
    fields
        .items()
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{}:{}",
                f.get("key").int(),
                f.get("name").str(),
                f.get("required").str(),
                f.get("typeId").str()
            )
        })
        .collect()
}

/// Everything both sides can state about the root file, one line per fact.
fn ours(program: &Program) -> Vec<String> {
    let mut out = Vec::new();
    for def in &program.root_file().document.definitions {
        match def {
            Definition::Struct(s) => {
                let kind = match s.kind {
                    StructKind::Struct => "struct",
                    StructKind::Union => "union",
                    StructKind::Exception => "exception",
                };
                out.push(format!(
                    "{kind} {} {:?}",
                    s.name.name,
                    ours_fields(program, &s.fields)
                ));
            }
            Definition::Enum(e) => {
                let members: Vec<String> = e
                    .values
                    .iter()
                    .map(|v| format!("{}={}", v.name.name, v.value))
                    .collect();
                out.push(format!("enum {} {members:?}", e.name.name));
            }
            Definition::Typedef(t) => out.push(format!(
                "typedef {} {}",
                t.name.name,
                type_id(program, &t.ty)
            )),
            Definition::Const(c) => {
                out.push(format!("const {} {}", c.name.name, type_id(program, &c.ty)))
            }
            Definition::Service(s) => {
                let ext = s
                    .extends
                    .as_ref()
                    .map_or(String::new(), |e| e.name.name.clone());
                out.push(format!("service {} extends {ext:?}", s.name.name));
                for f in &s.functions {
                    let ret = f
                        .returns
                        .as_ref()
                        .map_or("void".to_string(), |t| type_id(program, t));
                    let throws = f.throws.as_deref().unwrap_or_default();
                    out.push(format!(
                        "  {} {ret} oneway={} args={:?} throws={:?}",
                        f.name.name,
                        f.oneway.is_some(),
                        ours_fields(program, &f.args),
                        ours_fields(program, throws)
                    ));
                }
            }
            Definition::Senum(_) => {}
        }
    }
    out
}

fn theirs(doc: &Json) -> Vec<String> {
    // Apache's JSON groups definitions by kind; ours are in source order. Compare as sorted.
    let mut out = Vec::new();
    for s in doc.get("structs").items() {
        let kind = if s.get("isException").bool() {
            "exception"
        } else if s.get("isUnion").bool() {
            "union"
        } else {
            "struct"
        };
        out.push(format!(
            "{kind} {} {:?}",
            s.get("name").str(),
            theirs_fields(s.get("fields"))
        ));
    }
    for e in doc.get("enums").items() {
        let members: Vec<String> = e
            .get("members")
            .items()
            .iter()
            .map(|m| format!("{}={}", m.get("name").str(), m.get("value").int()))
            .collect();
        out.push(format!("enum {} {members:?}", e.get("name").str()));
    }
    for t in doc.get("typedefs").items() {
        out.push(format!(
            "typedef {} {}",
            t.get("name").str(),
            t.get("typeId").str()
        ));
    }
    for c in doc.get("constants").items() {
        out.push(format!(
            "const {} {}",
            c.get("name").str(),
            c.get("typeId").str()
        ));
    }
    for s in doc.get("services").items() {
        out.push(format!(
            "service {} extends {:?}",
            s.get("name").str(),
            s.get("extends").str()
        ));
        for f in s.get("functions").items() {
            out.push(format!(
                "  {} {} oneway={} args={:?} throws={:?}",
                f.get("name").str(),
                f.get("returnTypeId").str(),
                f.get("oneway").bool(),
                theirs_fields(f.get("arguments")),
                theirs_fields(f.get("exceptions"))
            ));
        }
    }
    out
}

/// Services keep their functions right after them; sort by definition, not by line.
fn grouped(lines: Vec<String>) -> Vec<String> {
    let mut groups: Vec<Vec<String>> = Vec::new();
    for l in lines {
        if l.starts_with("  ") {
            groups.last_mut().expect("a service line first").push(l);
        } else {
            groups.push(vec![l]);
        }
    }
    groups.sort();
    groups.concat()
}

#[test]
fn every_file_reads_as_apache_reads_it() {
    let idl = shared_idl();
    let scratch =
        std::env::temp_dir().join(format!("thrift-against-apache-{}", std::process::id()));
    let include_dirs = vec![idl.join("corpus/apache-thrift/contrib")];
    let mut compared = 0;
    let mut derived = 0;
    let mut mismatches = Vec::new();
    let mut skipped = Vec::new();
    for (n, original) in thrift_files(&idl).iter().enumerate() {
        let name = original.file_name().unwrap().to_string_lossy().into_owned();
        if let Some((_, why)) = APACHE_CANNOT_READ.iter().find(|(f, _)| *f == name) {
            skipped.push(format!("{name}: {why}"));
            continue;
        }
        let text = std::fs::read_to_string(original).unwrap();
        let mut file = original.clone();
        if text
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .any(|w| w == "uuid")
            && apache_json(original, &include_dirs, &scratch.join(format!("probe{n}"))).is_err()
        {
            // Apache 0.17 knows no `uuid`: compare a copy with `uuid` read as `string`.
            let dir = scratch.join(format!("derived{n}"));
            std::fs::create_dir_all(&dir).unwrap();
            file = dir.join(&name);
            std::fs::write(&file, replace_word(&text, "uuid", "string")).unwrap();
            derived += 1;
        }
        let theirs_json = match apache_json(&file, &include_dirs, &scratch.join(format!("out{n}")))
        {
            Ok(j) => j,
            Err(e) => {
                mismatches.push(format!(
                    "{}: Apache's compiler rejects it:\n{e}",
                    original.display()
                ));
                continue;
            }
        };
        let options = ResolveOptions {
            include_dirs: include_dirs.clone(),
            display_base: None,
        };
        let program = resolve(&file, &options, &mut FsLoader::default())
            .unwrap_or_else(|e| panic!("{}: we reject it:\n{e}", original.display()));
        let (a, b) = (grouped(ours(&program)), grouped(theirs(&theirs_json)));
        if a != b {
            let only_ours: Vec<&String> = a.iter().filter(|l| !b.contains(l)).collect();
            let only_theirs: Vec<&String> = b.iter().filter(|l| !a.contains(l)).collect();
            mismatches.push(format!(
                "{}:\n  ours only:   {only_ours:#?}\n  Apache only: {only_theirs:#?}",
                original.display()
            ));
        }
        compared += 1;
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(
        mismatches.is_empty(),
        "{} files differ from Apache's reading:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    assert_eq!(skipped.len(), APACHE_CANNOT_READ.len(), "{skipped:?}");
    assert!(compared >= 35, "only {compared} files compared");
    println!(
        "{compared} files read as Apache 0.17 reads them ({derived} via a uuid->string copy); not comparable: {skipped:?}"
    );
}

/// Replaces `word` where it stands as a whole identifier.
fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let is_ident = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    while let Some(i) = rest.find(word) {
        let before_ok = rest[..i].chars().next_back().is_none_or(|c| !is_ident(c));
        let after_ok = rest[i + word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !is_ident(c));
        out.push_str(&rest[..i]);
        out.push_str(if before_ok && after_ok { with } else { word });
        rest = &rest[i + word.len()..];
    }
    out.push_str(rest);
    out
}
