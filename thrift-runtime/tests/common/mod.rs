//! A dynamic Thrift value for tests: written and read through the protocol traits, so
//! wire-level tests need no generated code.

#![allow(dead_code, reason = "each test file uses a different subset")]

use thrift_runtime::ProtocolError;
use thrift_runtime::protocol::{MessageHeader, ProtocolReader, ProtocolWriter, TType};

/// Any Thrift value, with the element types containers need for their headers.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Bool(bool),
    I8(i8),
    I16(i16),
    I32(i32),
    I64(i64),
    Double(f64),
    Binary(Vec<u8>),
    Uuid([u8; 16]),
    Struct(Vec<(i16, Value)>),
    List(TType, Vec<Value>),
    Set(TType, Vec<Value>),
    Map(TType, TType, Vec<(Value, Value)>),
}

impl PartialEq for Value {
    fn eq(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Bool(a), Bool(b)) => a == b,
            (I8(a), I8(b)) => a == b,
            (I16(a), I16(b)) => a == b,
            (I32(a), I32(b)) => a == b,
            (I64(a), I64(b)) => a == b,
            // NaN equals NaN here: bits are what travel.
            (Double(a), Double(b)) => a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()),
            (Binary(a), Binary(b)) => a == b,
            (Uuid(a), Uuid(b)) => a == b,
            (Struct(a), Struct(b)) => a == b,
            (List(_, a), List(_, b)) | (Set(_, a), Set(_, b)) => a == b,
            (Map(_, _, a), Map(_, _, b)) => a == b,
            _ => false,
        }
    }
}

impl Value {
    pub(crate) fn ttype(&self) -> TType {
        match self {
            Value::Bool(_) => TType::Bool,
            Value::I8(_) => TType::I8,
            Value::I16(_) => TType::I16,
            Value::I32(_) => TType::I32,
            Value::I64(_) => TType::I64,
            Value::Double(_) => TType::Double,
            Value::Binary(_) => TType::Binary,
            Value::Uuid(_) => TType::Uuid,
            Value::Struct(_) => TType::Struct,
            Value::List(..) => TType::List,
            Value::Set(..) => TType::Set,
            Value::Map(..) => TType::Map,
        }
    }

    pub(crate) fn write<W: ProtocolWriter>(&self, w: &mut W) -> Result<(), ProtocolError> {
        match self {
            Value::Bool(v) => w.write_bool(*v),
            Value::I8(v) => w.write_i8(*v),
            Value::I16(v) => w.write_i16(*v),
            Value::I32(v) => w.write_i32(*v),
            Value::I64(v) => w.write_i64(*v),
            Value::Double(v) => w.write_double(*v),
            Value::Binary(v) => w.write_binary(v)?,
            Value::Uuid(v) => w.write_uuid(v),
            Value::Struct(fields) => {
                let scope = w.write_struct_begin()?;
                for (id, v) in fields {
                    w.write_field_begin(v.ttype(), *id);
                    v.write(w)?;
                }
                w.write_field_stop();
                w.write_struct_end(scope);
            }
            Value::List(t, items) => {
                w.write_list_begin(*t, items.len())?;
                for i in items {
                    i.write(w)?;
                }
                w.write_list_end();
            }
            Value::Set(t, items) => {
                w.write_set_begin(*t, items.len())?;
                for i in items {
                    i.write(w)?;
                }
                w.write_set_end();
            }
            Value::Map(k, v, items) => {
                w.write_map_begin(*k, *v, items.len())?;
                for (a, b) in items {
                    a.write(w)?;
                    b.write(w)?;
                }
                w.write_map_end();
            }
        }
        Ok(())
    }

    pub(crate) fn read<R: ProtocolReader>(r: &mut R, t: TType) -> Result<Value, ProtocolError> {
        Ok(match t {
            TType::Bool => Value::Bool(r.read_bool()?),
            TType::I8 => Value::I8(r.read_i8()?),
            TType::I16 => Value::I16(r.read_i16()?),
            TType::I32 => Value::I32(r.read_i32()?),
            TType::I64 => Value::I64(r.read_i64()?),
            TType::Double => Value::Double(r.read_double()?),
            TType::Binary => Value::Binary(r.read_binary()?.to_vec()),
            TType::Uuid => Value::Uuid(r.read_uuid()?),
            TType::Struct => {
                let scope = r.read_struct_begin()?;
                let mut fields = Vec::new();
                while let Some((ft, id)) = r.read_field_begin()? {
                    fields.push((id, Value::read(r, ft)?));
                }
                r.read_struct_end(scope);
                Value::Struct(fields)
            }
            TType::List | TType::Set => {
                let (e, n) = if t == TType::List {
                    r.read_list_begin()?
                } else {
                    r.read_set_begin()?
                };
                let mut items = Vec::new();
                for _ in 0..n {
                    items.push(Value::read(r, e)?);
                }
                if t == TType::List {
                    r.read_list_end();
                    Value::List(e, items)
                } else {
                    r.read_set_end();
                    Value::Set(e, items)
                }
            }
            TType::Map => {
                let (k, v, n) = r.read_map_begin()?;
                let mut items = Vec::new();
                for _ in 0..n {
                    let a = Value::read(r, k)?;
                    items.push((a, Value::read(r, v)?));
                }
                r.read_map_end();
                Value::Map(k, v, items)
            }
        })
    }
}

/// A whole RPC message: header and body struct.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Message {
    pub(crate) header: MessageHeader,
    pub(crate) body: Value,
}

// Strategies for property tests: values of every type, nested a few levels.

use proptest::prelude::*;

pub(crate) fn scalar() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<bool>().prop_map(Value::Bool),
        any::<i8>().prop_map(Value::I8),
        any::<i16>().prop_map(Value::I16),
        any::<i32>().prop_map(Value::I32),
        any::<i64>().prop_map(Value::I64),
        any::<f64>().prop_map(Value::Double),
        proptest::collection::vec(any::<u8>(), 0..40).prop_map(Value::Binary),
        any::<[u8; 16]>().prop_map(Value::Uuid),
    ]
}

/// Values of one type (so containers are homogeneous), nested a few levels.
pub(crate) fn value() -> impl Strategy<Value = Value> {
    scalar().prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec((any::<i16>(), inner.clone()), 0..6).prop_map(
                |mut fields| {
                    fields.sort_by_key(|f| f.0);
                    fields.dedup_by_key(|f| f.0);
                    Value::Struct(fields)
                }
            ),
            (inner.clone(), 0..20usize).prop_map(|(v, n)| Value::List(v.ttype(), vec![v; n])),
            (inner.clone(), 0..3usize).prop_map(|(v, n)| Value::Set(v.ttype(), vec![v; n])),
            (scalar(), inner, 0..17usize).prop_map(|(k, v, n)| Value::Map(
                k.ttype(),
                v.ttype(),
                vec![(k, v); n]
            )),
        ]
    })
}

pub(crate) fn wrap(v: Value) -> Value {
    // A struct around it, with a trailing field, so skip's end is checked too.
    Value::Struct(vec![(1, v), (2, Value::Bool(true))])
}
