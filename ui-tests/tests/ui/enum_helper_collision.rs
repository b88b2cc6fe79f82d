thrift_runtime::thrift!("enum E { A, VALUES }");

fn main() {}
