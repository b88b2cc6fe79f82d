thrift_runtime::thrift!(include_str!("../../idl/duplicate_field_id.thrift"));

fn main() {}
