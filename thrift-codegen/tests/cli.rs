//! `thrift-rs check`: exit codes, output, `-I`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("thrift-rs-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_thrift-rs"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("thrift-rs runs")
}

#[test]
fn check_ok_exits_zero() {
    let dir = scratch("ok");
    std::fs::write(
        dir.join("svc.thrift"),
        "struct D { 1: string name }\nservice S { void f(1: D d) }\n",
    )
    .unwrap();
    let out = run(&dir, &["check", "svc.thrift"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "svc.thrift: ok (2 definitions, 1 file read)\n"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn check_errors_exit_one_and_print_every_diagnostic() {
    let dir = scratch("bad");
    std::fs::write(dir.join("good.thrift"), "struct G {}\n").unwrap();
    std::fs::write(
        dir.join("bad.thrift"),
        "struct B {\n  1: Nope a\n  2: Nada b\n}\n",
    )
    .unwrap();
    let out = run(&dir, &["check", "good.thrift", "bad.thrift"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "bad.thrift:2:6: error: unknown type `Nope`\n  |\n2 |   1: Nope a\n  |      ^^^^\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("bad.thrift:3:6: error: unknown type `Nada`"),
        "{stderr}"
    );
    assert!(stderr.ends_with("bad.thrift: 2 errors\n"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("good.thrift: ok"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn include_dirs_with_dash_i() {
    let dir = scratch("inc");
    std::fs::create_dir_all(dir.join("lib/deep")).unwrap();
    std::fs::write(dir.join("lib/deep/base.thrift"), "service Base {}\n").unwrap();
    std::fs::write(
        dir.join("main.thrift"),
        "include \"deep/base.thrift\"\nservice S extends base.Base {}\n",
    )
    .unwrap();
    assert_eq!(run(&dir, &["check", "main.thrift"]).status.code(), Some(1));
    assert_eq!(
        run(&dir, &["check", "-I", "lib", "main.thrift"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&dir, &["check", "-Ilib", "main.thrift"]).status.code(),
        Some(0)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_usage_exits_two() {
    let dir = scratch("usage");
    assert_eq!(run(&dir, &[]).status.code(), Some(2));
    assert_eq!(run(&dir, &["check"]).status.code(), Some(2));
    assert_eq!(
        run(&dir, &["check", "--frobnicate", "x.thrift"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&dir, &["check", "-I"]).status.code(), Some(2));
    let missing = run(&dir, &["check", "missing.thrift"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .starts_with("missing.thrift:1:1: error: no such file")
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
