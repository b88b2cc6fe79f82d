thrift_runtime::thrift!(include_str!("../../idl/cycle_a.thrift"));

fn main() {}
