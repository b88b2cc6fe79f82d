# Found through include_dirs, as Apache's -I finds it.
struct Shared { 1: i64 id }
