thrift_runtime::thrift!("struct S { 1: i32 x } struct S {}");

fn main() {}
