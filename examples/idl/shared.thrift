/** What every service of the tutorial shares: a key-value log. */
struct SharedStruct {
  1: i32 key,
  2: string value
}

service SharedService {
  SharedStruct getStruct(1: i32 key)
}
