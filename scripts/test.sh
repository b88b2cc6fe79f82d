#!/usr/bin/env bash
# Installs what the tests need, then runs every test of the project. This is the README's
# test command, and what .ci/run runs. Needs ../shared (the shared IDL corpus) beside the
# checkout, or THRIFT_SHARED_IDL pointing at its idl/ folder.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TERM_COLOR=never
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"

step() { printf '\n== %s\n' "$*"; }

# Every cargo test run is also logged, so the last line can add them all up.
results=target/test-results.log
mkdir -p target
: > "$results"
tests() { cargo test "$@" 2>&1 | tee -a "$results"; }

step "install: Debian's thrift-compiler (Apache's reference compiler, for cross-checks)"
if ! command -v thrift >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq thrift-compiler >/dev/null
    else
        sudo apt-get update -qq
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq thrift-compiler >/dev/null
    fi
fi
thrift --version

step "install: Apache's Python thrift library and thriftpy2, in a venv under target/"
venv=target/venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "thrift==0.25.0" "thriftpy2==0.7.1"

step "golden vectors: Apache's Python library still writes exactly the committed bytes"
"$venv/bin/python" thrift-runtime/tests/golden/make_vectors.py > target/vectors.json
diff -q thrift-runtime/tests/golden/vectors.json target/vectors.json

step "golden vectors: Apache's generated Python code still writes the committed ThriftTest values"
"$venv/bin/python" tests/corpus/golden/make_thrifttest_vectors.py "${THRIFT_SHARED_IDL:-../shared/idl}" target/thrifttest-py > target/thrifttest_vectors.json
diff -q tests/corpus/golden/thrifttest_vectors.json target/thrifttest_vectors.json

step "format"
cargo fmt --all -- --check

step "clippy (warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "tests: the main workspace"
tests --workspace --locked

step "docs (warnings are errors)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked

step "benches build"
cargo bench --workspace --no-run --locked

step "tests: every IDL file of ../shared, against Apache's compiler too"
tests --manifest-path tests/corpus/Cargo.toml --target-dir target --locked

step "main job: the seed's MyService, server and client in one process"
cargo run --quiet -p examples --bin myservice

step "interop: the seed's MyService against Apache's Python thrift and thriftpy2, both ways"
cargo build --quiet -p examples --bin myservice
"$venv/bin/python" tests/interop/myservice_interop.py target/debug/myservice target/interop | tee -a "$results"

step "interop: the project's own IDL (tests/idl/calculator.thrift) against Apache's Python thrift and thriftpy2"
cargo build --quiet -p thrift-tests --bin interop_peer
"$venv/bin/python" tests/interop/calculator_interop.py target/debug/interop_peer target/interop-calc | tee -a "$results"

step "cross tests: ThriftTest, Rust and Apache's Python, every protocol and transport"
cargo build --quiet --manifest-path tests/cross/Cargo.toml --target-dir target --locked
tests/cross/run.sh "$venv/bin/python" "${THRIFT_SHARED_IDL:-../shared/idl}" | tee -a "$results"

step "examples run"
cargo run --quiet -p examples --bin describe
cargo run --quiet -p examples --bin calculator
cargo run --quiet -p examples --bin tls

step "benchmarks: one quick round of codec and RPC against the peers (not a test: numbers only)"
benches/run.sh --quick

step "summary"
awk '/^test result:/ { p += $4; f += $6 } /^[0-9]+ passed, [0-9]+ failed$/ { p += $1; f += $3 } END { printf "%d passed, %d failed\n", p, f }' "$results"
