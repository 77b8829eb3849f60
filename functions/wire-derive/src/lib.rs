//! `#[derive(Decode)]`: the SPA's decoder of a wire type, generated from the same `#[serde(..)]` attributes
//! that shape the type's JSON, so that the two cannot disagree. A decoder reads a parsed JSON value field by
//! field (`studio_wire::decode`); serde's derived `Deserialize`, instantiated over a deserializer, weighed about
//! three times as much in the SPA's wasm.
//!
//! Understood: on a type `rename_all` (`snake_case`, `lowercase`), `default`, `transparent`, `try_from`; on a
//! field `default` and `rename`. Attributes that only shape serialization (`skip_serializing_if`, `bound`,
//! `deny_unknown_fields`, `with` — a field's type decodes itself) are ignored. Anything else this derive cannot
//! honour is a compile error, never a silent difference.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;
use syn::{
    Attribute, Data, DeriveInput, Fields, GenericParam, LitStr, Token, Type, parse_macro_input,
    parse_quote, spanned::Spanned,
};

#[proc_macro_derive(Decode, attributes(serde))]
pub fn derive_decode(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// What the `#[serde(..)]` attributes of a type or a field say that decoding must honour.
#[derive(Default)]
struct Serde {
    rename_all: Option<String>,
    rename: Option<String>,
    default: bool,
    transparent: bool,
    try_from: Option<Type>,
    tag: bool,
}

fn serde_attrs(attrs: &[Attribute]) -> syn::Result<Serde> {
    let mut serde = Serde::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            let key = meta
                .path
                .get_ident()
                .map(|i| i.to_string())
                .unwrap_or_default();
            match key.as_str() {
                "rename_all" => serde.rename_all = Some(meta.value()?.parse::<LitStr>()?.value()),
                "rename" => serde.rename = Some(meta.value()?.parse::<LitStr>()?.value()),
                "try_from" => serde.try_from = Some(meta.value()?.parse::<LitStr>()?.parse()?),
                "transparent" => serde.transparent = true,
                "tag" => {
                    serde.tag = true;
                    meta.value()?.parse::<LitStr>()?;
                }
                "default" if meta.input.peek(Token![=]) => {
                    return Err(meta.error("Decode: `default = \"path\"` is not supported"));
                }
                "default" => serde.default = true,
                "skip_serializing_if" | "with" | "into" | "bound" | "deny_unknown_fields" => {
                    if meta.input.peek(Token![=]) {
                        meta.value()?.parse::<LitStr>()?;
                    } else if !meta.input.is_empty() && !meta.input.peek(Token![,]) {
                        let content;
                        syn::parenthesized!(content in meta.input);
                        content.parse::<Tokens>()?;
                    }
                }
                _ => return Err(meta.error(format!("Decode does not understand `serde({key})`"))),
            }
            Ok(())
        })?;
    }
    Ok(serde)
}

/// A Rust name as the JSON spells it under `rename_all`.
fn renamed(name: &str, rule: Option<&str>) -> syn::Result<String> {
    Ok(match rule {
        None => name.to_owned(),
        Some("lowercase") => name.to_lowercase(),
        Some("snake_case") => {
            let mut out = String::new();
            for (i, c) in name.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    out.push('_');
                }
                out.extend(c.to_lowercase());
            }
            out
        }
        Some(other) => {
            return Err(syn::Error::new(
                proc_macro2::Span::call_site(),
                format!("Decode does not know rename_all = \"{other}\""),
            ));
        }
    })
}

fn expand(mut input: DeriveInput) -> syn::Result<Tokens> {
    let serde = serde_attrs(&input.attrs)?;
    let name = &input.ident;
    for param in &mut input.generics.params {
        if let GenericParam::Type(t) = param {
            t.bounds.push(parse_quote!(::studio_wire::decode::Decode));
        }
    }
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let (body, placeholder) = if let Some(raw) = &serde.try_from {
        (
            quote! { ::studio_wire::decode::converted::<#raw, Self>(value) },
            quote! { <Self as ::core::default::Default>::default() },
        )
    } else {
        match &input.data {
            Data::Struct(data) => struct_body(&data.fields, &serde)?,
            Data::Enum(data) => {
                if serde.tag {
                    return Err(syn::Error::new(
                        name.span(),
                        "Decode: a tagged enum needs `try_from`",
                    ));
                }
                let mut names = Vec::new();
                let mut arms = Vec::new();
                let first = data.variants.first().map(|v| &v.ident).ok_or_else(|| {
                    syn::Error::new(name.span(), "Decode: an enum needs a variant")
                })?;
                for (i, variant) in data.variants.iter().enumerate() {
                    if !matches!(variant.fields, Fields::Unit) {
                        return Err(syn::Error::new(
                            variant.span(),
                            "Decode: an enum with data needs `try_from`",
                        ));
                    }
                    let field = serde_attrs(&variant.attrs)?;
                    let ident = &variant.ident;
                    names.push(match field.rename {
                        Some(n) => n,
                        None => renamed(&ident.to_string(), serde.rename_all.as_deref())?,
                    });
                    arms.push(quote! { #i => Self::#ident, });
                }
                (
                    quote! {
                        Ok(match ::studio_wire::decode::variant(value, &[#(#names),*])? {
                            #(#arms)*
                            _ => unreachable!(),
                        })
                    },
                    quote! { Self::#first },
                )
            }
            Data::Union(_) => return Err(syn::Error::new(name.span(), "Decode: no unions")),
        }
    };
    Ok(quote! {
        impl #impl_generics ::studio_wire::decode::Decode for #name #ty_generics #where_clause {
            // Once in the wasm, however many lists, fields and fetches read the type.
            #[inline(never)]
            fn decode(value: &::studio_wire::decode::Value) -> ::core::result::Result<Self, ::studio_wire::decode::DecodeError> {
                #body
            }

            fn placeholder() -> Self {
                #placeholder
            }
        }
    })
}

/// A struct's decoder and placeholder.
fn struct_body(fields: &Fields, serde: &Serde) -> syn::Result<(Tokens, Tokens)> {
    if serde.transparent || matches!(fields, Fields::Unnamed(f) if f.unnamed.len() == 1) {
        let field = fields.iter().next().ok_or_else(|| {
            syn::Error::new(fields.span(), "Decode: a transparent type needs one field")
        })?;
        let decoded = quote! { ::studio_wire::decode::Decode::decode(value)? };
        let placeholder = quote! { ::studio_wire::decode::Decode::placeholder() };
        return Ok(match &field.ident {
            Some(ident) => (
                quote! { Ok(Self { #ident: #decoded }) },
                quote! { Self { #ident: #placeholder } },
            ),
            None => (quote! { Ok(Self(#decoded)) }, quote! { Self(#placeholder) }),
        });
    }
    let Fields::Named(named) = fields else {
        return Err(syn::Error::new(fields.span(), "Decode: named fields only"));
    };
    let default = serde
        .default
        .then(|| quote! { let default = <Self as ::core::default::Default>::default(); });
    let mut inits = Vec::new();
    let mut placeholders = Vec::new();
    for field in &named.named {
        let attrs = serde_attrs(&field.attrs)?;
        let ident = field.ident.as_ref().expect("named");
        let key = match attrs.rename {
            Some(n) => n,
            None => renamed(&ident.to_string(), serde.rename_all.as_deref())?,
        };
        let init = if attrs.default {
            quote! { object.field_or_default(#key) }
        } else if serde.default {
            quote! { object.field_or(#key, move || default.#ident) }
        } else {
            quote! { object.field(#key) }
        };
        inits.push(quote! { #ident: #init });
        placeholders.push(quote! { #ident: ::studio_wire::decode::Decode::placeholder() });
    }
    Ok((
        quote! {
            let object = ::studio_wire::decode::Object::new(value)?;
            #default
            let decoded = Self { #(#inits,)* };
            object.finish(decoded)
        },
        quote! { Self { #(#placeholders,)* } },
    ))
}
