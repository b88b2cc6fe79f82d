/**
 * The project's own RPC test IDL: an exception, a oneway, extends, containers.
 */
include "common/base.thrift"

enum Operation { ADD = 1, SUBTRACT = 2, MULTIPLY = 3, DIVIDE = 4 }

struct Work {
  1: i32 num1 = 0,
  2: i32 num2,
  3: Operation op,
  4: optional string comment
}

exception InvalidOperation {
  1: i32 whatOp,
  2: string why
}

service Calculator extends base.Health {
  i32 add(1: i32 num1, 2: i32 num2),
  i32 calculate(1: i32 logid, 2: Work w) throws (1: InvalidOperation ouch),
  oneway void zip(1: i32 delay_ms),
  map<string, list<i64>> echo(1: map<string, list<i64>> m),
  string slow(1: i32 ms),
  void fail(1: string how),
  i32 zips()
}

service Other { string name() }
