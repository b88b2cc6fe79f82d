//! Which Rust type each IDL type becomes, and what that type can derive.
//!
//! A set becomes a `HashSet` when its elements are `Hash + Eq`, else a `BTreeSet` when they
//! are `Ord`, else a `Vec`; maps likewise by key. What a struct can derive (`Eq`, `Hash`,
//! `Ord`, `Default`) depends on its fields, which may depend on it again: a greatest fixpoint
//! over all structs settles it.

use super::Gen;
use crate::ast::{BaseType, DefId, Definition, Requiredness, StructKind, Type, TypeKind};
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::HashMap;

/// What a Rust type implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Caps {
    pub(crate) eq: bool,
    pub(crate) hash: bool,
    pub(crate) ord: bool,
    pub(crate) partial_ord: bool,
    pub(crate) default: bool,
}

impl Caps {
    const ALL: Caps = Caps {
        eq: true,
        hash: true,
        ord: true,
        partial_ord: true,
        default: true,
    };

    fn and(self, o: Caps) -> Caps {
        Caps {
            eq: self.eq && o.eq,
            hash: self.hash && o.hash,
            ord: self.ord && o.ord,
            partial_ord: self.partial_ord && o.partial_ord,
            default: self.default && o.default,
        }
    }
}

/// How a set or map is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holder {
    Hash,
    BTree,
    Vec,
}

/// Capabilities of every struct-like definition.
pub(crate) fn struct_caps(program: &crate::Program) -> HashMap<DefId, Caps> {
    let mut caps: HashMap<DefId, Caps> = program
        .definitions()
        .filter(|(_, d)| matches!(d, Definition::Struct(_)))
        .map(|(id, _)| (id, Caps::ALL))
        .collect();
    loop {
        let mut changed = false;
        for (id, def) in program.definitions() {
            let Definition::Struct(s) = def else { continue };
            let mut c = Caps::ALL;
            for f in &s.fields {
                let fc = type_caps(program, &caps, &f.ty);
                // An `Option<_>` field is Default whatever the type.
                c = c.and(Caps {
                    default: fc.default || is_option(f, fc),
                    ..fc
                });
            }
            if s.kind == StructKind::Union {
                c.default = false;
            }
            if caps[&id] != c {
                caps.insert(id, c);
                changed = true;
            }
        }
        if !changed {
            return caps;
        }
    }
}

pub(crate) fn type_caps(program: &crate::Program, caps: &HashMap<DefId, Caps>, ty: &Type) -> Caps {
    let ty = program.underlying(ty);
    match &ty.kind {
        TypeKind::Base(BaseType::Double) => Caps {
            eq: false,
            hash: false,
            ord: false,
            ..Caps::ALL
        },
        TypeKind::Base(_) => Caps::ALL,
        TypeKind::Named(n) => match n.target.map(|t| (t, program.definition(t))) {
            Some((id, Definition::Struct(_))) => caps.get(&id).copied().unwrap_or(Caps::ALL),
            _ => Caps::ALL, // enums, senums
        },
        TypeKind::List(e) => type_caps(program, caps, e),
        TypeKind::Set(e) => {
            let ec = type_caps(program, caps, e);
            match holder(ec) {
                Holder::Hash => Caps {
                    eq: true,
                    hash: false,
                    ord: false,
                    partial_ord: false,
                    default: true,
                },
                Holder::BTree | Holder::Vec => Caps {
                    default: true,
                    ..ec
                },
            }
        }
        TypeKind::Map(k, v) => {
            let (kc, vc) = (type_caps(program, caps, k), type_caps(program, caps, v));
            match holder(kc) {
                Holder::Hash => Caps {
                    eq: vc.eq,
                    hash: false,
                    ord: false,
                    partial_ord: false,
                    default: true,
                },
                Holder::BTree | Holder::Vec => Caps {
                    default: true,
                    ..kc.and(vc)
                },
            }
        }
    }
}

/// Whether a field is held in an `Option`: when optional; when it closes a recursive cycle
/// (boxed); and when it has default requiredness but its type has no `Default` (a union, or a
/// struct holding one) and the IDL gives no default: absent on the wire, it is `None`, as
/// Apache's generators leave it unset.
pub(crate) fn is_option(f: &crate::ast::Field, type_caps: Caps) -> bool {
    f.requiredness == Requiredness::Optional
        || f.recursive
        || (f.requiredness == Requiredness::Default && !type_caps.default && f.default.is_none())
}

/// Where a set's elements (or a map's keys) with these capabilities live.
pub(crate) fn holder(elem: Caps) -> Holder {
    if elem.eq && elem.hash {
        Holder::Hash
    } else if elem.ord {
        Holder::BTree
    } else {
        Holder::Vec
    }
}

impl Gen<'_> {
    /// The Rust type for `ty`, as seen from the file being generated.
    pub(crate) fn rust_type(&self, ty: &Type) -> TokenStream {
        let rt = &self.rt;
        match &ty.kind {
            TypeKind::Base(b) => match b {
                BaseType::Bool => quote!(bool),
                BaseType::I8 => quote!(i8),
                BaseType::I16 => quote!(i16),
                BaseType::I32 => quote!(i32),
                BaseType::I64 => quote!(i64),
                BaseType::Double => quote!(f64),
                BaseType::String => quote!(::std::string::String),
                BaseType::Binary => quote!(#rt::Bytes),
                BaseType::Uuid => quote!(#rt::Uuid),
            },
            TypeKind::Named(n) => match n.target {
                Some(id) => match self.program.definition(id) {
                    Definition::Senum(_) => quote!(::std::string::String),
                    _ => self.def_path(id),
                },
                None => quote!(()),
            },
            TypeKind::List(e) => {
                let e = self.rust_type(e);
                quote!(::std::vec::Vec<#e>)
            }
            TypeKind::Set(e) => {
                let h = holder(type_caps(self.program, self.caps, e));
                let e = self.rust_type(e);
                match h {
                    Holder::Hash => quote!(::std::collections::HashSet<#e>),
                    Holder::BTree => quote!(::std::collections::BTreeSet<#e>),
                    Holder::Vec => quote!(::std::vec::Vec<#e>),
                }
            }
            TypeKind::Map(k, v) => {
                let h = holder(type_caps(self.program, self.caps, k));
                let (k, v) = (self.rust_type(k), self.rust_type(v));
                match h {
                    Holder::Hash => quote!(::std::collections::HashMap<#k, #v>),
                    Holder::BTree => quote!(::std::collections::BTreeMap<#k, #v>),
                    Holder::Vec => quote!(::std::vec::Vec<(#k, #v)>),
                }
            }
        }
    }

    /// Whether the runtime's own `Thrift` impls encode `ty` as the IDL says: true unless a
    /// set or map somewhere inside is held in a `Vec` (which the runtime would write as a list).
    pub(crate) fn canonical(&self, ty: &Type) -> bool {
        let ty = self.program.underlying(ty);
        match &ty.kind {
            TypeKind::Base(_) | TypeKind::Named(_) => true,
            TypeKind::List(e) => self.canonical(e),
            TypeKind::Set(e) => {
                holder(type_caps(self.program, self.caps, e)) != Holder::Vec && self.canonical(e)
            }
            TypeKind::Map(k, v) => {
                holder(type_caps(self.program, self.caps, k)) != Holder::Vec
                    && self.canonical(k)
                    && self.canonical(v)
            }
        }
    }

    /// `TType::X` for `ty`.
    pub(crate) fn ttype(&self, ty: &Type) -> TokenStream {
        let rt = &self.rt;
        let ty = self.program.underlying(ty);
        let name = match &ty.kind {
            TypeKind::Base(b) => match b {
                BaseType::Bool => quote!(Bool),
                BaseType::I8 => quote!(I8),
                BaseType::I16 => quote!(I16),
                BaseType::I32 => quote!(I32),
                BaseType::I64 => quote!(I64),
                BaseType::Double => quote!(Double),
                BaseType::String | BaseType::Binary => quote!(Binary),
                BaseType::Uuid => quote!(Uuid),
            },
            TypeKind::Named(n) => match n.target.map(|t| self.program.definition(t)) {
                Some(Definition::Enum(_)) => quote!(I32),
                Some(Definition::Senum(_)) => quote!(Binary),
                _ => quote!(Struct),
            },
            TypeKind::List(_) => quote!(List),
            TypeKind::Set(_) => quote!(Set),
            TypeKind::Map(..) => quote!(Map),
        };
        quote!(#rt::protocol::TType::#name)
    }
}
