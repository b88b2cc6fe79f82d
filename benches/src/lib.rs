//! The three contenders' types for idl/bench.thrift, and the values every benchmark uses.

#![allow(clippy::all, missing_docs)]

/// Ours: `thrift_include!`.
pub mod ours {
    thrift_runtime::thrift_include!("idl/bench.thrift");
}

/// Apache's `thrift --gen rs` 0.17.
#[allow(warnings)]
#[path = "apache_bench.rs"]
pub mod apache;

/// pilota-build's.
#[allow(warnings)]
pub mod pilota_gen {
    include!(concat!(env!("OUT_DIR"), "/pilota_bench.rs"));
}

/// volo-build's (types, client and server for volo-thrift).
#[allow(warnings)]
pub mod volo_gen {
    volo::include_service!("volo_bench.rs");
}

/// The same values in each contender's types.
pub mod values {
    use super::volo_gen::volo_bench::bench as volo_m;
    use super::{apache, ours, pilota_gen::pilota_bench::bench as pil};
    use std::collections::{BTreeMap, HashMap};
    use thrift::OrderedFloat;

    const N_ITEMS: usize = 20;
    const N_LABELS: usize = 10;
    /// Items in the large payload.
    pub const N_LARGE: usize = 10_000;

    fn item_parts(i: usize) -> (i64, String, f64, bool) {
        (
            i as i64 * 7919,
            format!("item-{i}"),
            i as f64 * 1.25,
            i % 3 == 0,
        )
    }

    /// (a) a small struct.
    pub fn small_ours() -> ours::Small {
        ours::Small {
            id: 123_456_789,
            name: "small-name".into(),
            count: 42,
            active: true,
        }
    }
    pub fn small_pilota() -> pil::Small {
        pil::Small {
            id: Some(123_456_789),
            name: Some("small-name".into()),
            count: Some(42),
            active: Some(true),
        }
    }
    pub fn small_apache() -> apache::Small {
        apache::Small {
            id: Some(123_456_789),
            name: Some("small-name".into()),
            count: Some(42),
            active: Some(true),
        }
    }

    fn items_ours(n: usize) -> Vec<ours::Item> {
        (0..n)
            .map(|i| {
                let (id, name, score, active) = item_parts(i);
                ours::Item {
                    id,
                    name,
                    score,
                    active,
                }
            })
            .collect()
    }
    fn items_pilota(n: usize) -> Vec<pil::Item> {
        (0..n)
            .map(|i| {
                let (id, name, score, active) = item_parts(i);
                pil::Item {
                    id: Some(id),
                    name: Some(name.into()),
                    score: Some(score),
                    active: Some(active),
                }
            })
            .collect()
    }
    fn items_apache(n: usize) -> Vec<apache::Item> {
        (0..n)
            .map(|i| {
                let (id, name, score, active) = item_parts(i);
                apache::Item {
                    id: Some(id),
                    name: Some(name),
                    score: Some(OrderedFloat(score)),
                    active: Some(active),
                }
            })
            .collect()
    }
    fn labels() -> Vec<(String, String)> {
        (0..N_LABELS)
            .map(|i| (format!("label-{i}"), format!("value-{i}")))
            .collect()
    }
    const BLOB: [u8; 1024] = [0xa5; 1024];

    /// (b) the realistic payload.
    pub fn realistic_ours() -> ours::Realistic {
        ours::Realistic {
            id: 9_876_543_210,
            count: 17,
            ratio: 0.618,
            weight: 72.5,
            name: "Ada Lovelace".into(),
            email: "ada@example.com".into(),
            city: "London".into(),
            note: Some("first programmer".into()),
            blob: thrift_runtime::Bytes::from_static(&BLOB),
            items: items_ours(N_ITEMS),
            labels: labels().into_iter().collect::<HashMap<_, _>>(),
            kind: ours::Kind::ADMIN,
        }
    }
    /// pilota's and volo's generated types have one shape: one body serves both.
    macro_rules! pilota_shaped_realistic {
        ($name:ident, $m:ident) => {
            pub fn $name() -> $m::Realistic {
                use $m as m;
                m::Realistic {
                    id: Some(9_876_543_210),
                    count: Some(17),
                    ratio: Some(0.618),
                    weight: Some(72.5),
                    name: Some("Ada Lovelace".into()),
                    email: Some("ada@example.com".into()),
                    city: Some("London".into()),
                    note: Some("first programmer".into()),
                    blob: Some(pilota::Bytes::from_static(&BLOB)),
                    items: Some(
                        (0..N_ITEMS)
                            .map(|i| {
                                let (id, name, score, active) = item_parts(i);
                                m::Item {
                                    id: Some(id),
                                    name: Some(name.into()),
                                    score: Some(score),
                                    active: Some(active),
                                }
                            })
                            .collect(),
                    ),
                    labels: Some(
                        labels()
                            .into_iter()
                            .map(|(k, v)| (k.into(), v.into()))
                            .collect(),
                    ),
                    kind: Some(m::Kind::ADMIN),
                }
            }
        };
    }
    pilota_shaped_realistic!(realistic_pilota, pil);
    pilota_shaped_realistic!(realistic_volo, volo_m);

    pub fn realistic_apache() -> apache::Realistic {
        apache::Realistic {
            id: Some(9_876_543_210),
            count: Some(17),
            ratio: Some(OrderedFloat(0.618)),
            weight: Some(OrderedFloat(72.5)),
            name: Some("Ada Lovelace".into()),
            email: Some("ada@example.com".into()),
            city: Some("London".into()),
            note: Some("first programmer".into()),
            blob: Some(BLOB.to_vec()),
            items: Some(items_apache(N_ITEMS)),
            labels: Some(labels().into_iter().collect::<BTreeMap<_, _>>()),
            kind: Some(apache::Kind::ADMIN),
        }
    }

    /// (c) the large list-heavy message.
    pub fn large_ours() -> ours::Large {
        ours::Large {
            items: items_ours(N_LARGE),
        }
    }
    pub fn large_pilota() -> pil::Large {
        pil::Large {
            items: Some(items_pilota(N_LARGE)),
        }
    }
    pub fn large_apache() -> apache::Large {
        apache::Large {
            items: Some(items_apache(N_LARGE)),
        }
    }
}

/// Records one measured ratio for `benches/run.sh`'s summary: a line `kind|what|peer|ratio|goal`
/// appended to the file named by `BENCH_SUMMARY` (nothing when it is unset).
pub fn summary(kind: &str, what: &str, peer: &str, ratio: f64, goal: f64) {
    use std::io::Write;
    let Some(path) = std::env::var_os("BENCH_SUMMARY") else {
        return;
    };
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = writeln!(f, "{kind}|{what}|{peer}|{ratio:.2}|{goal}");
    }
}
