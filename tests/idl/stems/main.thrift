# Two included files share the stem `types`.
include "a/types.thrift"
include "other.thrift"

struct Both { 1: types.A a, 2: other.Wrapper w }
