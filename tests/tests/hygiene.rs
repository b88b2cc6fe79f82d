//! Generated code names everything by absolute path: an IDL that defines `Result`, `Option`,
//! `String`, `Box`, `Vec`, `Default`... still compiles, and Rust keywords are escaped.

mod shadowing {
    thrift_runtime::thrift!(
        r#"
        struct Result { 1: i32 ok }
        struct Option { 1: string some }
        struct String { 1: binary bytes }
        struct Box { 1: list<i32> inner }
        struct Vec { 1: map<string, Result> results }
        struct Default { 1: i32 none }
        struct Some { 1: i32 value }
        struct None {}
        union Ok { 1: Result result, 2: Option option }
        exception Err { 1: String s }
        enum Into { FROM, CLONE }
        typedef Result Thrift
        struct Uses {
          1: Result r, 2: optional Option o, 3: String s, 4: Box b, 5: Vec v, 6: Default d,
          7: Some s2, 8: None n, 9: Ok k, 10: Err e, 11: Into i, 12: Thrift t,
          13: list<Option> options, 14: set<Into> intos, 15: map<Into, list<Some>> nested
        }
        const Some SOME = {"value": 1}
        "#
    );
}

mod keywords {
    thrift_runtime::thrift!(
        r#"
        struct type { 1: i32 match, 2: string self, 3: bool super, 4: i64 crate, 5: i32 fn,
                      6: i32 async, 7: i32 __t, 8: i32 __r, 9: i32 __w, 10: i32 __s }
        enum loop { break = 1, continue = 2, Self = 3 }
        union where { 1: type impl, 2: loop move }
        const i32 static = 5
        "#
    );
}

#[test]
fn shadowing_names_compile_and_round_trip() {
    use shadowing::*;
    let u = Uses {
        r: Result { ok: 1 },
        o: std::option::Option::Some(Option { some: "x".into() }),
        k: std::option::Option::Some(Ok::Option(Option { some: "y".into() })),
        i: Into::CLONE,
        t: Result { ok: 2 },
        ..Uses::default()
    };
    let bytes = thrift_runtime::serialize(&u, thrift_runtime::Protocol::Compact).unwrap();
    let back: Uses = thrift_runtime::deserialize(bytes, thrift_runtime::Protocol::Compact).unwrap();
    assert_eq!(back, u);
    assert_eq!(SOME.value, 1);
}

#[test]
fn keywords_are_escaped() {
    use keywords::*;
    // `__t` and friends snake-case to `t`: the generated locals are `__`-prefixed and never clash.
    let t = Type {
        r#match: 1,
        self_: "s".into(),
        super_: true,
        crate_: 4,
        r#fn: 5,
        r#async: 6,
        t: 7,
        r: 8,
        w: 9,
        s: 10,
    };
    let bytes = thrift_runtime::serialize(&t, thrift_runtime::Protocol::Binary).unwrap();
    assert_eq!(
        thrift_runtime::deserialize::<Type>(bytes, thrift_runtime::Protocol::Binary).unwrap(),
        t
    );
    assert_eq!(Loop::SELF.0, 3);
    assert_eq!(Loop::BREAK.name(), std::option::Option::Some("break"));
    assert_eq!(STATIC, 5);
    let _ = Where::Move(Loop::CONTINUE);
}

/// The runtime under another name, as a renamed dependency would be.
mod renamed {
    pub(crate) use thrift_runtime as my_thrift;
    thrift_runtime::thrift!(
        "struct Renamed { 1: i32 x }",
        crate = "crate::renamed::my_thrift"
    );
}

#[test]
fn crate_option_names_a_renamed_runtime() {
    let r = renamed::Renamed { x: 3 };
    let bytes = thrift_runtime::serialize(&r, thrift_runtime::Protocol::Binary).unwrap();
    assert_eq!(
        thrift_runtime::deserialize::<renamed::Renamed>(bytes, thrift_runtime::Protocol::Binary)
            .unwrap(),
        r
    );
}
