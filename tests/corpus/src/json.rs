//! A small JSON reader for the output of Apache's `thrift --gen json`, which writes maps
//! with container keys as `{ [1, 2]: 3 }` (not JSON). Object keys here may be any value;
//! non-string keys are kept as their compact text.

use std::collections::BTreeMap;

/// A parsed value.
#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(BTreeMap<String, Json>),
}

impl Json {
    /// `self[key]`, or `Null`.
    pub fn get(&self, key: &str) -> &Json {
        match self {
            Json::Object(m) => m.get(key).unwrap_or(&Json::Null),
            _ => &Json::Null,
        }
    }

    /// The elements of an array (none for anything else).
    pub fn items(&self) -> &[Json] {
        match self {
            Json::Array(a) => a,
            _ => &[],
        }
    }

    /// The string, or "".
    pub fn str(&self) -> &str {
        match self {
            Json::String(s) => s,
            _ => "",
        }
    }

    /// The number as an integer.
    pub fn int(&self) -> i64 {
        match self {
            Json::Number(n) => *n as i64,
            _ => panic!("not a number: {self:?}"),
        }
    }

    /// The bool, or false.
    pub fn bool(&self) -> bool {
        matches!(self, Json::Bool(true))
    }
}

/// Parses `text`; panics on what it cannot read (this is test tooling).
pub fn parse(text: &str) -> Json {
    let mut p = Parser {
        s: text.as_bytes(),
        i: 0,
    };
    let v = p.value();
    p.ws();
    assert_eq!(p.i, p.s.len(), "trailing text in JSON");
    v
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn ws(&mut self) {
        while self.i < self.s.len() && self.s[self.i].is_ascii_whitespace() {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        self.ws();
        if self.s.get(self.i) == Some(&c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    fn value(&mut self) -> Json {
        self.ws();
        match self.s[self.i] {
            b'{' => {
                self.i += 1;
                let mut m = BTreeMap::new();
                while !self.eat(b'}') {
                    let key = match self.value() {
                        Json::String(s) => s,
                        other => format!("{other:?}"),
                    };
                    assert!(self.eat(b':'), "expected : at {}", self.i);
                    m.insert(key, self.value());
                    self.eat(b',');
                }
                Json::Object(m)
            }
            b'[' => {
                self.i += 1;
                let mut a = Vec::new();
                while !self.eat(b']') {
                    a.push(self.value());
                    self.eat(b',');
                }
                Json::Array(a)
            }
            b'"' => {
                self.i += 1;
                let mut out = Vec::new();
                while self.s[self.i] != b'"' {
                    if self.s[self.i] == b'\\' {
                        self.i += 1;
                        match self.s[self.i] {
                            b'n' => out.push(b'\n'),
                            b't' => out.push(b'\t'),
                            b'r' => out.push(b'\r'),
                            b'b' => out.push(8),
                            b'f' => out.push(12),
                            b'u' => {
                                let hex =
                                    std::str::from_utf8(&self.s[self.i + 1..self.i + 5]).unwrap();
                                let c = char::from_u32(u32::from_str_radix(hex, 16).unwrap())
                                    .unwrap_or('?');
                                out.extend_from_slice(c.to_string().as_bytes());
                                self.i += 4;
                            }
                            c => out.push(c),
                        }
                    } else {
                        out.push(self.s[self.i]);
                    }
                    self.i += 1;
                }
                self.i += 1;
                Json::String(String::from_utf8_lossy(&out).into_owned())
            }
            b't' => {
                self.i += 4;
                Json::Bool(true)
            }
            b'f' => {
                self.i += 5;
                Json::Bool(false)
            }
            b'n' => {
                self.i += 4;
                Json::Null
            }
            _ => {
                let start = self.i;
                while self.i < self.s.len()
                    && matches!(
                        self.s[self.i],
                        b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'
                    )
                {
                    self.i += 1;
                }
                let text = std::str::from_utf8(&self.s[start..self.i]).unwrap();
                Json::Number(
                    text.parse()
                        .unwrap_or_else(|_| panic!("bad number {text:?} at {start}")),
                )
            }
        }
    }
}
