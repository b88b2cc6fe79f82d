thrift_runtime::thrift!("struct point {}
struct Point {}");

fn main() {}
