//! Encode and decode of a realistic struct in both protocols, hand-written against the
//! protocol traits (what generated code will do).
//!
//! `cargo bench -p thrift-runtime --bench codec`

use bytes::{Bytes, BytesMut};
use criterion::{Criterion, criterion_group, criterion_main};
use std::collections::HashMap;
use std::hint::black_box;
use thrift_runtime::protocol::{
    BinaryReader, BinaryWriter, CompactReader, CompactWriter, ProtocolReader, ProtocolWriter, TType,
};
use thrift_runtime::{ProtocolError, Thrift};

#[derive(Debug, Clone, PartialEq)]
struct Item {
    id: i64,
    name: String,
    score: f64,
    active: bool,
}

#[derive(Debug, Clone, PartialEq)]
struct Realistic {
    id: i64,
    count: i32,
    ratio: f64,
    name: String,
    email: String,
    note: Option<String>,
    blob: Bytes,
    items: Vec<Item>,
    labels: HashMap<String, String>,
    kind: i32,
}

impl Thrift for Item {
    const TTYPE: TType = TType::Struct;
    fn encode<W: ProtocolWriter>(&self, w: &mut W) -> Result<(), ProtocolError> {
        let s = w.write_struct_begin()?;
        w.write_field_begin(TType::I64, 1);
        w.write_i64(self.id);
        w.write_field_begin(TType::Binary, 2);
        w.write_string(&self.name)?;
        w.write_field_begin(TType::Double, 3);
        w.write_double(self.score);
        w.write_field_begin(TType::Bool, 4);
        w.write_bool(self.active);
        w.write_field_stop();
        w.write_struct_end(s);
        Ok(())
    }
    fn decode<R: ProtocolReader>(r: &mut R) -> Result<Self, ProtocolError> {
        let s = r.read_struct_begin()?;
        let (mut id, mut name, mut score, mut active) = (0, String::new(), 0.0, false);
        while let Some((t, fid)) = r.read_field_begin()? {
            match (fid, t) {
                (1, TType::I64) => id = r.read_i64()?,
                (2, TType::Binary) => name = r.read_string()?,
                (3, TType::Double) => score = r.read_double()?,
                (4, TType::Bool) => active = r.read_bool()?,
                _ => r.skip(t)?,
            }
        }
        r.read_struct_end(s);
        Ok(Item {
            id,
            name,
            score,
            active,
        })
    }
}

impl Thrift for Realistic {
    const TTYPE: TType = TType::Struct;
    fn encode<W: ProtocolWriter>(&self, w: &mut W) -> Result<(), ProtocolError> {
        let s = w.write_struct_begin()?;
        w.write_field_begin(TType::I64, 1);
        w.write_i64(self.id);
        w.write_field_begin(TType::I32, 2);
        w.write_i32(self.count);
        w.write_field_begin(TType::Double, 3);
        w.write_double(self.ratio);
        w.write_field_begin(TType::Binary, 4);
        w.write_string(&self.name)?;
        w.write_field_begin(TType::Binary, 5);
        w.write_string(&self.email)?;
        if let Some(note) = &self.note {
            w.write_field_begin(TType::Binary, 6);
            w.write_string(note)?;
        }
        w.write_field_begin(TType::Binary, 7);
        w.write_binary(&self.blob)?;
        w.write_field_begin(TType::List, 8);
        self.items.encode(w)?;
        w.write_field_begin(TType::Map, 9);
        self.labels.encode(w)?;
        w.write_field_begin(TType::I32, 10);
        w.write_i32(self.kind);
        w.write_field_stop();
        w.write_struct_end(s);
        Ok(())
    }
    fn decode<R: ProtocolReader>(r: &mut R) -> Result<Self, ProtocolError> {
        let s = r.read_struct_begin()?;
        let mut out = Realistic {
            id: 0,
            count: 0,
            ratio: 0.0,
            name: String::new(),
            email: String::new(),
            note: None,
            blob: Bytes::new(),
            items: Vec::new(),
            labels: HashMap::new(),
            kind: 0,
        };
        while let Some((t, fid)) = r.read_field_begin()? {
            match (fid, t) {
                (1, TType::I64) => out.id = r.read_i64()?,
                (2, TType::I32) => out.count = r.read_i32()?,
                (3, TType::Double) => out.ratio = r.read_double()?,
                (4, TType::Binary) => out.name = r.read_string()?,
                (5, TType::Binary) => out.email = r.read_string()?,
                (6, TType::Binary) => out.note = Some(r.read_string()?),
                (7, TType::Binary) => out.blob = r.read_binary()?,
                (8, TType::List) => out.items = Vec::decode(r)?,
                (9, TType::Map) => out.labels = HashMap::decode(r)?,
                (10, TType::I32) => out.kind = r.read_i32()?,
                _ => r.skip(t)?,
            }
        }
        r.read_struct_end(s);
        Ok(out)
    }
}

fn realistic() -> Realistic {
    Realistic {
        id: 1_234_567_890_123,
        count: 42,
        ratio: 0.618,
        name: "Ada Lovelace".into(),
        email: "ada@example.com".into(),
        note: Some("first programmer".into()),
        blob: Bytes::from(vec![0xa5; 1024]),
        items: (0..20)
            .map(|i| Item {
                id: i,
                name: format!("item-{i}"),
                score: i as f64 * 1.5,
                active: i % 2 == 0,
            })
            .collect(),
        labels: (0..10)
            .map(|i| (format!("key{i}"), format!("value{i}")))
            .collect(),
        kind: 3,
    }
}

fn bench(c: &mut Criterion) {
    let value = realistic();
    let mut buf = BytesMut::with_capacity(4096);

    value.encode(&mut BinaryWriter::new(&mut buf)).unwrap();
    let binary = buf.split().freeze();
    value.encode(&mut CompactWriter::new(&mut buf)).unwrap();
    let compact = buf.split().freeze();
    assert_eq!(
        Realistic::decode(&mut BinaryReader::new(binary.clone())).unwrap(),
        value
    );
    assert_eq!(
        Realistic::decode(&mut CompactReader::new(compact.clone())).unwrap(),
        value
    );

    let mut g = c.benchmark_group("realistic");
    g.bench_function(format!("binary encode ({} bytes)", binary.len()), |b| {
        b.iter(|| {
            buf.clear();
            black_box(&value)
                .encode(&mut BinaryWriter::new(&mut buf))
                .unwrap();
            black_box(buf.len())
        })
    });
    g.bench_function("binary decode", |b| {
        b.iter(|| Realistic::decode(&mut BinaryReader::new(black_box(binary.clone()))).unwrap())
    });
    g.bench_function(format!("compact encode ({} bytes)", compact.len()), |b| {
        b.iter(|| {
            buf.clear();
            black_box(&value)
                .encode(&mut CompactWriter::new(&mut buf))
                .unwrap();
            black_box(buf.len())
        })
    });
    g.bench_function("compact decode", |b| {
        b.iter(|| Realistic::decode(&mut CompactReader::new(black_box(compact.clone()))).unwrap())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
