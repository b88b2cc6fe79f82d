//! Services: for `service Foo`, the wire structs `FooBarArgs` / `FooBarResult` of each method
//! (Apache's `bar_args` / `bar_result`: field 0 `success`, then the declared exceptions), an
//! error enum per method that `throws`, a client `FooClient`, a handler trait `Foo` (with the
//! parent service's trait as supertrait for `extends`), and `FooServer` that dispatches calls
//! to a handler.

use super::names;
use super::types::{Caps, type_caps};
use super::{Gen, doc_attrs};
use crate::ast::{
    DefId, Definition, Field, Function, Requiredness, Service, Span, Struct, StructKind,
};
use crate::diagnostic::Diagnostic;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The Rust names of one method's items.
struct MethodNames {
    method: Ident,
    args: Ident,
    result: Ident,
    error: Ident,
}

impl Gen<'_> {
    fn method_names(&self, service: &Service, f: &Function) -> MethodNames {
        let svc = names::type_name(&service.name.name);
        let m = names::type_name(&f.name.name);
        MethodNames {
            method: names::ident(&names::snake(&f.name.name)),
            args: format_ident!("{}{}Args", svc, m),
            result: format_ident!("{}{}Result", svc, m),
            error: format_ident!("{}{}Error", svc, m),
        }
    }

    /// The path prefix to items of the file holding service `id`.
    fn service_module(&self, id: DefId) -> TokenStream {
        self.module_path(id.file)
    }

    /// This service and its ancestors (through `extends`), nearest first, with their ids.
    fn lineage(&self, id: DefId) -> Vec<(DefId, &Service)> {
        let mut out = Vec::new();
        let mut next = Some(id);
        while let Some(id) = next {
            let Definition::Service(s) = self.program.definition(id) else {
                break;
            };
            if out.iter().any(|(seen, _)| *seen == id) {
                break;
            }
            out.push((id, s));
            next = s.extends.as_ref().and_then(|e| e.target);
        }
        out
    }

    fn fields_caps(&self, fields: &[Field]) -> Caps {
        let mut c = Caps {
            eq: true,
            hash: true,
            ord: true,
            partial_ord: true,
            default: true,
        };
        for f in fields {
            let fc = type_caps(self.program, self.caps, &f.ty);
            c = Caps {
                eq: c.eq && fc.eq,
                hash: c.hash && fc.hash,
                ord: c.ord && fc.ord,
                partial_ord: c.partial_ord && fc.partial_ord,
                default: c.default && (fc.default || self.is_option(f)),
            };
        }
        c
    }

    fn synthetic(&self, name: &Ident, fields: Vec<Field>, doc: String) -> Struct {
        Struct {
            kind: StructKind::Struct,
            name: crate::ast::Ident {
                name: name.to_string(),
                span: Span::default(),
            },
            fields,
            annotations: Vec::new(),
            doc: Some(doc),
            span: Span::default(),
        }
    }

    /// `success` (id 0) if the method returns a value, then each declared exception; all optional.
    fn result_fields(f: &Function) -> Vec<Field> {
        let optional = |mut field: Field| {
            field.requiredness = Requiredness::Optional;
            field.default = None;
            field
        };
        let mut fields = Vec::new();
        if let Some(ret) = &f.returns {
            fields.push(Field {
                explicit_id: Some((0, Span::default())),
                id: 0,
                requiredness: Requiredness::Optional,
                ty: ret.clone(),
                reference: false,
                name: crate::ast::Ident {
                    name: "success".into(),
                    span: Span::default(),
                },
                default: None,
                annotations: Vec::new(),
                doc: None,
                recursive: false,
                span: Span::default(),
            });
        }
        fields.extend(f.throws.iter().flatten().cloned().map(optional));
        fields
    }

    pub(crate) fn service(
        &self,
        id: DefId,
        s: &Service,
        diags: &mut Vec<Diagnostic>,
    ) -> TokenStream {
        let rt = &self.rt;
        let svc_name = &s.name.name;
        let trait_name = names::ident(&names::type_name(svc_name));
        let client = format_ident!("{}Client", names::type_name(svc_name));
        let server = format_ident!("{}Server", names::type_name(svc_name));
        let dispatch = format_ident!("__{}_dispatch", names::snake(svc_name));
        let doc = self.def_doc(s.doc.as_deref(), svc_name, "service");
        let mut out = TokenStream::new();

        // The items generated for the service must not take a name the IDL already uses.
        let taken: std::collections::HashSet<String> = self.program.files[self.file.0 as usize]
            .document
            .definitions
            .iter()
            .map(|d| self.item_ident(d).to_string())
            .collect();
        let mut generated = vec![(client.to_string(), &s.name), (server.to_string(), &s.name)];
        for f in &s.functions {
            let n = self.method_names(s, f);
            generated.extend([
                (n.args.to_string(), &f.name),
                (n.result.to_string(), &f.name),
            ]);
            if f.throws.as_ref().is_some_and(|t| !t.is_empty()) {
                generated.push((n.error.to_string(), &f.name));
            }
        }
        let clashes: Vec<_> = generated
            .into_iter()
            .filter(|(name, _)| taken.contains(name))
            .collect();
        for (name, at) in &clashes {
            diags.push(self.error(
                at.span,
                format!("the `{name}` generated for service `{svc_name}` collides with a definition of the same name"),
            ));
        }
        if !clashes.is_empty() {
            return out;
        }

        // Wire structs and error enums of this service's own methods.
        for f in &s.functions {
            let snake = names::snake(&f.name.name);
            if matches!(snake.as_str(), "connect" | "new" | "channel") {
                diags.push(self.error(
                    f.name.span,
                    format!(
                        "method `{}` would collide with the generated `{client}::{snake}`",
                        f.name.name
                    ),
                ));
                return out;
            }
            let n = self.method_names(s, f);
            let args = self.synthetic(
                &n.args,
                f.args.clone(),
                format!(
                    "The arguments of `{svc_name}.{}` on the wire (`{}_args`).",
                    f.name.name, f.name.name
                ),
            );
            out.extend(self.strukt(self.fields_caps(&args.fields), &args, diags));
            if f.oneway.is_none() {
                let result = self.synthetic(
                    &n.result,
                    Self::result_fields(f),
                    format!(
                        "The reply of `{svc_name}.{}` on the wire (`{}_result`).",
                        f.name.name, f.name.name
                    ),
                );
                out.extend(self.strukt(self.fields_caps(&result.fields), &result, diags));
            }
            if let Some(throws) = f.throws.as_ref().filter(|t| !t.is_empty()) {
                out.extend(self.error_enum(&n.error, svc_name, f, throws));
            }
        }

        // The handler trait: the parent's trait as supertrait.
        let parent_trait = s.extends.as_ref().and_then(|e| e.target).map(|pid| {
            let p = self.def_path(pid);
            quote!(#p +)
        });
        let trait_methods = s.functions.iter().map(|f| {
            let n = self.method_names(s, f);
            let method = &n.method;
            let params = f.args.iter().map(|a| {
                let name = names::ident(&names::snake(&a.name.name));
                let ty = self.param_type(a);
                quote!(#name: #ty)
            });
            let ok = f.returns.as_ref().map_or(quote!(()), |t| self.rust_type(t));
            let err = self.method_error_type(s, f, &n);
            let fdoc = doc_attrs(f.doc.as_deref(), || format!("Handles `{svc_name}.{}`.", f.name.name));
            quote! {
                #fdoc
                fn #method(&self, #(#params),*) -> impl ::core::future::Future<Output = ::core::result::Result<#ok, #err>> + ::core::marker::Send;
            }
        });

        // Client methods: own and inherited.
        let client_methods = self
            .lineage(id)
            .into_iter()
            .flat_map(|(sid, svc)| {
                let module = self.service_module(sid);
                svc.functions
                    .iter()
                    .map(move |f| (module.clone(), svc, f))
                    .collect::<Vec<_>>()
            })
            .map(|(module, svc, f)| self.client_method(&module, svc, f));

        // Dispatch: own methods, then the parent's.
        let arms = s.functions.iter().map(|f| self.dispatch_arm(s, f));
        let fallback = match s.extends.as_ref().and_then(|e| e.target) {
            Some(pid) => {
                let Definition::Service(parent) = self.program.definition(pid) else {
                    return out;
                };
                let module = self.service_module(pid);
                let pd = format_ident!("__{}_dispatch", names::snake(&parent.name.name));
                quote!(#module #pd(__h, __req).await)
            }
            None => quote!(::core::option::Option::None),
        };

        out.extend(quote! {
            #doc
            pub trait #trait_name: #parent_trait ::core::marker::Send + ::core::marker::Sync + 'static {
                #(#trait_methods)*
            }

            #[doc(hidden)]
            pub async fn #dispatch<__H: #trait_name + ?::core::marker::Sized>(
                __h: &__H,
                __req: &#rt::server::Request,
            ) -> ::core::option::Option<::core::option::Option<#rt::server::Reply>> {
                match __req.method() {
                    #(#arms)*
                    _ => #fallback,
                }
            }

            #[doc = ::core::concat!(" A client of `", #svc_name, "`: clone it freely, call from many tasks at once.")]
            #[derive(Debug, Clone)]
            pub struct #client {
                channel: #rt::client::Channel,
            }

            impl #client {
                /// Connects over TCP with the defaults: binary protocol, buffered transport.
                pub async fn connect(addr: impl #rt::__private::ToSocketAddrs) -> ::core::result::Result<Self, #rt::Error> {
                    ::core::result::Result::Ok(#client { channel: #rt::client::Channel::connect(addr).await? })
                }

                /// A client over a channel built with [`ClientBuilder`](#rt::client::ClientBuilder).
                pub fn new(channel: #rt::client::Channel) -> Self {
                    #client { channel }
                }

                /// The channel underneath.
                pub fn channel(&self) -> &#rt::client::Channel {
                    &self.channel
                }

                #(#client_methods)*
            }

            #[doc = ::core::concat!(" Serves `", #svc_name, "` with a handler: give it to a `ServerBuilder`.")]
            #[derive(Debug)]
            pub struct #server<__H>(::std::sync::Arc<__H>);

            impl<__H: #trait_name> #server<__H> {
                /// Serves calls with `handler`.
                pub fn new(handler: __H) -> Self {
                    #server(::std::sync::Arc::new(handler))
                }

                /// Serves calls with a shared handler.
                pub fn from_arc(handler: ::std::sync::Arc<__H>) -> Self {
                    #server(handler)
                }
            }

            impl<__H: #trait_name> #rt::server::Service for #server<__H> {
                async fn call(&self, __req: #rt::server::Request) -> ::core::option::Option<#rt::server::Reply> {
                    match #dispatch(&*self.0, &__req).await {
                        ::core::option::Option::Some(__reply) => __reply,
                        ::core::option::Option::None => ::core::option::Option::Some(__req.unknown_method()),
                    }
                }
            }
        });
        out
    }

    /// A handler's parameter type: the field's type, `Option` for an optional argument.
    fn param_type(&self, a: &Field) -> TokenStream {
        let ty = self.rust_type(&a.ty);
        if self.is_option(a) {
            quote!(::core::option::Option<#ty>)
        } else {
            ty
        }
    }

    /// The error type of a method: its error enum if it declares exceptions, else the runtime's.
    fn method_error_type(&self, s: &Service, f: &Function, n: &MethodNames) -> TokenStream {
        let _ = s;
        let rt = &self.rt;
        match &f.throws {
            Some(t) if !t.is_empty() => {
                let e = &n.error;
                quote!(#e)
            }
            _ => quote!(#rt::Error),
        }
    }

    fn error_enum(&self, name: &Ident, svc: &str, f: &Function, throws: &[Field]) -> TokenStream {
        let rt = &self.rt;
        let variants: Vec<Ident> = throws
            .iter()
            .map(|t| names::ident(&names::variant(&t.name.name)))
            .collect();
        let types: Vec<TokenStream> = throws.iter().map(|t| self.rust_type(&t.ty)).collect();
        let doc = format!(
            " What `{svc}.{}` fails with: a declared exception, or any other error.",
            f.name.name
        );
        let vdocs = throws
            .iter()
            .map(|t| format!(" The declared exception `{}` (id {}).", t.name.name, t.id));
        quote! {
            #[doc = #doc]
            #[derive(Debug, Clone, PartialEq)]
            pub enum #name {
                #( #[doc = #vdocs] #variants(#types), )*
                /// Anything else: transport, protocol, or an application exception.
                Thrift(#rt::Error),
            }
            #[automatically_derived]
            impl ::core::fmt::Display for #name {
                fn fmt(&self, __f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    match self {
                        #( #name::#variants(__e) => ::core::write!(__f, "{:?}", __e), )*
                        #name::Thrift(__e) => ::core::fmt::Display::fmt(__e, __f),
                    }
                }
            }
            #[automatically_derived]
            impl ::std::error::Error for #name {}
            #[automatically_derived]
            impl ::core::convert::From<#rt::Error> for #name {
                fn from(__e: #rt::Error) -> Self { #name::Thrift(__e) }
            }
            #(
                #[automatically_derived]
                impl ::core::convert::From<#types> for #name {
                    fn from(__e: #types) -> Self { #name::#variants(__e) }
                }
            )*
        }
    }

    fn client_method(&self, module: &TokenStream, s: &Service, f: &Function) -> TokenStream {
        let rt = &self.rt;
        let n = self.method_names(s, f);
        let (method, args_ty, result_ty) = (&n.method, &n.args, &n.result);
        let wire_name = &f.name.name;
        let params: Vec<(Ident, TokenStream)> = f
            .args
            .iter()
            .map(|a| {
                (
                    names::ident(&names::snake(&a.name.name)),
                    self.param_type(a),
                )
            })
            .collect();
        let param_list = params.iter().map(|(n, t)| quote!(#n: #t));
        let field_inits = params.iter().map(|(n, _)| quote!(#n));
        let fdoc = doc_attrs(f.doc.as_deref(), || {
            format!("Calls `{}.{wire_name}`.", s.name.name)
        });
        let args = quote!(#module #args_ty { #(#field_inits),* });
        if f.oneway.is_some() {
            return quote! {
                #fdoc
                pub async fn #method(&self, #(#param_list),*) -> ::core::result::Result<(), #rt::Error> {
                    self.channel.oneway(#wire_name, &#args).await
                }
            };
        }
        let ok = f.returns.as_ref().map_or(quote!(()), |t| self.rust_type(t));
        let throws: Vec<&Field> = f.throws.iter().flatten().collect();
        let (err, wrap) = if throws.is_empty() {
            (quote!(#rt::Error), quote!())
        } else {
            let e = &n.error;
            (quote!(#module #e), quote!(.map_err(#module #e::Thrift)))
        };
        let checks = throws.iter().map(|t| {
            let field = names::ident(&names::snake(&t.name.name));
            let variant = names::ident(&names::variant(&t.name.name));
            let e = &n.error;
            quote! {
                if let ::core::option::Option::Some(__e) = __r.#field {
                    return ::core::result::Result::Err(#module #e::#variant(__e));
                }
            }
        });
        let success = match &f.returns {
            Some(_) => quote! {
                match __r.success {
                    ::core::option::Option::Some(__v) => ::core::result::Result::Ok(__v),
                    ::core::option::Option::None => ::core::result::Result::Err(::core::convert::From::from(
                        #rt::Error::from(#rt::ApplicationException::new(
                            #rt::ApplicationExceptionKind::MISSING_RESULT,
                            ::core::concat!("`", #wire_name, "` replied with neither a result nor a declared exception"),
                        ))
                    )),
                }
            },
            None => quote!(::core::result::Result::Ok(())),
        };
        quote! {
            #fdoc
            pub async fn #method(&self, #(#param_list),*) -> ::core::result::Result<#ok, #err> {
                #[allow(unused_variables)]
                let __r: #module #result_ty = self.channel.call(#wire_name, &#args).await #wrap ?;
                #(#checks)*
                #success
            }
        }
    }

    fn dispatch_arm(&self, s: &Service, f: &Function) -> TokenStream {
        let n = self.method_names(s, f);
        let (method, args_ty, result_ty) = (&n.method, &n.args, &n.result);
        let wire_name = &f.name.name;
        let fields: Vec<Ident> = f
            .args
            .iter()
            .map(|a| names::ident(&names::snake(&a.name.name)))
            .collect();
        let call = quote!(__h.#method(#(__a.#fields),*).await);
        if f.oneway.is_some() {
            return quote! {
                #wire_name => {
                    // No reply: a oneway call's failure has nowhere to go.
                    if let ::core::result::Result::Ok(__a) = __req.args::<#args_ty>() {
                        let _ = #call;
                    }
                    ::core::option::Option::Some(::core::option::Option::None)
                }
            };
        }
        let result_fields = Self::result_fields(f);
        let all_none: Vec<Ident> = result_fields
            .iter()
            .map(|r| names::ident(&names::snake(&r.name.name)))
            .collect();
        let none_inits = |except: Option<&Ident>, value: TokenStream| {
            let inits = all_none.iter().map(|fname| {
                if Some(fname) == except {
                    quote!(#fname: ::core::option::Option::Some(#value))
                } else {
                    quote!(#fname: ::core::option::Option::None)
                }
            });
            quote!(#result_ty { #(#inits),* })
        };
        let success_ident = format_ident!("success");
        let (ok_pattern, ok_reply) = if f.returns.is_some() {
            (quote!(__v), none_inits(Some(&success_ident), quote!(__v)))
        } else {
            (quote!(()), none_inits(None, quote!()))
        };
        let throws: Vec<&Field> = f.throws.iter().flatten().collect();
        let err_arms = if throws.is_empty() {
            quote!(::core::result::Result::Err(__e) => __req.error(__e),)
        } else {
            let e = &n.error;
            let arms = throws.iter().map(|t| {
                let variant = names::ident(&names::variant(&t.name.name));
                let field = names::ident(&names::snake(&t.name.name));
                let r = none_inits(Some(&field), quote!(__x));
                quote!(::core::result::Result::Err(#e::#variant(__x)) => __req.reply(&#r),)
            });
            quote! {
                #(#arms)*
                ::core::result::Result::Err(#e::Thrift(__e)) => __req.error(__e),
            }
        };
        quote! {
            #wire_name => ::core::option::Option::Some(::core::option::Option::Some(
                match __req.args::<#args_ty>() {
                    ::core::result::Result::Err(__e) => __req.bad_args(__e),
                    ::core::result::Result::Ok(__a) => match #call {
                        ::core::result::Result::Ok(#ok_pattern) => __req.reply(&#ok_reply),
                        #err_arms
                    },
                }
            )),
        }
    }
}
