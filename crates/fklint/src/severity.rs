//! How bad a finding is: the one word rules, rule settings and renderers share. It sits at the bottom of the
//! core, below the findings, so that settings (`[rules]` in `fklint.toml`) can name a severity without
//! knowing what a finding is.

use serde::Serialize;

/// How bad a finding is. See DESIGN.md, "Severity means something".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}
