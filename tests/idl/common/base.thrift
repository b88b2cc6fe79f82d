// Shared definitions, included by everything.thrift as `base`.
typedef i64 Id
enum Color { RED = 1, GREEN, BLUE }
struct Point { 1: i32 x, 2: i32 y }
service Health { bool ping() }
