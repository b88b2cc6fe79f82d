//! Byte-exact against Apache: every vector in golden/vectors.json was written by Apache
//! Thrift's own Python library (golden/make_vectors.py). Our writers must produce the same
//! bytes, and our readers must read those bytes back to the same value, in both protocols.

mod common;

use bytes::BytesMut;
use common::Value;
use serde_json::Value as Json;
use thrift_runtime::protocol::{
    BinaryReader, BinaryWriter, CompactReader, CompactWriter, MessageHeader, MessageType,
    ProtocolReader, ProtocolWriter, TType,
};
use thrift_runtime::{ApplicationException, ApplicationExceptionKind, Thrift};

fn ttype(name: &str) -> TType {
    match name {
        "bool" => TType::Bool,
        "i8" => TType::I8,
        "i16" => TType::I16,
        "i32" => TType::I32,
        "i64" => TType::I64,
        "double" => TType::Double,
        "string" | "binary" => TType::Binary,
        "uuid" => TType::Uuid,
        "struct" => TType::Struct,
        "list" => TType::List,
        "set" => TType::Set,
        "map" => TType::Map,
        other => panic!("unknown type {other}"),
    }
}

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

fn value(j: &Json) -> Value {
    let v = &j["v"];
    match j["t"].as_str().unwrap() {
        "bool" => Value::Bool(v.as_bool().unwrap()),
        "i8" => Value::I8(v.as_i64().unwrap() as i8),
        "i16" => Value::I16(v.as_i64().unwrap() as i16),
        "i32" => Value::I32(v.as_i64().unwrap() as i32),
        "i64" => Value::I64(v.as_i64().unwrap()),
        "double" => Value::Double(match v.as_str() {
            Some("nan") => f64::NAN,
            Some("inf") => f64::INFINITY,
            Some("-inf") => f64::NEG_INFINITY,
            _ => f64::from_bits(v.as_u64().unwrap()),
        }),
        "string" => Value::Binary(v.as_str().unwrap().as_bytes().to_vec()),
        "binary" => Value::Binary(hex(v.as_str().unwrap())),
        "uuid" => Value::Uuid(hex(v.as_str().unwrap()).try_into().unwrap()),
        "struct" => Value::Struct(
            v.as_array()
                .unwrap()
                .iter()
                .map(|f| (f[0].as_i64().unwrap() as i16, value(&f[1])))
                .collect(),
        ),
        "list" => Value::List(
            ttype(j["e"].as_str().unwrap()),
            v.as_array().unwrap().iter().map(value).collect(),
        ),
        "set" => Value::Set(
            ttype(j["e"].as_str().unwrap()),
            v.as_array().unwrap().iter().map(value).collect(),
        ),
        "map" => Value::Map(
            ttype(j["k"].as_str().unwrap()),
            ttype(j["vt"].as_str().unwrap()),
            v.as_array()
                .unwrap()
                .iter()
                .map(|p| (value(&p[0]), value(&p[1])))
                .collect(),
        ),
        other => panic!("unknown value kind {other}"),
    }
}

/// What a case writes and reads.
enum Case {
    Value(Value),
    Message(MessageHeader, Value),
    AppException(MessageHeader, ApplicationException),
}

fn case(j: &Json) -> Case {
    let header = || MessageHeader {
        name: j["name"].as_str().unwrap().to_string(),
        kind: match j["t"].as_str().unwrap() {
            "app_exception" => MessageType::Exception,
            _ => MessageType::from_i8(j["type"].as_i64().unwrap() as i8).unwrap(),
        },
        seqid: j["seqid"].as_i64().unwrap() as i32,
    };
    match j["t"].as_str().unwrap() {
        "message" => Case::Message(header(), value(&j["v"])),
        "app_exception" => Case::AppException(
            header(),
            ApplicationException::new(
                ApplicationExceptionKind(j["v"]["type"].as_i64().unwrap() as i32),
                j["v"]["message"].as_str().unwrap(),
            ),
        ),
        _ => Case::Value(value(j)),
    }
}

fn write<W: ProtocolWriter>(w: &mut W, c: &Case) {
    match c {
        Case::Value(v) => v.write(w).unwrap(),
        Case::Message(h, body) => {
            w.write_message_begin(h).unwrap();
            body.write(w).unwrap();
        }
        Case::AppException(h, e) => {
            w.write_message_begin(h).unwrap();
            e.encode(w).unwrap();
        }
    }
}

/// Reads the case back and checks it against what was written; `Err` names the difference.
fn read_and_check<R: ProtocolReader>(r: &mut R, c: &Case) -> Result<(), String> {
    let check_header = |r: &mut R, h: &MessageHeader| -> Result<(), String> {
        let got = r.read_message_begin().map_err(|e| e.to_string())?;
        if &got != h {
            Err(format!("header {got:?}, expected {h:?}"))
        } else {
            Ok(())
        }
    };
    match c {
        Case::Value(v) => {
            let got = Value::read(r, v.ttype()).map_err(|e| e.to_string())?;
            if &got != v {
                return Err(format!("read {got:?}, expected {v:?}"));
            }
        }
        Case::Message(h, body) => {
            check_header(r, h)?;
            let got = Value::read(r, TType::Struct).map_err(|e| e.to_string())?;
            if &got != body {
                return Err(format!("body {got:?}, expected {body:?}"));
            }
        }
        Case::AppException(h, e) => {
            check_header(r, h)?;
            let got = ApplicationException::decode(r).map_err(|e| e.to_string())?;
            if &got != e {
                return Err(format!("exception {got:?}, expected {e:?}"));
            }
        }
    }
    if r.remaining() != 0 {
        return Err(format!("{} bytes left unread", r.remaining()));
    }
    Ok(())
}

#[test]
fn golden_vectors_written_by_apache_match_byte_for_byte() {
    let text = include_str!("golden/vectors.json");
    let vectors: serde_json::Map<String, Json> = serde_json::from_str(text).unwrap();
    assert!(vectors.len() > 150, "only {} vectors", vectors.len());
    let mut failures = Vec::new();
    for (name, v) in &vectors {
        let c = case(&v["value"]);
        let binary = hex(v["binary"].as_str().unwrap());
        let compact = hex(v["compact"].as_str().unwrap());

        let mut buf = BytesMut::new();
        write(&mut BinaryWriter::new(&mut buf), &c);
        if buf[..] != binary[..] {
            failures.push(format!(
                "{name}: binary write\n  ours:   {:02x?}\n  apache: {binary:02x?}",
                &buf[..]
            ));
        }
        let mut buf = BytesMut::new();
        write(&mut CompactWriter::new(&mut buf), &c);
        if buf[..] != compact[..] {
            failures.push(format!(
                "{name}: compact write\n  ours:   {:02x?}\n  apache: {compact:02x?}",
                &buf[..]
            ));
        }
        if let Err(e) = read_and_check(&mut BinaryReader::new(&binary[..]), &c) {
            failures.push(format!("{name}: binary read: {e}"));
        }
        if let Err(e) = read_and_check(&mut CompactReader::new(&compact[..]), &c) {
            failures.push(format!("{name}: compact read: {e}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
