//! ThriftTest's client: calls every method with checks, prints a line per check and a last
//! line `N passed, M failed`, and exits 1 on any failure.

use std::collections::{HashMap, HashSet};
use std::fmt::Debug;
use std::time::{Duration, Instant};
use thrift_cross::Flags;
use thrift_cross::tt::*;
use thrift_runtime::client::ClientBuilder;
use thrift_runtime::{ApplicationExceptionKind, Bytes, Error, Uuid};

#[derive(Default)]
struct Report {
    passed: u32,
    failed: u32,
}

impl Report {
    fn check<T: Debug + PartialEq, E: Debug>(&mut self, name: &str, got: Result<T, E>, want: T) {
        match got {
            Ok(v) if v == want => {
                self.passed += 1;
                println!("PASS {name}");
            }
            other => {
                self.failed += 1;
                println!("FAIL {name}: got {other:?}, expected {want:?}");
            }
        }
    }

    fn ok(&mut self, name: &str, ok: bool, detail: impl Debug) {
        if ok {
            self.passed += 1;
            println!("PASS {name}");
        } else {
            self.failed += 1;
            println!("FAIL {name}: {detail:?}");
        }
    }
}

fn xtruct(s: &str, b: i8, i: i32, l: i64) -> Xtruct {
    Xtruct {
        string_thing: s.into(),
        byte_thing: b,
        i32_thing: i,
        i64_thing: l,
    }
}

#[tokio::main]
async fn main() {
    let f = Flags::parse("test_client");
    let mut builder = ClientBuilder::new()
        .protocol(f.protocol)
        .transport(f.transport)
        .call_timeout(Duration::from_secs(10));
    if f.multiplexed {
        builder = builder.multiplexed("ThriftTest");
    }
    let addr = format!("{}:{}", f.host, f.port);
    let channel = match builder.connect(addr.as_str()).await {
        Ok(c) => c,
        Err(e) => {
            println!("FAIL connect to {addr}: {e}");
            println!("0 passed, 1 failed");
            std::process::exit(1);
        }
    };
    let c = ThriftTestClient::new(channel);
    let mut r = Report::default();

    r.check("testVoid", c.test_void().await, ());
    for s in [
        "",
        "Test",
        "h\u{e9}llo \u{2603} \u{65e5}\u{672c}\u{8a9e} \u{1d11e}",
        &"x".repeat(10_000),
    ] {
        r.check(
            &format!("testString({} chars)", s.chars().count()),
            c.test_string(s.into()).await,
            s.to_string(),
        );
    }
    r.check("testBool(true)", c.test_bool(true).await, true);
    r.check("testBool(false)", c.test_bool(false).await, false);
    for b in [0i8, 1, -1, i8::MIN, i8::MAX] {
        r.check(&format!("testByte({b})"), c.test_byte(b).await, b);
    }
    for i in [0i32, -1, i32::MIN, i32::MAX, 63, -64] {
        r.check(&format!("testI32({i})"), c.test_i32(i).await, i);
    }
    for i in [0i64, -1, i64::MIN, i64::MAX, 1 << 40] {
        r.check(&format!("testI64({i})"), c.test_i64(i).await, i);
    }
    for d in [
        0.0,
        -5.2098523,
        1e300,
        f64::MIN_POSITIVE,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ] {
        r.check(&format!("testDouble({d})"), c.test_double(d).await, d);
    }
    match c.test_double(f64::NAN).await {
        Ok(v) => r.ok("testDouble(NaN)", v.is_nan(), v),
        Err(e) => r.ok("testDouble(NaN)", false, e),
    }
    let all_bytes = Bytes::from((0..=255u8).collect::<Vec<_>>());
    r.check(
        "testBinary(0..=255)",
        c.test_binary(all_bytes.clone()).await,
        all_bytes,
    );
    r.check(
        "testBinary(empty)",
        c.test_binary(Bytes::new()).await,
        Bytes::new(),
    );
    if !f.skip_uuid {
        let uuid = Uuid([
            0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd,
            0xee, 0xff,
        ]);
        r.check("testUuid", c.test_uuid(uuid).await, uuid);
    }
    let x = xtruct("Zero", 1, -3, -5);
    r.check("testStruct", c.test_struct(x.clone()).await, x.clone());
    let nest = Xtruct2 {
        byte_thing: 1,
        struct_thing: x.clone(),
        i32_thing: 5,
    };
    r.check("testNest", c.test_nest(nest.clone()).await, nest);
    let map: HashMap<i32, i32> = (0..5).map(|i| (i, i - 10)).collect();
    r.check("testMap", c.test_map(map.clone()).await, map);
    r.check(
        "testMap(empty)",
        c.test_map(HashMap::new()).await,
        HashMap::new(),
    );
    let smap: HashMap<String, String> = [
        ("a", "2"),
        ("b", "blah"),
        ("some", "thing"),
        ("\u{e9}", "\u{2603}"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    r.check("testStringMap", c.test_string_map(smap.clone()).await, smap);
    let set: HashSet<i32> = (-2..3).collect();
    r.check("testSet", c.test_set(set.clone()).await, set);
    r.check(
        "testSet(empty)",
        c.test_set(HashSet::new()).await,
        HashSet::new(),
    );
    let list: Vec<i32> = (-2..3).collect();
    r.check("testList", c.test_list(list.clone()).await, list);
    r.check("testList(empty)", c.test_list(vec![]).await, vec![]);
    for n in Numberz::VALUES {
        r.check(&format!("testEnum({n})"), c.test_enum(*n).await, *n);
    }
    r.check(
        "testTypedef",
        c.test_typedef(309858235082523).await,
        309858235082523,
    );
    r.check(
        "testMapMap",
        c.test_map_map(1).await,
        HashMap::from([
            (-4, (-4..=-1).map(|i| (i, i)).collect()),
            (4, (1..=4).map(|i| (i, i)).collect()),
        ]),
    );
    let insane = Insanity {
        user_map: HashMap::from([(Numberz::FIVE, 5), (Numberz::EIGHT, 8)]),
        xtructs: vec![xtruct("Goodbye4", 4, 4, 4), xtruct("Hello2", 2, 2, 2)],
    };
    r.check(
        "testInsanity",
        c.test_insanity(insane.clone()).await,
        HashMap::from([
            (
                1,
                HashMap::from([(Numberz::TWO, insane.clone()), (Numberz::THREE, insane)]),
            ),
            (2, HashMap::from([(Numberz::SIX, Insanity::default())])),
        ]),
    );
    r.check(
        "testMulti",
        c.test_multi(
            9,
            5,
            12,
            HashMap::from([(1, "2".into())]),
            Numberz::FIVE,
            999,
        )
        .await,
        xtruct("Hello2", 9, 5, 12),
    );
    match c.test_exception("Xception".into()).await {
        Err(ThriftTestTestExceptionError::Err1(e)) => r.ok(
            "testException(Xception) throws Xception",
            e == Xception {
                error_code: 1001,
                message: "Xception".into(),
            },
            e,
        ),
        other => r.ok("testException(Xception) throws Xception", false, other),
    }
    match c.test_exception("TException".into()).await {
        Err(ThriftTestTestExceptionError::Thrift(Error::Application(e))) => r.ok(
            "testException(TException) is an application exception",
            e.kind == ApplicationExceptionKind::INTERNAL_ERROR,
            e,
        ),
        other => r.ok(
            "testException(TException) is an application exception",
            false,
            other,
        ),
    }
    r.check(
        "testException(success)",
        c.test_exception("success".into()).await,
        (),
    );
    match c
        .test_multi_exception("Xception".into(), "test 1".into())
        .await
    {
        Err(ThriftTestTestMultiExceptionError::Err1(e)) => {
            r.ok("testMultiException(Xception)", e.error_code == 1001, e)
        }
        other => r.ok("testMultiException(Xception)", false, other),
    }
    match c
        .test_multi_exception("Xception2".into(), "test 2".into())
        .await
    {
        Err(ThriftTestTestMultiExceptionError::Err2(e)) => r.ok(
            "testMultiException(Xception2)",
            e.error_code == 2002 && e.struct_thing.string_thing == "This is an Xception2",
            e,
        ),
        other => r.ok("testMultiException(Xception2)", false, other),
    }
    r.check(
        "testMultiException(success)",
        c.test_multi_exception("Other".into(), "test 3".into())
            .await,
        xtruct("test 3", 0, 0, 0),
    );
    // A oneway call returns at once, even though the server sleeps; a call after it is answered.
    let t = Instant::now();
    r.check("testOneway", c.test_oneway(1).await, ());
    r.ok(
        "testOneway returns without waiting",
        t.elapsed() < Duration::from_millis(900),
        t.elapsed(),
    );
    r.check("testVoid after testOneway", c.test_void().await, ());
    // Many calls in flight on one connection.
    let calls = (0..100).map(|i| {
        let c = c.clone();
        async move { c.test_i32(i).await }
    });
    let results: Vec<_> = futures_join_all(calls).await;
    r.ok(
        "100 pipelined calls",
        results.iter().enumerate().all(|(i, v)| *v == Ok(i as i32)),
        "a reply went astray",
    );

    println!("{} passed, {} failed", r.passed, r.failed);
    std::process::exit(if r.failed == 0 { 0 } else { 1 });
}

/// Runs futures concurrently on this task, in order of their results.
async fn futures_join_all<F: std::future::Future>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output>
where
    F::Output: Send + 'static,
    F: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        out.push(h.await.expect("task"));
    }
    out
}
