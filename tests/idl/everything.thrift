/**
 * The project's own test IDL: one of every construct, across an include.
 */
include "common/base.thrift"

namespace rs everything
namespace * everything

typedef base.Id Key
typedef list<base.Point> Path

const i32 LIMIT = 0x40
const double RATIO = 2.5e-1
const list<string> NAMES = ["a", 'b']
const map<string, base.Point> ORIGINS = {"zero": {"x": 0, "y": 0}}
const base.Color FAVOURITE = base.Color.GREEN

enum Level { LOW, MID = 5, HIGH }

/// A struct with every requiredness and a default.
struct Record {
  1: required Key key,
  2: optional string note,
  3: Level level = Level.MID,
  4: Path path,
  5: map<base.Color, set<i64>> tags,
  6: binary blob,
  7: uuid id,
  8: optional Record parent (rs.note = "boxed: the resolver finds the cycle")
}

union Choice { 1: i32 number, 2: string text }

exception NotFound { 1: Key key, 2: string message }

service Store extends base.Health {
  Record get(1: Key key) throws (1: NotFound missing),
  oneway void forget(1: Key key),
  list<Record> scan(1: i32 limit = LIMIT, 2: Choice filter)
}
