//! Generates pilota's code for the bench IDL, as pilota's users do.

use std::path::PathBuf;

fn main() {
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let idl = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("idl/bench.thrift");
    println!("cargo:rerun-if-changed={}", idl.display());
    pilota_build::Builder::thrift()
        .ignore_unused(false)
        .compile_with_config(
            vec![pilota_build::IdlService::from_path(idl.clone())],
            pilota_build::Output::File(out.join("pilota_bench.rs")),
        );
    // volo-thrift's client and server code, as volo's users generate it.
    volo_build::Builder::thrift()
        .add_service(idl)
        .filename("volo_bench.rs".into())
        .write()
        .unwrap();
}
