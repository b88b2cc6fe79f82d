//! Encode and decode code for one value of a given IDL type. Where the runtime's `Thrift`
//! impls fit (every container held as the IDL says), the code is one trait call; a set or map
//! held in a `Vec` gets its loop written out, so it still goes on the wire as a set or map.

use super::Gen;
use super::types::{Holder, holder, type_caps};
use crate::ast::{Type, TypeKind};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

impl Gen<'_> {
    /// Statements writing the value `expr` (an expression of type `&T`) with writer `__w`.
    pub(crate) fn encode(&self, ty: &Type, expr: TokenStream, depth: usize) -> TokenStream {
        let rt = &self.rt;
        if self.canonical(ty) {
            return quote!(#rt::Thrift::encode(#expr, __w)?;);
        }
        let ty = self.program.underlying(ty);
        let e = format_ident!("__e{}", depth);
        match &ty.kind {
            TypeKind::List(elem) | TypeKind::Set(elem) => {
                let tt = self.ttype(elem);
                let inner = self.encode(elem, quote!(#e), depth + 1);
                let (begin, end) = if matches!(ty.kind, TypeKind::List(_)) {
                    (quote!(write_list_begin), quote!(write_list_end))
                } else {
                    (quote!(write_set_begin), quote!(write_set_end))
                };
                quote! {
                    #rt::protocol::ProtocolWriter::#begin(__w, #tt, (#expr).len())?;
                    for #e in (#expr).iter() { #inner }
                    #rt::protocol::ProtocolWriter::#end(__w);
                }
            }
            TypeKind::Map(k, v) => {
                let (kt, vt) = (self.ttype(k), self.ttype(v));
                let kk = format_ident!("__k{}", depth);
                let ki = self.encode(k, quote!(#kk), depth + 1);
                let vi = self.encode(v, quote!(#e), depth + 1);
                quote! {
                    #rt::protocol::ProtocolWriter::write_map_begin(__w, #kt, #vt, (#expr).len())?;
                    for (#kk, #e) in (#expr).iter() { #ki #vi }
                    #rt::protocol::ProtocolWriter::write_map_end(__w);
                }
            }
            // Scalars and named types are canonical.
            TypeKind::Base(_) | TypeKind::Named(_) => quote!(#rt::Thrift::encode(#expr, __w)?;),
        }
    }

    /// An expression reading one value with reader `__r`, `?` on error.
    pub(crate) fn decode(&self, ty: &Type, depth: usize) -> TokenStream {
        let rt = &self.rt;
        let rust = self.rust_type(ty);
        if self.canonical(ty) {
            return quote!(<#rust as #rt::Thrift>::decode(__r)?);
        }
        let ty = self.program.underlying(ty);
        let (t, n, c) = (
            format_ident!("__t{}", depth),
            format_ident!("__n{}", depth),
            format_ident!("__c{}", depth),
        );
        match &ty.kind {
            TypeKind::List(elem) | TypeKind::Set(elem) => {
                let tt = self.ttype(elem);
                let inner = self.decode(elem, depth + 1);
                let elem_rust = self.rust_type(elem);
                let is_list = matches!(ty.kind, TypeKind::List(_));
                let (begin, end) = if is_list {
                    (quote!(read_list_begin), quote!(read_list_end))
                } else {
                    (quote!(read_set_begin), quote!(read_set_end))
                };
                let (new, add) = match (is_list, holder(type_caps(self.program, self.caps, elem))) {
                    (true, _) | (false, Holder::Vec) => (
                        quote!(::std::vec::Vec::with_capacity(#rt::protocol::capacity_for::<#elem_rust>(#n))),
                        quote!(push),
                    ),
                    (false, Holder::Hash) => (
                        quote!(::std::collections::HashSet::with_capacity(#rt::protocol::capacity_for::<#elem_rust>(#n))),
                        quote!(insert),
                    ),
                    (false, Holder::BTree) => (
                        quote!(<#rust as ::core::default::Default>::default()),
                        quote!(insert),
                    ),
                };
                quote! {{
                    let (#t, #n) = #rt::protocol::ProtocolReader::#begin(__r)?;
                    #rt::__private::check_element(#t, #tt, #n)?;
                    let mut #c: #rust = #new;
                    for _ in 0..#n { #c.#add(#inner); }
                    #rt::protocol::ProtocolReader::#end(__r);
                    #c
                }}
            }
            TypeKind::Map(k, v) => {
                let (kt, vt) = (self.ttype(k), self.ttype(v));
                let (ki, vi) = (self.decode(k, depth + 1), self.decode(v, depth + 1));
                let kv = format_ident!("__kv{}", depth);
                let pair = {
                    let (kr, vr) = (self.rust_type(k), self.rust_type(v));
                    quote!((#kr, #vr))
                };
                let (new, add) = match holder(type_caps(self.program, self.caps, k)) {
                    Holder::Vec => (
                        quote!(::std::vec::Vec::with_capacity(#rt::protocol::capacity_for::<#pair>(#n))),
                        quote!(#c.push((#kv, #vi));),
                    ),
                    Holder::Hash => (
                        quote!(::std::collections::HashMap::with_capacity(#rt::protocol::capacity_for::<#pair>(#n))),
                        quote!(#c.insert(#kv, #vi);),
                    ),
                    Holder::BTree => (
                        quote!(::core::default::Default::default()),
                        quote!(#c.insert(#kv, #vi);),
                    ),
                };
                quote! {{
                    let (#t, __vt, #n) = #rt::protocol::ProtocolReader::read_map_begin(__r)?;
                    #rt::__private::check_map(#t, __vt, #kt, #vt, #n)?;
                    let mut #c: #rust = #new;
                    for _ in 0..#n { let #kv = #ki; #add }
                    #rt::protocol::ProtocolReader::read_map_end(__r);
                    #c
                }}
            }
            TypeKind::Base(_) | TypeKind::Named(_) => quote!(<#rust as #rt::Thrift>::decode(__r)?),
        }
    }
}
