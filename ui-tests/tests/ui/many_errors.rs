thrift_runtime::thrift!(include_str!("../../idl/many_errors.thrift"));

fn main() {}
