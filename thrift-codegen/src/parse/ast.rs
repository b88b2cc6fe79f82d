//! The syntax tree of one `.thrift` file, as written, with a byte span on every node.
//!
//! The parser fills in what the text says; the resolver fills in what it means (the
//! `target` of every named reference, field keys, enum values, recursion marks), so the
//! code generator reads one tree and never looks a name up again.

/// A byte range in one source file. Line and column are derived only when a message needs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// The span from byte `start` to byte `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
}

/// An identifier as written, possibly dotted (`shared.SharedStruct`, `Numberz.ONE`).
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    /// The text.
    pub name: String,
    /// Where it stands.
    pub span: Span,
}

/// One `(key = "value", flag)` entry. A key without value carries `None`.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    /// The dotted key, e.g. `cpp.type`.
    pub key: Ident,
    /// The string value, if one was given.
    pub value: Option<String>,
}

/// A whole file: its headers and definitions in source order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// `include`, `cpp_include` and `namespace` lines, wherever they stood.
    pub headers: Vec<Header>,
    /// Every definition.
    pub definitions: Vec<Definition>,
}

/// A header line.
#[derive(Debug, Clone, PartialEq)]
pub enum Header {
    /// `include "path"`.
    Include(Include),
    /// `cpp_include "path"`: kept for completeness, meaningless to Rust.
    CppInclude(Literal),
    /// `namespace scope name`.
    Namespace(Namespace),
}

/// A string literal with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Literal {
    /// The value, escapes processed.
    pub value: String,
    /// The span of the quoted text.
    pub span: Span,
}

/// `include "path"`.
#[derive(Debug, Clone, PartialEq)]
pub struct Include {
    /// The path as written.
    pub path: Literal,
    /// The whole line.
    pub span: Span,
}

/// `namespace scope name (annotations)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Namespace {
    /// `*`, `rs`, `py.twisted`, ...
    pub scope: Ident,
    /// The namespace itself (may contain `-` for the Smalltalk scopes).
    pub name: Ident,
    /// Annotations after the name.
    pub annotations: Vec<Annotation>,
}

/// A top-level definition.
#[derive(Debug, Clone, PartialEq)]
pub enum Definition {
    /// `const T NAME = value`.
    Const(Const),
    /// `typedef T Name`.
    Typedef(Typedef),
    /// `enum Name { ... }`.
    Enum(Enum),
    /// `senum Name { "a", "b" }` (deprecated; a set of strings).
    Senum(Senum),
    /// `struct`, `union` or `exception`.
    Struct(Struct),
    /// `service Name extends Parent { ... }`.
    Service(Service),
}

impl Definition {
    /// The defined name.
    pub fn name(&self) -> &Ident {
        match self {
            Definition::Const(d) => &d.name,
            Definition::Typedef(d) => &d.name,
            Definition::Enum(d) => &d.name,
            Definition::Senum(d) => &d.name,
            Definition::Struct(d) => &d.name,
            Definition::Service(d) => &d.name,
        }
    }

    /// The span of the whole definition.
    pub fn span(&self) -> Span {
        match self {
            Definition::Const(d) => d.span,
            Definition::Typedef(d) => d.span,
            Definition::Enum(d) => d.span,
            Definition::Senum(d) => d.span,
            Definition::Struct(d) => d.span,
            Definition::Service(d) => d.span,
        }
    }

    /// What kind of thing this is, for messages ("struct", "service", ...).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Definition::Const(_) => "const",
            Definition::Typedef(_) => "typedef",
            Definition::Enum(_) => "enum",
            Definition::Senum(_) => "senum",
            Definition::Struct(s) => s.kind.keyword(),
            Definition::Service(_) => "service",
        }
    }

    /// The doc comment, if the definition has one.
    pub fn doc(&self) -> Option<&str> {
        match self {
            Definition::Const(d) => d.doc.as_deref(),
            Definition::Typedef(d) => d.doc.as_deref(),
            Definition::Enum(d) => d.doc.as_deref(),
            Definition::Senum(d) => d.doc.as_deref(),
            Definition::Struct(d) => d.doc.as_deref(),
            Definition::Service(d) => d.doc.as_deref(),
        }
    }

    pub(crate) fn doc_mut(&mut self) -> &mut Option<String> {
        match self {
            Definition::Const(d) => &mut d.doc,
            Definition::Typedef(d) => &mut d.doc,
            Definition::Enum(d) => &mut d.doc,
            Definition::Senum(d) => &mut d.doc,
            Definition::Struct(d) => &mut d.doc,
            Definition::Service(d) => &mut d.doc,
        }
    }
}

/// `const T NAME = value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Const {
    /// Declared type.
    pub ty: Type,
    /// Name.
    pub name: Ident,
    /// Value.
    pub value: ConstValue,
    /// Doc comment.
    pub doc: Option<String>,
    /// Whole definition.
    pub span: Span,
}

/// `typedef T Name`.
#[derive(Debug, Clone, PartialEq)]
pub struct Typedef {
    /// The aliased type.
    pub ty: Type,
    /// The new name.
    pub name: Ident,
    /// Annotations after the name.
    pub annotations: Vec<Annotation>,
    /// Doc comment.
    pub doc: Option<String>,
    /// Whole definition.
    pub span: Span,
}

/// `enum Name { A = 1, B, ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    /// Name.
    pub name: Ident,
    /// Values in source order.
    pub values: Vec<EnumValue>,
    /// Annotations after the body.
    pub annotations: Vec<Annotation>,
    /// Doc comment.
    pub doc: Option<String>,
    /// Whole definition.
    pub span: Span,
}

/// One enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumValue {
    /// Name.
    pub name: Ident,
    /// The value as written, if written, with its span.
    pub explicit: Option<(i64, Span)>,
    /// The value: explicit, or one more than the previous (0 for the first). Set by the resolver.
    pub value: i32,
    /// Annotations.
    pub annotations: Vec<Annotation>,
    /// Doc comment.
    pub doc: Option<String>,
    /// Whole entry.
    pub span: Span,
}

/// `senum Name { "a", "b" }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Senum {
    /// Name.
    pub name: Ident,
    /// The strings.
    pub values: Vec<Literal>,
    /// Annotations after the body.
    pub annotations: Vec<Annotation>,
    /// Doc comment.
    pub doc: Option<String>,
    /// Whole definition.
    pub span: Span,
}

/// Which keyword introduced a struct-like definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StructKind {
    /// `struct`.
    Struct,
    /// `union`: exactly one field set on the wire.
    Union,
    /// `exception`: a struct that can be thrown.
    Exception,
}

impl StructKind {
    /// The IDL keyword.
    pub fn keyword(self) -> &'static str {
        match self {
            StructKind::Struct => "struct",
            StructKind::Union => "union",
            StructKind::Exception => "exception",
        }
    }
}

/// `struct`, `union` or `exception`.
#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    /// Which keyword.
    pub kind: StructKind,
    /// Name.
    pub name: Ident,
    /// Fields in source order.
    pub fields: Vec<Field>,
    /// Annotations after the body.
    pub annotations: Vec<Annotation>,
    /// Doc comment.
    pub doc: Option<String>,
    /// Whole definition.
    pub span: Span,
}

/// `required`, `optional`, or neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Requiredness {
    /// Always written; decoding fails if absent.
    Required,
    /// Written only when set.
    Optional,
    /// Neither keyword: always written, absence tolerated ("opt-in, req-out").
    #[default]
    Default,
}

/// A field of a struct, union, exception, argument list or `throws` list.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The id as written (`3:`), if written, with its span.
    pub explicit_id: Option<(i64, Span)>,
    /// The wire id: explicit, or Apache's implicit -1, -2, ... Set by the resolver.
    pub id: i16,
    /// Requiredness: as written, except in a union, whose members the resolver makes
    /// `Optional` as Apache does.
    pub requiredness: Requiredness,
    /// Type.
    pub ty: Type,
    /// `&` after the type (C++'s "reference" marker: the author says this field recurses).
    pub reference: bool,
    /// Name.
    pub name: Ident,
    /// Default value.
    pub default: Option<ConstValue>,
    /// Annotations.
    pub annotations: Vec<Annotation>,
    /// Doc comment.
    pub doc: Option<String>,
    /// Set by the resolver: this field's type leads, directly or through typedefs, to a
    /// struct-like type that contains the field's own struct again without a container in
    /// between. A Rust field must box it.
    pub recursive: bool,
    /// Whole field.
    pub span: Span,
}

/// `service Name extends Parent { ... }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Service {
    /// Name.
    pub name: Ident,
    /// Parent service, possibly qualified.
    pub extends: Option<NamedRef>,
    /// Methods.
    pub functions: Vec<Function>,
    /// Annotations after the body.
    pub annotations: Vec<Annotation>,
    /// Doc comment.
    pub doc: Option<String>,
    /// Whole definition.
    pub span: Span,
}

/// One service method.
#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    /// `oneway` (or the old `async`) was given; the span of the keyword.
    pub oneway: Option<Span>,
    /// Result type; `None` for `void`.
    pub returns: Option<Type>,
    /// Name.
    pub name: Ident,
    /// Arguments (`<name>_args` on the wire).
    pub args: Vec<Field>,
    /// `throws (...)` entries, if a `throws` clause was written.
    pub throws: Option<Vec<Field>>,
    /// Annotations.
    pub annotations: Vec<Annotation>,
    /// Doc comment.
    pub doc: Option<String>,
    /// Whole method.
    pub span: Span,
}

/// The built-in scalar types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BaseType {
    /// `bool`.
    Bool,
    /// `i8`, or its old name `byte`.
    I8,
    /// `i16`.
    I16,
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `double`.
    Double,
    /// `string` (and the deprecated `slist`, which Apache reads as a string): UTF-8 text.
    String,
    /// `binary`: bytes.
    Binary,
    /// `uuid`: 16 bytes (Thrift 0.19+).
    Uuid,
}

impl BaseType {
    /// The IDL spelling.
    pub fn keyword(self) -> &'static str {
        match self {
            BaseType::Bool => "bool",
            BaseType::I8 => "i8",
            BaseType::I16 => "i16",
            BaseType::I32 => "i32",
            BaseType::I64 => "i64",
            BaseType::Double => "double",
            BaseType::String => "string",
            BaseType::Binary => "binary",
            BaseType::Uuid => "uuid",
        }
    }
}

/// A reference to a definition by name, resolved later.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedRef {
    /// The name as written, possibly `include_stem.Name`.
    pub name: Ident,
    /// What it names; `None` until resolved (and after a failed lookup).
    pub target: Option<DefId>,
}

/// A type as written.
#[derive(Debug, Clone, PartialEq)]
pub struct Type {
    /// The shape.
    pub kind: TypeKind,
    /// `cpp_type "..."` if given (ignored for Rust).
    pub cpp_type: Option<String>,
    /// Annotations right after the type.
    pub annotations: Vec<Annotation>,
    /// Where the type stands.
    pub span: Span,
}

/// The type as the user wrote it (without annotations), for messages.
impl std::fmt::Display for Type {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.kind {
            TypeKind::Base(b) => f.write_str(b.keyword()),
            TypeKind::Named(n) => f.write_str(&n.name.name),
            TypeKind::List(t) => write!(f, "list<{t}>"),
            TypeKind::Set(t) => write!(f, "set<{t}>"),
            TypeKind::Map(k, v) => write!(f, "map<{k}, {v}>"),
        }
    }
}

/// The shape of a type.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    /// A built-in scalar.
    Base(BaseType),
    /// A struct, union, exception, enum, senum or typedef, by name.
    Named(NamedRef),
    /// `list<T>`.
    List(Box<Type>),
    /// `set<T>`.
    Set(Box<Type>),
    /// `map<K, V>`.
    Map(Box<Type>, Box<Type>),
}

/// The index of a file in a resolved program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A definition: which file, and its index among that file's definitions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DefId {
    /// The file.
    pub file: FileId,
    /// Index into that file's `Document::definitions`.
    pub index: u32,
}

/// What an identifier in a constant value names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConstTarget {
    /// Another `const`.
    Const(DefId),
    /// `Enum.VALUE`: the enum and the value's index in it.
    EnumValue(DefId, u32),
}

/// A constant value as written.
#[derive(Debug, Clone, PartialEq)]
pub struct ConstValue {
    /// The value.
    pub kind: ConstKind,
    /// Where it stands.
    pub span: Span,
}

/// The forms a constant value takes.
#[derive(Debug, Clone, PartialEq)]
pub enum ConstKind {
    /// `true` / `false`.
    Bool(bool),
    /// A decimal or hex integer.
    Int(i64),
    /// A double.
    Double(f64),
    /// A string literal, escapes processed.
    String(String),
    /// An identifier naming a const or `Enum.VALUE`.
    Ident {
        /// The name as written.
        name: Ident,
        /// What it names, set by the resolver.
        target: Option<ConstTarget>,
    },
    /// `[a, b, c]`.
    List(Vec<ConstValue>),
    /// `{k: v, ...}` (also a struct literal, keys naming fields).
    Map(Vec<(ConstValue, ConstValue)>),
}
