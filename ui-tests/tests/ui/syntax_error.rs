thrift_runtime::thrift!(include_str!("../../idl/syntax_error.thrift"));

fn main() {}
