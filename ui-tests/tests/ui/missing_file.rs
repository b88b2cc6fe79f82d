thrift_runtime::thrift_include!("idl/does_not_exist.thrift");

fn main() {}
