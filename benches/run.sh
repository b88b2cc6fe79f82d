#!/usr/bin/env bash
# Every benchmark against the peers in one go: codec (pilota, pilota's unsafe protocol, Apache's
# crate), RPC (volo-thrift, Apache's threaded server), compile time (pilota-build); each prints
# its own table, and the last table sets every measured ratio beside its goal (issue 6).
# Run from the repository root: benches/run.sh [--quick]   (a few minutes; --quick: seconds,
# numbers only good for seeing that everything runs).
set -euo pipefail
quick=""; [ "${1:-}" = --quick ] && quick="-- --quick"
summary=$(mktemp)
trap 'rm -f "$summary"' EXIT
export BENCH_SUMMARY=$summary
cargo bench --quiet --locked --manifest-path benches/Cargo.toml --target-dir target --bench codec $quick
echo
cargo bench --quiet --locked --manifest-path benches/Cargo.toml --target-dir target --bench rpc $quick
echo
# One compile-time measurement: its line, and its ratio into the summary (goal: half pilota's).
compile_row() { # label, compile_time.sh arguments...
    local label=$1 line
    shift
    line=$(benches/compile_time.sh "$@" | tail -1)
    echo "$line"
    echo "compile|$label|pilota|$(sed -n 's/.*ratio \([0-9.]*\)x$/\1/p' <<<"$line")|2" >>"$summary"
}
if [ -z "$quick" ]; then
    compile_row "4,336-line IDL, debug build" debug
    # The shared corpus's largest file, when the corpus is beside the repository.
    parquet=../shared/idl/corpus/parquet-format/src/main/thrift/parquet.thrift
    if [ -f "$parquet" ]; then
        compile_row "parquet.thrift, debug build" debug "$parquet"
    fi
    echo
fi
echo "Ratios (how many times faster ours is) against the goals:"
awk -F'|' '
    BEGIN { printf "%-8s %-38s %-24s %8s %6s  %s\n", "bench", "what", "against", "ratio", "goal", ""; missed = 0 }
    { met = ($4 + 0 >= $5 + 0); if (!met) missed++
      printf "%-8s %-38s %-24s %7.2fx %5sx  %s\n", $1, $2, $3, $4, $5, met ? "met" : "MISSED" }
    END { printf "%d of %d goals missed\n", missed, NR }
' "$summary"
