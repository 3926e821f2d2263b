//! Per-project rule settings: rules turned off and severities changed (`[rules]` in `fklint.toml`, `rules` in
//! the wasm options). They live in the core so that the CLI, the wasm API and the page apply them the same way.
//! They sit at the bottom, below the rules and the findings: they hold codes and severities; `settings` reads
//! codes and names against the registry, and [`crate::diagnostic::apply_rule_settings`] applies them.

use std::collections::BTreeMap;
use std::fmt;

use crate::severity::Severity;

/// What a setting does to one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    /// The rule's findings are dropped.
    Off,
    /// The rule's findings get this severity instead of the rule's own.
    Severity(Severity),
}

impl RuleLevel {
    /// Every level, as settings name them.
    pub const ALL: [RuleLevel; 4] = [
        RuleLevel::Off,
        RuleLevel::Severity(Severity::Info),
        RuleLevel::Severity(Severity::Warning),
        RuleLevel::Severity(Severity::Error),
    ];

    /// The level's name: `"off"`, `"info"`, `"warning"` or `"error"`.
    pub fn name(self) -> &'static str {
        match self {
            RuleLevel::Off => "off",
            RuleLevel::Severity(severity) => severity.as_str(),
        }
    }

    /// `"off"`, `"info"`, `"warning"` or `"error"`.
    pub fn parse(text: &str) -> Option<RuleLevel> {
        match text {
            "off" => Some(RuleLevel::Off),
            other => Severity::parse(other).map(RuleLevel::Severity),
        }
    }
}

/// A rule key that names no rule, or a level that is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleSettingError {
    UnknownRule(String),
    UnknownLevel { rule: String, level: String },
}

impl fmt::Display for RuleSettingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleSettingError::UnknownRule(key) => write!(
                f,
                "unknown rule `{key}` (use a code such as FK202 or a name such as key-type-drift)"
            ),
            RuleSettingError::UnknownLevel { rule, level } => write!(
                f,
                "rule `{rule}`: unknown level `{level}` (use \"off\", \"info\", \"warning\" or \"error\")"
            ),
        }
    }
}

impl std::error::Error for RuleSettingError {}

/// Settings by rule code (`FK202`), whatever key (code in any case, or kebab name) set them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleSettings {
    levels: BTreeMap<&'static str, RuleLevel>,
}

impl RuleSettings {
    /// Sets the level of the rule whose code is `code` (the registry's own code: reading a rule's code or name
    /// from settings, which needs the registry, is `settings`' part, above the rules).
    pub fn insert(&mut self, code: &'static str, level: RuleLevel) {
        self.levels.insert(code, level);
    }

    pub fn level(&self, code: &str) -> Option<RuleLevel> {
        self.levels.get(code).copied()
    }

    /// Whether the rule's findings are dropped.
    pub fn is_off(&self, code: &str) -> bool {
        self.level(code) == Some(RuleLevel::Off)
    }

    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
    }
}
