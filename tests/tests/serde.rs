//! With thrift-runtime's `serde` feature, generated types are Serialize + Deserialize, and the
//! user's crate needs no serde dependency of its own for the derives.

mod everything {
    thrift_runtime::thrift_include!("idl/everything.thrift");
}

use everything::base::{Color, Point};
use everything::{Choice, Record};

#[test]
fn generated_types_go_through_serde_json() {
    let r = Record {
        key: 1,
        note: Some("n".into()),
        path: vec![Point { x: 1, y: 2 }],
        tags: [(Color::RED, [5i64].into())].into(),
        blob: thrift_runtime::Bytes::from_static(b"ab"),
        id: thrift_runtime::Uuid([1; 16]),
        ..Record::default()
    };
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains("\"note\":\"n\""), "{json}");
    assert!(
        json.contains("\"level\":5"),
        "an enum is its number: {json}"
    );
    let back: Record = serde_json::from_str(&json).unwrap();
    assert_eq!(back, r);
    let c: Choice = serde_json::from_str(r#"{"Text":"hi"}"#).unwrap();
    assert_eq!(c, Choice::Text("hi".into()));
}
