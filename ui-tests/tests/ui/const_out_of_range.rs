thrift_runtime::thrift!(include_str!("../../idl/const_out_of_range.thrift"));

fn main() {}
