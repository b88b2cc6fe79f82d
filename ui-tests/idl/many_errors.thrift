struct S {
  1: Nope a
  2: Nada b
}
const i16 X = 99999
