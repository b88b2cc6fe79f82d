thrift_runtime::thrift!(include_str!("../../idl/unknown_type.thrift"));

fn main() {}
