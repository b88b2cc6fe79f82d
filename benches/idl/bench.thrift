// The payloads of the benchmarks: the same IDL for every contender.
namespace rs bench

enum Kind { UNKNOWN = 0, USER = 1, ADMIN = 2, SERVICE = 3 }

/** (a) a small struct: four fields. */
struct Small {
  1: i64 id,
  2: string name,
  3: i32 count,
  4: bool active
}

struct Item {
  1: i64 id,
  2: string name,
  3: double score,
  4: bool active
}

/** (b) a realistic payload. */
struct Realistic {
  1: i64 id,
  2: i32 count,
  3: double ratio,
  4: double weight,
  5: string name,
  6: string email,
  7: string city,
  8: optional string note,
  9: binary blob,
  10: list<Item> items,
  11: map<string, string> labels,
  12: Kind kind
}

/** (c) a large, list-heavy message. */
struct Large {
  1: list<Item> items
}

service Bench {
  i64 add(1: i64 a, 2: i64 b),
  Realistic echo(1: Realistic r)
}
