struct S {
  1: i32 a,
  1: string b
}
