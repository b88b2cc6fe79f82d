//! Skipping a value of any type (an unknown field), in either protocol, bounded in depth by
//! the same counter reads use. Strings are skipped as bytes: an unknown field of non-UTF-8
//! bytes is not an error.

use super::{ProtocolReader, TType};
use crate::error::ProtocolError;

pub(super) fn skip<R: ProtocolReader>(r: &mut R, t: TType) -> Result<(), ProtocolError> {
    match t {
        TType::Bool => r.read_bool().map(drop),
        TType::I8 => r.read_i8().map(drop),
        TType::I16 => r.read_i16().map(drop),
        TType::I32 => r.read_i32().map(drop),
        TType::I64 => r.read_i64().map(drop),
        TType::Double => r.read_double().map(drop),
        TType::Binary => r.read_binary_slice().map(drop),
        TType::Uuid => r.read_uuid().map(drop),
        TType::Struct => {
            let scope = r.read_struct_begin()?;
            while let Some((ft, _)) = r.read_field_begin()? {
                skip(r, ft)?;
            }
            r.read_struct_end(scope);
            Ok(())
        }
        TType::List | TType::Set => {
            let (elem, n) = if t == TType::List {
                r.read_list_begin()?
            } else {
                r.read_set_begin()?
            };
            for _ in 0..n {
                skip(r, elem)?;
            }
            if t == TType::List {
                r.read_list_end()
            } else {
                r.read_set_end()
            }
            Ok(())
        }
        TType::Map => {
            let (k, v, n) = r.read_map_begin()?;
            for _ in 0..n {
                skip(r, k)?;
                skip(r, v)?;
            }
            r.read_map_end();
            Ok(())
        }
    }
}
