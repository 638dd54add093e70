//! Messages about the archive's text, in the form `file:line: what is wrong; what to do`.
//! The domain knows lines, not files: the caller adds the path when it prints them.

use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The file was compiled, but something in it looks wrong.
    Warning,
    /// The file could not be compiled; nothing of it is in the bundle.
    Error,
}

/// A finding about one line of one file: something a maintainer can fix in the markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// 1-based line number in the file.
    pub line: usize,
    /// What is wrong, quoting the offending text.
    pub message: String,
    /// What to do about it.
    pub hint: String,
}

impl Diagnostic {
    pub fn warning(line: usize, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            line,
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// `path:line: message; hint`: the one format every command prints.
    pub fn display_with_path<'a>(&'a self, path: &'a str) -> impl fmt::Display + 'a {
        Located {
            path,
            line: self.line,
            message: &self.message,
            hint: &self.hint,
        }
    }
}

/// Why a file could not be compiled into an issue.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}; {hint}")]
pub struct ParseError {
    /// 1-based line number in the file.
    pub line: usize,
    pub message: String,
    pub hint: String,
}

impl ParseError {
    pub fn new(line: usize, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            line,
            message: message.into(),
            hint: hint.into(),
        }
    }

    /// `path:line: message; hint`.
    pub fn display_with_path<'a>(&'a self, path: &'a str) -> impl fmt::Display + 'a {
        Located {
            path,
            line: self.line,
            message: &self.message,
            hint: &self.hint,
        }
    }

    /// The error as a diagnostic, for listings that mix errors and warnings.
    pub fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            line: self.line,
            message: self.message.clone(),
            hint: self.hint.clone(),
        }
    }
}

struct Located<'a> {
    path: &'a str,
    line: usize,
    message: &'a str,
    hint: &'a str,
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}; {}",
            self.path, self.line, self.message, self.hint
        )
    }
}
