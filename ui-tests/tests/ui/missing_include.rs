thrift_runtime::thrift!(include_str!("../../idl/missing_include.thrift"));

fn main() {}
