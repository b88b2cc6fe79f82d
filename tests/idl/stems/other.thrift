include "b/types.thrift"

struct Wrapper { 1: types.B b }
