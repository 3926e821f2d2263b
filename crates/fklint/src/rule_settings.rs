//! Per-project rule settings: rules turned off and severities changed (`[rules]` in `fklint.toml`, `rules` in
//! the wasm options). They live in the core so that the CLI, the wasm API and the page apply them the same way.

use std::collections::BTreeMap;
use std::fmt;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules;

/// What a setting does to one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleLevel {
    /// The rule's findings are dropped.
    Off,
    /// The rule's findings get this severity instead of the rule's own.
    Severity(Severity),
}

impl RuleLevel {
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
    /// Sets a rule's level; `rule` is a code (any case) or a kebab-case name.
    pub fn set(&mut self, rule: &str, level: RuleLevel) -> Result<(), RuleSettingError> {
        let meta =
            rules::find(rule).ok_or_else(|| RuleSettingError::UnknownRule(rule.to_string()))?;
        self.levels.insert(meta.code, level);
        Ok(())
    }

    /// Sets a rule's level from its text (`"off"`, `"warning"`, ...).
    pub fn set_text(&mut self, rule: &str, level: &str) -> Result<(), RuleSettingError> {
        let parsed = RuleLevel::parse(level).ok_or_else(|| RuleSettingError::UnknownLevel {
            rule: rule.to_string(),
            level: level.to_string(),
        })?;
        self.set(rule, parsed)
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

    /// Drops the findings of rules that are off and gives the others their configured severity.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter_map(|d| match self.level(d.code) {
                Some(RuleLevel::Off) => None,
                Some(RuleLevel::Severity(severity)) => Some(d.with_severity(severity)),
                None => Some(d),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_codes_or_names() {
        let mut settings = RuleSettings::default();
        settings.set_text("fk404", "off").unwrap();
        settings.set_text("key-type-drift", "error").unwrap();
        assert!(settings.is_off("FK404"));
        assert_eq!(
            settings.level("FK202"),
            Some(RuleLevel::Severity(Severity::Error))
        );
        assert_eq!(settings.level("FK101"), None);
    }

    #[test]
    fn unknown_rules_and_levels_are_errors() {
        let mut settings = RuleSettings::default();
        assert_eq!(
            settings.set_text("FK999", "off"),
            Err(RuleSettingError::UnknownRule("FK999".into()))
        );
        let error = settings.set_text("FK404", "loud").unwrap_err();
        assert!(error.to_string().contains("loud"), "{error}");
        assert!(settings.is_empty());
    }
}
