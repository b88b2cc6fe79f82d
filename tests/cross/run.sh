#!/usr/bin/env bash
# Runs the ThriftTest cross tests: Rust client against Rust server (every protocol and
# transport, plain and multiplexed), and both directions against Apache's Python library and
# thriftpy2.
# Usage: tests/cross/run.sh PYTHON SHARED_IDL_DIR   (from the repository root, after
# `cargo build --manifest-path tests/cross/Cargo.toml --target-dir target`)
set -uo pipefail
py=$1 shared=$2
bin=target/debug
work=target/cross-py
failed=0
server_pid=

start() { # command... ; sets port and server_pid
    local out; out=$(mktemp)
    "$@" > "$out" 2>&1 &
    server_pid=$!
    for _ in $(seq 100); do
        port=$(awk '/^READY/ {print $2; exit}' "$out")
        [ -n "$port" ] && return 0
        sleep 0.1
    done
    echo "FAIL server did not start: $*"; cat "$out"; return 1
}

stop() { kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null; }

run() { # label, client command...
    local label=$1; shift
    echo "== $label"
    local out code
    out=$("$@" 2>&1); code=$?
    printf '%s\n' "$out" | grep -E "^FAIL|passed, .* failed$"
    if [ "$code" -ne 0 ]; then
        failed=1
        printf '%s\n' "$out" | grep -qE "passed, .* failed$" || echo "0 passed, 1 failed"
    fi
}

for proto in binary compact; do
    for trans in buffered framed; do
        for mux in "" --multiplexed; do
            start $bin/test_server --port 0 --protocol $proto --transport $trans $mux || { failed=1; continue; }
            run "rust client -> rust server, $proto/$trans $mux" $bin/test_client --port "$port" --protocol $proto --transport $trans $mux
            stop
        done
        for lib in apache thriftpy2; do
            start "$py" tests/cross/py/thrifttest_peer.py server "$shared" "$work-$lib" --port 0 --protocol $proto --transport $trans --lib $lib || { failed=1; continue; }
            run "rust client -> python ($lib) server, $proto/$trans" $bin/test_client --port "$port" --protocol $proto --transport $trans --skip-uuid
            stop
            start $bin/test_server --port 0 --protocol $proto --transport $trans || { failed=1; continue; }
            run "python ($lib) client -> rust server, $proto/$trans" "$py" tests/cross/py/thrifttest_peer.py client "$shared" "$work-$lib" --port "$port" --protocol $proto --transport $trans --lib $lib
            stop
        done
    done
done
exit $failed
