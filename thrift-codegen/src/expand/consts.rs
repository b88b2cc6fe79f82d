//! Constants and default values: IDL constant values as Rust expressions.
//!
//! Scalars and strings become `pub const`; containers and struct literals a
//! `LazyLock` static, built on first use.

use super::Gen;
use super::types::{Holder, holder, type_caps};
use crate::ast::{
    BaseType, Const, ConstKind, ConstTarget, ConstValue, Definition, StructKind, Type, TypeKind,
};
use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, quote};

impl Gen<'_> {
    /// Whether a const of this type can be a Rust `const` (else a `LazyLock` static).
    fn is_const_item(&self, ty: &Type) -> bool {
        match &self.program.underlying(ty).kind {
            TypeKind::Base(_) => true,
            TypeKind::Named(n) => matches!(
                n.target.map(|t| self.program.definition(t)),
                Some(Definition::Enum(_))
            ),
            _ => false,
        }
    }

    pub(crate) fn constant(&self, c: &Const) -> TokenStream {
        let rt = &self.rt;
        let name = self.item_ident(&Definition::Const(c.clone()));
        let doc = self.def_doc(c.doc.as_deref(), &c.name.name, "const");
        let underlying = self.program.underlying(&c.ty);
        if self.is_const_item(&c.ty) {
            let (ty, value) = match &underlying.kind {
                // A string const is a `&str` (a binary one `&[u8]`), usable anywhere.
                TypeKind::Base(BaseType::String) => {
                    (quote!(&'static str), self.str_value(&c.value, false))
                }
                TypeKind::Base(BaseType::Binary) => {
                    (quote!(&'static [u8]), self.str_value(&c.value, true))
                }
                _ => (self.rust_type(&c.ty), self.value(&c.ty, &c.value)),
            };
            quote!(#doc pub const #name: #ty = #value;)
        } else {
            let ty = self.rust_type(&c.ty);
            let value = self.value(&c.ty, &c.value);
            quote!(#doc pub static #name: #rt::__private::LazyLock<#ty> = #rt::__private::LazyLock::new(|| #value);)
        }
    }

    /// A string or binary const's literal, following const references to their text.
    fn str_value(&self, v: &ConstValue, binary: bool) -> TokenStream {
        match &v.kind {
            ConstKind::String(s) if binary => {
                let lit = Literal::byte_string(s.as_bytes());
                quote!(#lit)
            }
            ConstKind::String(s) => quote!(#s),
            ConstKind::Ident {
                target: Some(ConstTarget::Const(id)),
                ..
            } => self.def_path(*id),
            _ => quote!(""),
        }
    }

    /// An expression of the field or const's Rust type for an IDL value.
    pub(crate) fn value(&self, ty: &Type, v: &ConstValue) -> TokenStream {
        let rt = &self.rt;
        // A reference to another const: its item (cloned out of a static).
        if let ConstKind::Ident {
            target: Some(target),
            ..
        } = &v.kind
        {
            return match target {
                ConstTarget::Const(id) => {
                    let path = self.def_path(*id);
                    let Definition::Const(other) = self.program.definition(*id) else {
                        return quote!(#path);
                    };
                    let other_ty = self.program.underlying(&other.ty);
                    match &other_ty.kind {
                        _ if !self.is_const_item(&other.ty) => {
                            quote!(::core::clone::Clone::clone(&*#path))
                        }
                        TypeKind::Base(BaseType::String) => {
                            quote!(::std::string::String::from(#path))
                        }
                        TypeKind::Base(BaseType::Binary) => {
                            quote!(#rt::Bytes::from_static(#path))
                        }
                        TypeKind::Base(ob) => match &self.program.underlying(ty).kind {
                            // An i32 const used where an i64 or a double is due.
                            TypeKind::Base(b) if b != ob => {
                                let want = self.rust_type(ty);
                                quote!((#path as #want))
                            }
                            _ => path,
                        },
                        _ => path,
                    }
                }
                ConstTarget::EnumValue(eid, idx) => {
                    let Definition::Enum(e) = self.program.definition(*eid) else {
                        return quote!();
                    };
                    let path = self.def_path(*eid);
                    let name = &e.values[*idx as usize].name.name;
                    let value = super::names::ident(&super::names::shouty(name));
                    quote!(#path::#value)
                }
            };
        }
        let underlying = self.program.underlying(ty);
        match (&underlying.kind, &v.kind) {
            (TypeKind::Base(b), _) => self.scalar(*b, v),
            (TypeKind::Named(n), kind) => {
                let Some(id) = n.target else {
                    return quote!(::core::default::Default::default());
                };
                let path = self.def_path(id);
                match (self.program.definition(id), kind) {
                    (Definition::Enum(_), ConstKind::Int(i)) => {
                        let i = *i as i32;
                        quote!(#path(#i))
                    }
                    (Definition::Senum(_), ConstKind::String(s)) => {
                        quote!(::std::string::String::from(#s))
                    }
                    (Definition::Struct(s), ConstKind::Map(items)) => {
                        let find = |f: &crate::ast::Field| {
                            items.iter().find(|(k, _)| matches!(&k.kind, ConstKind::String(n) if *n == f.name.name))
                        };
                        if s.kind == StructKind::Union {
                            let Some((f, (_, val))) =
                                s.fields.iter().find_map(|f| find(f).map(|kv| (f, kv)))
                            else {
                                return quote!(::core::unreachable!());
                            };
                            let variant = super::names::ident(&super::names::variant(&f.name.name));
                            let inner = self.value(&f.ty, val);
                            let inner = if f.recursive {
                                quote!(::std::boxed::Box::new(#inner))
                            } else {
                                inner
                            };
                            return quote!(#path::#variant(#inner));
                        }
                        let fields = s.fields.iter().map(|f| {
                            let ident = super::names::ident(&super::names::snake(&f.name.name));
                            let given = find(f).map(|(_, val)| {
                                let inner = self.value(&f.ty, val);
                                let inner = if f.recursive {
                                    quote!(::std::boxed::Box::new(#inner))
                                } else {
                                    inner
                                };
                                if self.is_option(f) {
                                    quote!(::core::option::Option::Some(#inner))
                                } else {
                                    inner
                                }
                            });
                            let value = given.unwrap_or_else(|| self.field_default_value(f));
                            quote!(#ident: #value)
                        });
                        quote!(#path { #(#fields),* })
                    }
                    _ => quote!(::core::default::Default::default()),
                }
            }
            (TypeKind::List(e), ConstKind::List(items)) => {
                let items = items.iter().map(|i| self.value(e, i));
                quote!(::std::vec![#(#items),*])
            }
            (TypeKind::Set(e), ConstKind::List(items)) => {
                let items = items.iter().map(|i| self.value(e, i));
                match holder(type_caps(self.program, self.caps, e)) {
                    Holder::Vec => quote!(::std::vec![#(#items),*]),
                    _ => quote!(::core::iter::Iterator::collect([#(#items),*].into_iter())),
                }
            }
            (TypeKind::Map(k, val), ConstKind::Map(items)) => {
                let pairs = items.iter().map(|(a, b)| {
                    let (a, b) = (self.value(k, a), self.value(val, b));
                    quote!((#a, #b))
                });
                match holder(type_caps(self.program, self.caps, k)) {
                    Holder::Vec => quote!(::std::vec![#(#pairs),*]),
                    _ => quote!(::core::iter::Iterator::collect([#(#pairs),*].into_iter())),
                }
            }
            // `{}` for an empty list or set, `[]` for an empty map.
            _ => quote!(::core::default::Default::default()),
        }
    }

    /// The value a field takes when not set: its IDL default (`Some` of it for an optional
    /// field, as Apache's generators set such a field at construction), else `None` or
    /// `Default`. A recursive field is always `None`: its default would never end.
    pub(crate) fn field_default_value(&self, f: &crate::ast::Field) -> TokenStream {
        match (&f.default, self.is_option(f)) {
            (Some(v), true) if !f.recursive => {
                let v = self.value(&f.ty, v);
                quote!(::core::option::Option::Some(#v))
            }
            (_, true) => quote!(::core::option::Option::None),
            (Some(v), false) => self.value(&f.ty, v),
            (None, false) => quote!(::core::default::Default::default()),
        }
    }

    fn scalar(&self, b: BaseType, v: &ConstValue) -> TokenStream {
        let rt = &self.rt;
        match (b, &v.kind) {
            (BaseType::Bool, ConstKind::Bool(x)) => quote!(#x),
            (BaseType::Bool, ConstKind::Int(i)) => {
                let x = *i != 0;
                quote!(#x)
            }
            (BaseType::I8, ConstKind::Int(i)) => Literal::i8_suffixed(*i as i8).to_token_stream(),
            (BaseType::I16, ConstKind::Int(i)) => {
                Literal::i16_suffixed(*i as i16).to_token_stream()
            }
            (BaseType::I32, ConstKind::Int(i)) => {
                Literal::i32_suffixed(*i as i32).to_token_stream()
            }
            (BaseType::I64, ConstKind::Int(i)) => Literal::i64_suffixed(*i).to_token_stream(),
            (BaseType::Double, ConstKind::Int(i)) => {
                Literal::f64_suffixed(*i as f64).to_token_stream()
            }
            (BaseType::Double, ConstKind::Double(d)) => Literal::f64_suffixed(*d).to_token_stream(),
            (BaseType::String, ConstKind::String(s)) => quote!(::std::string::String::from(#s)),
            (BaseType::Binary, ConstKind::String(s)) => {
                let lit = Literal::byte_string(s.as_bytes());
                quote!(#rt::Bytes::from_static(#lit))
            }
            (BaseType::Uuid, ConstKind::String(s)) => {
                let bytes = crate::resolve::parse_uuid(s).unwrap_or_default();
                quote!(#rt::Uuid([#(#bytes),*]))
            }
            _ => quote!(::core::default::Default::default()),
        }
    }
}
