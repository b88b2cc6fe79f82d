thrift_runtime::thrift!(include_str!("../../idl/does_not_exist.thrift"));

fn main() {}
