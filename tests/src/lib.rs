//! Integration tests live in `tests/`; the IDL they read in `idl/`.
