#!/usr/bin/env bash
# Compile time: our generated code for a large IDL (about 5k lines: 300 structs, 20 enums, 100
# methods) against pilota's, whole-process seconds of `cargo build` of the crate alone after a
# `cargo clean -p` (dependencies built beforehand, no incremental cache of the crate). Ours: thrift_include! (parse, resolve, generate, compile);
# pilota: pilota-build in build.rs (generate) then the compile.
# With an IDL file as second argument (one that includes nothing, such as the shared corpus's
# largest, parquet.thrift), that file instead of the generated one.
# Run from the repository root: benches/compile_time.sh [debug|release] [FILE.thrift]
set -euo pipefail
profile=${1:-debug}
given=${2:-}
flag=""; [ "$profile" = release ] && flag="--release"
root=$(pwd)
work=$root/target/compile-bench
mkdir -p "$work/ours/src" "$work/pilota/src"

if [ -n "$given" ]; then
    cp "$given" "$work/big.thrift"
else
python3 - "$work/big.thrift" <<'PY'
import sys
out = ["namespace rs big", ""]
for e in range(20):
    out.append("/** Enum %d. */\nenum Kind%d { A = 1, B = 2, C = 3, D = 16 }\n" % (e, e))
for i in range(300):
    out.append("/** Struct number %d. */\nstruct S%d {" % (i, i))
    out.append("  1: required i64 id,\n  2: optional string name,\n  3: list<i32> values,")
    out.append("  4: map<string, double> scores,\n  5: Kind%d kind,\n  6: binary blob," % (i % 20))
    # Structs hold earlier ones in chains of at most ten, as real IDL nests.
    prev = "  8: optional S%d prev,\n" % (i - 1) if i % 10 else ""
    out.append("  7: set<string> tags,\n%s  9: i32 count,\n  10: bool flag\n}\n" % prev)
out.append("exception Oops { 1: string message }\n\nservice Big {")
for m in range(100):
    out.append("  S%d call%d(1: S%d req, 2: i32 n) throws (1: Oops oops)," % (m, m, (m + 1) % 300))
out.append("}")
open(sys.argv[1], "w").write("\n".join(out) + "\n")
PY
fi
lines=$(wc -l < "$work/big.thrift")

cat > "$work/ours/Cargo.toml" <<TOML
[package]
name = "ours-big"
version = "0.0.0"
edition = "2024"
[workspace]
[dependencies]
thrift-runtime = { path = "$root/thrift-runtime" }
TOML
cp "$work/big.thrift" "$work/ours/big.thrift"
echo '#![allow(warnings)] thrift_runtime::thrift_include!("big.thrift");' > "$work/ours/src/lib.rs"

cat > "$work/pilota/Cargo.toml" <<TOML
[package]
name = "pilota-big"
version = "0.0.0"
edition = "2024"
[workspace]
[dependencies]
pilota = "0.13"
anyhow = "1"
[build-dependencies]
pilota-build = "0.13"
TOML
cp "$work/big.thrift" "$work/pilota/big.thrift"
cat > "$work/pilota/build.rs" <<'RS'
fn main() {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed=big.thrift");
    pilota_build::Builder::thrift()
        .ignore_unused(false)
        .compile_with_config(vec![pilota_build::IdlService::from_path("big.thrift".into())], pilota_build::Output::File(out.join("big.rs")));
}
RS
echo '#![allow(warnings)] include!(concat!(env!("OUT_DIR"), "/big.rs"));' > "$work/pilota/src/lib.rs"

measure() { # dir, package; prints seconds, fails if the build fails
    (cd "$1" && cargo build -q $flag --target-dir "$work/target" >/dev/null 2>&1) || true  # dependencies
    (cd "$1" && cargo clean -q $flag -p "$2" --target-dir "$work/target")
    local start end; start=$(date +%s%N)
    (cd "$1" && cargo build -q $flag --target-dir "$work/target") >&2 || return 1
    end=$(date +%s%N)
    printf "%.2f" "$(echo "scale=3; ($end - $start) / 1000000000" | bc)"
}

ours=$(measure "$work/ours" ours-big) || { echo "our crate failed to build"; exit 1; }
pilota=$(measure "$work/pilota" pilota-big) || { echo "pilota's crate failed to build"; exit 1; }
echo "compile time ($profile) of ${given:+$(basename "$given"), }a $lines-line IDL, the crate alone: ours ${ours} s, pilota ${pilota} s, ratio $(printf "%.2f" "$(echo "scale=3; $pilota / $ours" | bc)")x"
