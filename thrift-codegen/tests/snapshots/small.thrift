/** A small IDL whose generated code is kept in small.rs and reviewed like any code. */
include "small_shared.thrift"

enum Status { ACTIVE = 1, RETIRED = 2 }

/** A person. */
struct Person {
  1: required string name,
  2: optional i32 age,
  3: Status status = Status.ACTIVE,
  4: set<double> scores,
  5: map<small_shared.Tag, list<string>> notes,
  6: optional Person mentor
}

union Contact { 1: string email, 2: i64 phone }

exception Gone { 1: string why }

typedef list<Person> People

const People NOBODY = []
const string GREETING = "hi"
