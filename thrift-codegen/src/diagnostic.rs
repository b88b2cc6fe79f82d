//! Errors in IDL files: what is wrong, where (`path:line:col`), the line quoted with a caret.
//!
//! Diagnostics are collected, never thrown: the front end reports every error it finds in
//! one pass, and the macro turns each into a `compile_error!`.

use crate::parse::ast::{FileId, Span};
use std::fmt::{self, Write as _};

/// One problem found in an IDL file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file it is in.
    pub file: FileId,
    /// The bytes it points at.
    pub span: Span,
    /// What is wrong, or what was expected.
    pub message: String,
    /// Further lines: where the other half of a conflict is, how to fix it.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error at `span` in file 0; [`Diagnostic::in_file`] moves it.
    pub fn error(span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            file: FileId(0),
            span,
            message: message.into(),
            notes: Vec::new(),
        }
    }

    /// The same diagnostic, in `file`.
    pub fn in_file(mut self, file: FileId) -> Diagnostic {
        self.file = file;
        self
    }

    /// Adds a note line.
    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// `path:line:col: error: message`, the line, a caret, the notes.
    pub fn render(&self, files: &[SourceFile]) -> String {
        self.render_with(files, "error: ")
    }

    /// As [`Diagnostic::render`] without the word `error:`, for a compiler that prints its own.
    pub fn render_for_compiler(&self, files: &[SourceFile]) -> String {
        self.render_with(files, "")
    }

    fn render_with(&self, files: &[SourceFile], label: &str) -> String {
        let mut out = String::new();
        let Some(file) = files.get(self.file.0 as usize) else {
            let _ = writeln!(out, "{label}{}", self.message);
            return out;
        };
        let (line, col) = file.line_col(self.span.start as usize);
        let text = file.line_text(line);
        let _ = writeln!(
            out,
            "{}:{line}:{col}: {label}{}",
            file.display, self.message
        );
        let gutter = line.to_string();
        let pad = " ".repeat(gutter.len());
        let shown: String = text.replace('\t', "    ");
        let _ = writeln!(out, "{pad} |");
        let _ = writeln!(out, "{gutter} | {shown}");
        // The caret sits under the same characters, tabs widened as in the quoted line.
        let before: String = text
            .chars()
            .take(col - 1)
            .map(|c| if c == '\t' { "    " } else { " " })
            .collect();
        let line_end = file.line_start(line) + text.len();
        let end = (self.span.end as usize).clamp(self.span.start as usize, line_end);
        let width = file.text[self.span.start as usize..end]
            .chars()
            .count()
            .max(1);
        let _ = writeln!(out, "{pad} | {before}{}", "^".repeat(width));
        for note in &self.notes {
            let _ = writeln!(out, "{pad} = note: {note}");
        }
        out
    }

    /// `path:line:col`, for one-line summaries.
    pub fn location(&self, files: &[SourceFile]) -> String {
        match files.get(self.file.0 as usize) {
            Some(f) => {
                let (line, col) = f.line_col(self.span.start as usize);
                format!("{}:{line}:{col}", f.display)
            }
            None => "<unknown>".to_string(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The text of one IDL file, with a line index for turning offsets into `line:col`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as shown in messages (relative to the base directory where possible).
    pub display: String,
    /// The file's text.
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// Indexes `text`, shown in messages as `display`.
    pub fn new(display: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            display: display.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        // A BOM is not a column anyone sees.
        let bom = usize::from(line == 1 && self.text.starts_with('\u{feff}'));
        (line, col + 1 - bom.min(col))
    }

    fn line_start(&self, line: usize) -> usize {
        self.line_starts[line - 1]
    }

    /// The text of 1-based `line`, without its line end.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_start(line);
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&e| e - 1);
        let text = &self.text[start..end.max(start)];
        let text = text.strip_suffix('\r').unwrap_or(text);
        text.strip_prefix('\u{feff}').unwrap_or(text)
    }
}
