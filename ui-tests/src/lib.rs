//! trybuild tests: `tests/ui/*.rs` must fail to compile with the message in the `.stderr`
//! beside each. Regenerate with `TRYBUILD=overwrite cargo test -p ui-tests`, and read the diff.
