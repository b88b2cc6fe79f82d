include "shared.thrift"

struct Wrapper { 1: shared.Shared inner }
