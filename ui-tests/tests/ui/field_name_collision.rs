thrift_runtime::thrift!("struct S {
  1: i32 fooBar,
  2: i32 foo_bar
}");

fn main() {}
