//! One Rust item (and its impls) per IDL definition: structs, exceptions, unions, enums,
//! typedefs, senums and consts. Services come with the RPC layer.

use super::names;
use super::types::Caps;
use super::{Gen, doc_attrs, local};
use crate::ast::{DefId, Definition, Enum, Field, Requiredness, Struct, StructKind};
use crate::diagnostic::Diagnostic;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::HashMap;

/// A field's doc comment, or its IDL name and id.
fn field_doc(f: &Field) -> TokenStream {
    doc_attrs(f.doc.as_deref(), || {
        format!("Field `{}`, id {}.", f.name.name, f.id)
    })
}

impl Gen<'_> {
    /// A definition's doc comment, or what and where it is.
    pub(crate) fn def_doc(&self, doc: Option<&str>, name: &str, kind: &str) -> TokenStream {
        let file = &self.program.sources[self.file.0 as usize].display;
        doc_attrs(doc, || format!("`{name}` ({kind} in `{file}`)."))
    }

    pub(crate) fn definition(
        &self,
        id: DefId,
        def: &Definition,
        diags: &mut Vec<Diagnostic>,
    ) -> TokenStream {
        let name = self.item_ident(def);
        let file = &self.program.sources[self.file.0 as usize].display;
        let doc = doc_attrs(def.doc(), || {
            format!("`{}` ({} in `{file}`).", def.name().name, def.kind_name())
        });
        match def {
            Definition::Struct(s) if s.kind == StructKind::Union => {
                self.union(self.caps[&id], s, diags)
            }
            Definition::Struct(s) => self.strukt(self.caps[&id], s, diags),
            Definition::Enum(e) => self.enumeration(e, diags),
            Definition::Typedef(t) => {
                let ty = self.rust_type(&t.ty);
                quote!(#doc pub type #name = #ty;)
            }
            Definition::Senum(_) => quote!(#doc pub type #name = ::std::string::String;),
            Definition::Const(c) => self.constant(c),
            Definition::Service(svc) => self.service(id, svc, diags),
        }
    }

    /// The Rust type of a field: `Option` if optional, boxed if it closes a cycle.
    fn field_type(&self, f: &Field) -> TokenStream {
        let ty = self.rust_type(&f.ty);
        if f.recursive {
            quote!(::core::option::Option<::std::boxed::Box<#ty>>)
        } else if self.is_option(f) {
            quote!(::core::option::Option<#ty>)
        } else {
            ty
        }
    }

    /// The Rust spellings of IDL names (`convert` applied), each pair that comes out the same
    /// reported as `{plural} `a` and `b` of {owner} both become `x` in Rust`.
    pub(crate) fn rust_names<'n>(
        &self,
        idl: impl Iterator<Item = &'n crate::ast::Ident>,
        convert: fn(&str) -> String,
        plural: &str,
        owner: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<String> {
        let mut seen: HashMap<String, &str> = HashMap::new();
        idl.map(|name| {
            let rust = convert(&name.name);
            if let Some(first) = seen.insert(rust.clone(), &name.name) {
                diags.push(self.error(
                    name.span,
                    format!(
                        "{plural} `{first}` and `{}` of {owner} both become `{rust}` in Rust",
                        name.name
                    ),
                ));
            }
            rust
        })
        .collect()
    }

    /// Field idents, with collisions after snake_case reported.
    fn field_idents(
        &self,
        fields: &[Field],
        owner: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Vec<proc_macro2::Ident> {
        let owner = format!("`{owner}`");
        let names = self.rust_names(
            fields.iter().map(|f| &f.name),
            names::snake,
            "fields",
            &owner,
            diags,
        );
        names.iter().map(|n| names::ident(n)).collect()
    }

    fn derives(&self, c: Caps) -> TokenStream {
        let mut d = vec![quote!(Debug), quote!(Clone), quote!(PartialEq)];
        if c.eq {
            d.push(quote!(Eq));
        }
        if c.hash {
            d.push(quote!(Hash));
        }
        if c.partial_ord {
            d.push(quote!(PartialOrd));
        }
        if c.ord {
            d.push(quote!(Ord));
        }
        quote!(#[derive(#(#d),*)])
    }

    pub(crate) fn strukt(
        &self,
        caps: Caps,
        s: &Struct,
        diags: &mut Vec<Diagnostic>,
    ) -> TokenStream {
        let rt = &self.rt;
        let name = names::ident(&names::type_name(&s.name.name));
        let idents = self.field_idents(&s.fields, &s.name.name, diags);
        let doc = self.def_doc(s.doc.as_deref(), &s.name.name, s.kind.keyword());
        let derives = self.derives(caps);
        let field_docs = s.fields.iter().map(field_doc);
        let field_types = s.fields.iter().map(|f| self.field_type(f));

        // Encode in ascending id order, as Apache's generators do.
        let mut order: Vec<usize> = (0..s.fields.len()).collect();
        order.sort_by_key(|&i| s.fields[i].id);
        let writes = order.iter().map(|&i| {
            let (f, ident) = (&s.fields[i], &idents[i]);
            let (tt, fid) = (self.ttype(&f.ty), f.id);
            let optional = self.is_option(f);
            if optional {
                let enc = self.encode(&f.ty, quote!(__v), 0);
                let missing = if f.requiredness == Requiredness::Required {
                    let (sn, fname) = (&s.name.name, &f.name.name);
                    quote!(else { return ::core::result::Result::Err(#rt::__private::missing_field(#sn, #fname)); })
                } else {
                    quote!()
                };
                quote! {
                    if let ::core::option::Option::Some(__v) = &self.#ident {
                        #rt::protocol::ProtocolWriter::write_field_begin(__w, #tt, #fid);
                        #enc
                    } #missing
                }
            } else {
                let enc = self.encode(&f.ty, quote!(&self.#ident), 0);
                quote! {
                    #rt::protocol::ProtocolWriter::write_field_begin(__w, #tt, #fid);
                    #enc
                }
            }
        });

        let locals: Vec<_> = s.fields.iter().map(|f| local("f", &f.name.name)).collect();
        let local_types = s.fields.iter().map(|f| self.field_type_inner(f));
        let arms = s.fields.iter().zip(&locals).map(|(f, l)| {
            let (tt, fid) = (self.ttype(&f.ty), f.id);
            let dec = self.decode(&f.ty, 0);
            let dec = if f.recursive {
                quote!(::std::boxed::Box::new(#dec))
            } else {
                dec
            };
            quote!(#fid if __t == #tt => #l = ::core::option::Option::Some(#dec),)
        });
        let builds = s.fields.iter().zip(&locals).zip(&idents).map(|((f, l), ident)| {
            let (sn, fname) = (&s.name.name, &f.name.name);
            let missing = quote!(#rt::__private::missing_field(#sn, #fname));
            match (f.requiredness, self.is_option(f)) {
                (Requiredness::Required, true) => {
                    quote!(#ident: ::core::option::Option::Some(#l.ok_or_else(|| #missing)?))
                }
                (Requiredness::Required, false) => quote!(#ident: #l.ok_or_else(|| #missing)?),
                (_, true) if f.default.is_none() || f.recursive => quote!(#ident: #l),
                (_, true) => {
                    let d = self.field_default_value(f);
                    quote!(#ident: match #l { ::core::option::Option::Some(__x) => ::core::option::Option::Some(__x), ::core::option::Option::None => #d })
                }
                (_, false) => {
                    let d = self.field_default_value(f);
                    quote!(#ident: match #l { ::core::option::Option::Some(__x) => __x, ::core::option::Option::None => #d })
                }
            }
        });

        let default_impl = if caps.default {
            let defaults = s.fields.iter().zip(&idents).map(|(f, ident)| {
                let d = self.field_default_value(f);
                quote!(#ident: #d)
            });
            quote! {
                #[automatically_derived]
                impl ::core::default::Default for #name {
                    fn default() -> Self { #name { #(#defaults),* } }
                }
            }
        } else {
            quote!()
        };
        let error_impl = if s.kind == StructKind::Exception {
            let idl = &s.name.name;
            quote! {
                #[automatically_derived]
                impl ::core::fmt::Display for #name {
                    fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        ::core::write!(__f, "{} {:?}", #idl, self)
                    }
                }
                #[automatically_derived]
                impl ::std::error::Error for #name {}
            }
        } else {
            quote!()
        };

        let serde = self.serde_attrs(false);
        // `encode` and `decode` are `#[inline]`: a struct's decode inlined into its container's
        // loop writes the element in place; measured 10-30% faster encode and decode of the
        // bench payloads (`benches/src/bin/decode_probe.rs`), no slower to compile.
        quote! {
            #doc
            #derives
            #serde
            pub struct #name {
                #( #field_docs pub #idents: #field_types, )*
            }
            #default_impl
            #error_impl
            #[automatically_derived]
            impl #rt::Thrift for #name {
                const TTYPE: #rt::protocol::TType = #rt::protocol::TType::Struct;
                #[inline]
                fn encode<__W: #rt::protocol::ProtocolWriter>(&self, __w: &mut __W) -> ::core::result::Result<(), #rt::ProtocolError> {
                    let __s = #rt::protocol::ProtocolWriter::write_struct_begin(__w)?;
                    #(#writes)*
                    #rt::protocol::ProtocolWriter::write_field_stop(__w);
                    #rt::protocol::ProtocolWriter::write_struct_end(__w, __s);
                    ::core::result::Result::Ok(())
                }
                #[inline]
                fn decode<__R: #rt::protocol::ProtocolReader>(__r: &mut __R) -> ::core::result::Result<Self, #rt::ProtocolError> {
                    let __s = #rt::protocol::ProtocolReader::read_struct_begin(__r)?;
                    #( let mut #locals: ::core::option::Option<#local_types> = ::core::option::Option::None; )*
                    while let ::core::option::Option::Some((__t, __id)) = #rt::protocol::ProtocolReader::read_field_begin(__r)? {
                        match __id {
                            #(#arms)*
                            _ => #rt::protocol::ProtocolReader::skip(__r, __t)?,
                        }
                    }
                    #rt::protocol::ProtocolReader::read_struct_end(__r, __s);
                    ::core::result::Result::Ok(#name { #(#builds),* })
                }
            }
        }
    }

    /// The type a decoded field value has before it is put in place (boxed if recursive).
    fn field_type_inner(&self, f: &Field) -> TokenStream {
        let ty = self.rust_type(&f.ty);
        if f.recursive {
            quote!(::std::boxed::Box<#ty>)
        } else {
            ty
        }
    }

    fn union(&self, caps: Caps, u: &Struct, diags: &mut Vec<Diagnostic>) -> TokenStream {
        let rt = &self.rt;
        let name = names::ident(&names::type_name(&u.name.name));
        let doc = self.def_doc(u.doc.as_deref(), &u.name.name, "union");
        let derives = self.derives(caps);
        let owner = format!("union `{}`", u.name.name);
        let variants: Vec<_> = self
            .rust_names(
                u.fields.iter().map(|f| &f.name),
                names::variant,
                "fields",
                &owner,
                diags,
            )
            .iter()
            .map(|v| names::ident(v))
            .collect();
        let docs = u.fields.iter().map(field_doc);
        let types = u.fields.iter().map(|f| self.field_type_inner(f));
        let writes = u.fields.iter().zip(&variants).map(|(f, v)| {
            let (tt, fid) = (self.ttype(&f.ty), f.id);
            let enc = self.encode(&f.ty, quote!(__v), 0);
            quote! {
                #name::#v(__v) => {
                    #rt::protocol::ProtocolWriter::write_field_begin(__w, #tt, #fid);
                    #enc
                }
            }
        });
        let arms = u.fields.iter().zip(&variants).map(|(f, v)| {
            let (tt, fid) = (self.ttype(&f.ty), f.id);
            let dec = self.decode(&f.ty, 0);
            let dec = if f.recursive {
                quote!(::std::boxed::Box::new(#dec))
            } else {
                dec
            };
            quote!(#fid if __t == #tt => __out = ::core::option::Option::Some(#name::#v(#dec)),)
        });
        let idl = &u.name.name;
        // An empty union has no values: encoding one cannot happen.
        let encode_body = if u.fields.is_empty() {
            quote!(match *self {})
        } else {
            quote! {
                let __s = #rt::protocol::ProtocolWriter::write_struct_begin(__w)?;
                match self { #(#writes)* }
                #rt::protocol::ProtocolWriter::write_field_stop(__w);
                #rt::protocol::ProtocolWriter::write_struct_end(__w, __s);
                ::core::result::Result::Ok(())
            }
        };
        let serde = self.serde_attrs(false);
        quote! {
            #doc
            #derives
            #serde
            pub enum #name {
                #( #docs #variants(#types), )*
            }
            #[automatically_derived]
            impl #rt::Thrift for #name {
                const TTYPE: #rt::protocol::TType = #rt::protocol::TType::Struct;
                #[inline]
                fn encode<__W: #rt::protocol::ProtocolWriter>(&self, __w: &mut __W) -> ::core::result::Result<(), #rt::ProtocolError> {
                    #encode_body
                }
                #[inline]
                fn decode<__R: #rt::protocol::ProtocolReader>(__r: &mut __R) -> ::core::result::Result<Self, #rt::ProtocolError> {
                    let __s = #rt::protocol::ProtocolReader::read_struct_begin(__r)?;
                    let mut __out: ::core::option::Option<Self> = ::core::option::Option::None;
                    while let ::core::option::Option::Some((__t, __id)) = #rt::protocol::ProtocolReader::read_field_begin(__r)? {
                        match __id {
                            #(#arms)*
                            _ => #rt::protocol::ProtocolReader::skip(__r, __t)?,
                        }
                    }
                    #rt::protocol::ProtocolReader::read_struct_end(__r, __s);
                    __out.ok_or_else(|| #rt::__private::empty_union(#idl))
                }
            }
        }
    }

    fn enumeration(&self, e: &Enum, diags: &mut Vec<Diagnostic>) -> TokenStream {
        let rt = &self.rt;
        let name = names::ident(&names::type_name(&e.name.name));
        let doc = self.def_doc(e.doc.as_deref(), &e.name.name, "enum");
        let owner = format!("enum `{}`", e.name.name);
        let rust = self.rust_names(
            e.values.iter().map(|v| &v.name),
            names::shouty,
            "values",
            &owner,
            diags,
        );
        let mut consts = Vec::new();
        let mut name_arms = Vec::new();
        let mut values_seen = std::collections::HashSet::new();
        let mut all = Vec::new();
        for (v, shouty) in e.values.iter().zip(&rust) {
            if shouty == "VALUES" {
                diags.push(self.error(
                    v.name.span,
                    format!(
                        "enum value `{}` would collide with the generated `{}::VALUES`",
                        v.name.name, e.name.name
                    ),
                ));
                continue;
            }
            let ident = names::ident(shouty);
            let (value, idl) = (v.value, &v.name.name);
            let vdoc = doc_attrs(v.doc.as_deref(), || format!("`{idl}` = {value}."));
            consts.push(quote!(#vdoc pub const #ident: #name = #name(#value);));
            all.push(quote!(#name::#ident));
            if values_seen.insert(value) {
                name_arms.push(quote!(#value => ::core::option::Option::Some(#idl),));
            }
        }
        let ename = &e.name.name;
        let serde = self.serde_attrs(true);
        quote! {
            #doc
            #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
            #serde
            pub struct #name(pub i32);
            #[allow(non_upper_case_globals)]
            impl #name {
                #(#consts)*
                /// Every value the IDL names, in IDL order.
                pub const VALUES: &'static [#name] = &[#(#all),*];
                /// The IDL name of this value, or `None` for a value the IDL does not name.
                pub fn name(self) -> ::core::option::Option<&'static str> {
                    match self.0 {
                        #(#name_arms)*
                        _ => ::core::option::Option::None,
                    }
                }
            }
            #[automatically_derived]
            impl ::core::fmt::Debug for #name {
                fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    match self.name() {
                        ::core::option::Option::Some(__n) => __f.write_str(__n),
                        ::core::option::Option::None => ::core::write!(__f, "{}({})", #ename, self.0),
                    }
                }
            }
            #[automatically_derived]
            impl ::core::fmt::Display for #name {
                fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    match self.name() {
                        ::core::option::Option::Some(__n) => __f.write_str(__n),
                        ::core::option::Option::None => ::core::write!(__f, "{}", self.0),
                    }
                }
            }
            #[automatically_derived]
            impl ::core::convert::From<i32> for #name {
                fn from(__v: i32) -> Self { #name(__v) }
            }
            #[automatically_derived]
            impl ::core::convert::From<#name> for i32 {
                fn from(__v: #name) -> i32 { __v.0 }
            }
            #[automatically_derived]
            impl #rt::Thrift for #name {
                const TTYPE: #rt::protocol::TType = #rt::protocol::TType::I32;
                #[inline]
                fn encode<__W: #rt::protocol::ProtocolWriter>(&self, __w: &mut __W) -> ::core::result::Result<(), #rt::ProtocolError> {
                    #rt::protocol::ProtocolWriter::write_i32(__w, self.0);
                    ::core::result::Result::Ok(())
                }
                #[inline]
                fn decode<__R: #rt::protocol::ProtocolReader>(__r: &mut __R) -> ::core::result::Result<Self, #rt::ProtocolError> {
                    ::core::result::Result::Ok(#name(#rt::protocol::ProtocolReader::read_i32(__r)?))
                }
            }
        }
    }
}
