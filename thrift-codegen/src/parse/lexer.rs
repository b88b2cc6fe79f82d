//! The hand-written lexer: `.thrift` text to tokens for the lalrpop parser.
//!
//! It never stops at a bad character: it records a diagnostic, skips, and goes on, so one
//! stray byte does not hide every later error. Doc comments (`/** */`, `///`) are not
//! tokens; they are kept beside the token stream, keyed by the offset of the token that
//! follows them, and attached to the item that starts there after parsing.

use super::ast::Span;
use crate::diagnostic::Diagnostic;

/// A token. Literals carry their processed value; identifiers borrow the source.
/// Punctuation and keywords are named for their spelling (see [`Tok::spelling`]).
#[allow(missing_docs, reason = "each variant is its spelling")]
#[derive(Debug, Clone, PartialEq)]
pub enum Tok<'a> {
    /// `[A-Za-z_][A-Za-z0-9_.]*`.
    Ident(&'a str),
    /// An identifier with `-` in it: only valid as a namespace name.
    StIdent(&'a str),
    /// `"..."` or `'...'`, escapes processed.
    Literal(String),
    /// A decimal or hex integer, sign included.
    Int(i64),
    /// A double, sign included.
    Double(f64),
    LBrace,
    RBrace,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Lt,
    Gt,
    Comma,
    Semi,
    Colon,
    Eq,
    Star,
    Amp,
    Include,
    CppInclude,
    Namespace,
    Const,
    Typedef,
    Enum,
    Senum,
    Struct,
    Union,
    Exception,
    Service,
    Extends,
    Oneway,
    Async,
    Throws,
    Required,
    Optional,
    Void,
    Bool,
    Byte,
    I8,
    I16,
    I32,
    I64,
    Double_,
    String_,
    Binary,
    Uuid,
    Slist,
    Map,
    Set,
    List,
    CppType,
    XsdAll,
    XsdOptional,
    XsdNillable,
    XsdAttrs,
    True,
    False,
}

impl std::fmt::Display for Tok<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Tok::Ident(s) | Tok::StIdent(s) => write!(f, "identifier `{s}`"),
            Tok::Literal(s) => write!(f, "string {s:?}"),
            Tok::Int(v) => write!(f, "integer `{v}`"),
            Tok::Double(v) => write!(f, "number `{v}`"),
            other => write!(f, "`{}`", other.spelling()),
        }
    }
}

const KEYWORDS: &[(&str, Tok<'static>)] = &[
    ("include", Tok::Include),
    ("cpp_include", Tok::CppInclude),
    ("namespace", Tok::Namespace),
    ("const", Tok::Const),
    ("typedef", Tok::Typedef),
    ("enum", Tok::Enum),
    ("senum", Tok::Senum),
    ("struct", Tok::Struct),
    ("union", Tok::Union),
    ("exception", Tok::Exception),
    ("service", Tok::Service),
    ("extends", Tok::Extends),
    ("oneway", Tok::Oneway),
    ("async", Tok::Async),
    ("throws", Tok::Throws),
    ("required", Tok::Required),
    ("optional", Tok::Optional),
    ("void", Tok::Void),
    ("bool", Tok::Bool),
    ("byte", Tok::Byte),
    ("i8", Tok::I8),
    ("i16", Tok::I16),
    ("i32", Tok::I32),
    ("i64", Tok::I64),
    ("double", Tok::Double_),
    ("string", Tok::String_),
    ("binary", Tok::Binary),
    ("uuid", Tok::Uuid),
    ("slist", Tok::Slist),
    ("map", Tok::Map),
    ("set", Tok::Set),
    ("list", Tok::List),
    ("cpp_type", Tok::CppType),
    ("xsd_all", Tok::XsdAll),
    ("xsd_optional", Tok::XsdOptional),
    ("xsd_nillable", Tok::XsdNillable),
    ("xsd_attrs", Tok::XsdAttrs),
    ("true", Tok::True),
    ("false", Tok::False),
];

impl Tok<'_> {
    /// How the token is written, for punctuation and keywords.
    pub fn spelling(&self) -> &'static str {
        match self {
            Tok::LBrace => "{",
            Tok::RBrace => "}",
            Tok::LParen => "(",
            Tok::RParen => ")",
            Tok::LBracket => "[",
            Tok::RBracket => "]",
            Tok::Lt => "<",
            Tok::Gt => ">",
            Tok::Comma => ",",
            Tok::Semi => ";",
            Tok::Colon => ":",
            Tok::Eq => "=",
            Tok::Star => "*",
            Tok::Amp => "&",
            Tok::Ident(_) | Tok::StIdent(_) => "identifier",
            Tok::Literal(_) => "string literal",
            Tok::Int(_) => "integer",
            Tok::Double(_) => "number",
            kw => KEYWORDS
                .iter()
                .find(|(_, t)| t == kw)
                .map_or("keyword", |(s, _)| s),
        }
    }
}

/// What the lexer produced for one file.
#[derive(Debug, Default)]
pub struct Lexed<'a> {
    /// Tokens with byte offsets.
    pub tokens: Vec<(usize, Tok<'a>, usize)>,
    /// Doc comments: (offset of the token after the comment, cleaned text).
    pub docs: Vec<(usize, String)>,
    /// Bad characters, unterminated strings and comments, numbers out of range.
    pub errors: Vec<Diagnostic>,
    /// An unterminated string or comment swallowed the rest of the file: the parser's
    /// complaint about the early end would only repeat that error.
    pub truncated: bool,
}

/// Cuts `src` into tokens. A UTF-8 byte order mark is skipped; CRLF is whitespace like LF.
pub fn lex(src: &str) -> Lexed<'_> {
    let mut lx = Lexer {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        out: Lexed::default(),
        pending_doc: None,
        pending_is_line_doc: false,
    };
    if src.starts_with('\u{feff}') {
        lx.pos = '\u{feff}'.len_utf8();
    }
    lx.run();
    lx.out
}

struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    out: Lexed<'a>,
    /// The last doc comment seen and not yet claimed by a token.
    pending_doc: Option<String>,
    /// Whether `pending_doc` came from `///` lines (so another such line extends it).
    pending_is_line_doc: bool,
}

impl<'a> Lexer<'a> {
    fn peek(&self, ahead: usize) -> u8 {
        self.bytes.get(self.pos + ahead).copied().unwrap_or(0)
    }

    fn error(&mut self, start: usize, end: usize, message: impl Into<String>) {
        self.out
            .errors
            .push(Diagnostic::error(Span::new(start, end), message));
    }

    fn push(&mut self, start: usize, tok: Tok<'a>) {
        if let Some(doc) = self.pending_doc.take() {
            self.out.docs.push((start, doc));
        }
        self.out.tokens.push((start, tok, self.pos));
    }

    fn run(&mut self) {
        while self.pos < self.bytes.len() {
            let start = self.pos;
            let c = self.bytes[self.pos];
            match c {
                b' ' | b'\t' | b'\r' | b'\n' | b'\x0c' => self.pos += 1,
                b'#' => self.skip_line(),
                b'/' if self.peek(1) == b'/' => {
                    if self.peek(2) == b'/' && self.peek(3) != b'/' {
                        self.line_doc();
                    } else {
                        self.skip_line();
                    }
                }
                b'/' if self.peek(1) == b'*' => self.block_comment(),
                b'"' | b'\'' => self.literal(c),
                b'0'..=b'9' | b'.' if c != b'.' || self.peek(1).is_ascii_digit() => self.number(),
                b'+' | b'-' if self.peek(1).is_ascii_digit() || self.peek(1) == b'.' => {
                    self.number()
                }
                b'A'..=b'Z' | b'a'..=b'z' | b'_' => self.word(),
                _ => {
                    let tok = match c {
                        b'{' => Some(Tok::LBrace),
                        b'}' => Some(Tok::RBrace),
                        b'(' => Some(Tok::LParen),
                        b')' => Some(Tok::RParen),
                        b'[' => Some(Tok::LBracket),
                        b']' => Some(Tok::RBracket),
                        b'<' => Some(Tok::Lt),
                        b'>' => Some(Tok::Gt),
                        b',' => Some(Tok::Comma),
                        b';' => Some(Tok::Semi),
                        b':' => Some(Tok::Colon),
                        b'=' => Some(Tok::Eq),
                        b'*' => Some(Tok::Star),
                        b'&' => Some(Tok::Amp),
                        _ => None,
                    };
                    match tok {
                        Some(tok) => {
                            self.pos += 1;
                            self.push(start, tok);
                        }
                        None => {
                            let ch = self.src[start..].chars().next().unwrap_or('\0');
                            self.pos += ch.len_utf8();
                            self.error(start, self.pos, format!("unexpected character {ch:?}"));
                        }
                    }
                }
            }
        }
    }

    fn skip_line(&mut self) {
        while self.pos < self.bytes.len() && self.bytes[self.pos] != b'\n' {
            self.pos += 1;
        }
    }

    /// `///` lines; consecutive ones form one doc comment.
    fn line_doc(&mut self) {
        let start = self.pos;
        self.skip_line();
        let line = self.src[start + 3..self.pos].trim_end_matches('\r');
        let line = line.strip_prefix(' ').unwrap_or(line);
        // A `///` line continues a `///` doc that no token has claimed yet.
        match (&mut self.pending_doc, self.pending_is_line_doc) {
            (Some(doc), true) => {
                doc.push('\n');
                doc.push_str(line);
            }
            _ => self.pending_doc = Some(line.to_string()),
        }
        self.pending_is_line_doc = true;
    }

    fn block_comment(&mut self) {
        let start = self.pos;
        let is_doc = self.peek(2) == b'*' && self.peek(3) != b'/';
        match self.src[start + 2..].find("*/") {
            Some(rel) => {
                let body_end = start + 2 + rel;
                self.pos = body_end + 2;
                if is_doc {
                    self.pending_doc = Some(clean_block_doc(&self.src[start + 3..body_end]));
                    self.pending_is_line_doc = false;
                }
            }
            None => {
                self.pos = self.bytes.len();
                self.error(
                    start,
                    start + 2,
                    "unterminated comment: `/*` has no closing `*/`",
                );
            }
        }
    }

    fn literal(&mut self, quote: u8) {
        let start = self.pos;
        self.pos += 1;
        let mut value = String::new();
        loop {
            let Some(ch) = self.src[self.pos..].chars().next() else {
                self.out.truncated = true;
                self.error(
                    start,
                    start + 1,
                    "unterminated string: no closing quote before the end of the file",
                );
                return;
            };
            self.pos += ch.len_utf8();
            match ch {
                c if c as u32 == quote as u32 => break,
                '\\' => {
                    let esc_start = self.pos - 1;
                    let Some(e) = self.src[self.pos..].chars().next() else {
                        continue;
                    };
                    self.pos += e.len_utf8();
                    match e {
                        'n' => value.push('\n'),
                        'r' => value.push('\r'),
                        't' => value.push('\t'),
                        '\\' => value.push('\\'),
                        '"' => value.push('"'),
                        '\'' => value.push('\''),
                        _ => self.error(
                            esc_start,
                            self.pos,
                            format!(
                                "unknown escape `\\{e}` in string; expected one of \\n \\r \\t \\\\ \\\" \\'"
                            ),
                        ),
                    }
                }
                c => value.push(c),
            }
        }
        self.push(start, Tok::Literal(value));
    }

    fn number(&mut self) {
        let start = self.pos;
        let negative = self.peek(0) == b'-';
        if matches!(self.peek(0), b'+' | b'-') {
            self.pos += 1;
        }
        let digits_start = self.pos;
        if self.peek(0) == b'0' && matches!(self.peek(1), b'x' | b'X') {
            self.pos += 2;
            let hex_start = self.pos;
            while self.peek(0).is_ascii_hexdigit() {
                self.pos += 1;
            }
            let hex = &self.src[hex_start..self.pos];
            let magnitude = u64::from_str_radix(hex, 16).ok();
            self.finish_int(start, negative, magnitude, hex.is_empty());
            return;
        }
        while self.peek(0).is_ascii_digit() {
            self.pos += 1;
        }
        let mut is_double = false;
        if self.peek(0) == b'.' && self.peek(1).is_ascii_digit() {
            is_double = true;
            self.pos += 1;
            while self.peek(0).is_ascii_digit() {
                self.pos += 1;
            }
        }
        if matches!(self.peek(0), b'e' | b'E')
            && (self.peek(1).is_ascii_digit()
                || (matches!(self.peek(1), b'+' | b'-') && self.peek(2).is_ascii_digit()))
        {
            is_double = true;
            self.pos += 2;
            while self.peek(0).is_ascii_digit() {
                self.pos += 1;
            }
        }
        let text = &self.src[start..self.pos];
        if is_double {
            match text.parse::<f64>() {
                Ok(v) => self.push(start, Tok::Double(v)),
                Err(_) => self.error(start, self.pos, format!("malformed number `{text}`")),
            }
        } else {
            let magnitude = self.src[digits_start..self.pos].parse::<u64>().ok();
            self.finish_int(start, negative, magnitude, false);
        }
    }

    fn finish_int(&mut self, start: usize, negative: bool, magnitude: Option<u64>, empty: bool) {
        let text = &self.src[start..self.pos];
        let value = magnitude.and_then(|m| {
            if negative {
                0i64.checked_sub_unsigned(m)
            } else {
                i64::try_from(m).ok()
            }
        });
        match value {
            Some(v) if !empty => self.push(start, Tok::Int(v)),
            _ => {
                let message = if empty {
                    format!("malformed number `{text}`")
                } else {
                    format!("integer `{text}` does not fit in 64 bits")
                };
                self.error(start, self.pos, message);
                // Still a number to the parser, so the error does not cascade.
                self.push(start, Tok::Int(0));
            }
        }
    }

    fn word(&mut self) {
        let start = self.pos;
        let mut has_dash = false;
        loop {
            match self.peek(0) {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' => self.pos += 1,
                // A dot continues an identifier only if an identifier character follows.
                b'.' if self.peek(1).is_ascii_alphanumeric() || self.peek(1) == b'_' => {
                    self.pos += 1
                }
                // Apache's st_identifier: `Thrift-Test`, for Smalltalk-era namespaces.
                b'-' if self.peek(1).is_ascii_alphabetic() => {
                    has_dash = true;
                    self.pos += 1;
                }
                _ => break,
            }
        }
        let text = &self.src[start..self.pos];
        let tok = if has_dash {
            Tok::StIdent(text)
        } else {
            KEYWORDS
                .iter()
                .find(|(k, _)| *k == text)
                .map_or(Tok::Ident(text), |(_, t)| t.clone())
        };
        self.push(start, tok);
    }
}

/// Strips the `/**` decoration: a leading `*` on each line, and the indentation common to all.
fn clean_block_doc(body: &str) -> String {
    let lines: Vec<&str> = body
        .lines()
        .map(|l| {
            let t = l.trim_start();
            match t.strip_prefix('*') {
                Some(rest) => rest.strip_prefix(' ').unwrap_or(rest),
                None => t,
            }
            .trim_end()
        })
        .collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    match (first, last) {
        (Some(a), Some(b)) => lines[a..=b].join("\n"),
        _ => String::new(),
    }
}
