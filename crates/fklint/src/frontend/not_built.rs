//! The stand-in for a front end this build leaves out (its cargo feature is off, as in the browser's SQL-only
//! module): it claims the language's files so that SQL does not misread them, and says once per file that
//! they were not read, so nothing passes as checked when it was not.

use super::parsed::{Parsed, Unreadable};
use crate::source::{Location, Source, SourceId, Span};

/// A language whose front end may be left out of a build.
#[derive(Debug, Clone, Copy)]
pub struct NotBuilt {
    /// The front end's name (`python`), which is also its cargo feature.
    pub language: &'static str,
    /// File name endings it reads, lowercase.
    pub endings: &'static [&'static str],
}

impl NotBuilt {
    pub const PYTHON: NotBuilt = NotBuilt {
        language: "python",
        endings: &[".py"],
    };

    pub const TYPESCRIPT: NotBuilt = NotBuilt {
        language: "typescript",
        endings: &[".ts", ".mts", ".cts"],
    };

    pub const PRISMA: NotBuilt = NotBuilt {
        language: "prisma",
        endings: &[".prisma"],
    };

    pub const RUBY: NotBuilt = NotBuilt {
        language: "ruby",
        endings: &[".rb"],
    };

    pub const PHP: NotBuilt = NotBuilt {
        language: "php",
        endings: &[".php"],
    };

    /// Every language that has a feature of its own.
    pub const ALL: &'static [NotBuilt] = &[
        NotBuilt::PYTHON,
        NotBuilt::TYPESCRIPT,
        NotBuilt::PRISMA,
        NotBuilt::RUBY,
        NotBuilt::PHP,
    ];

    /// Whether a source of this name is in this language.
    pub fn reads_name(&self, name: &str) -> bool {
        let name = name.to_ascii_lowercase();
        self.endings.iter().any(|ending| name.ends_with(ending))
    }
}

impl super::front_end::FrontEnd for NotBuilt {
    fn name(&self) -> &'static str {
        self.language
    }

    fn reads(&self, source_name: &str) -> bool {
        self.reads_name(source_name)
    }

    fn read(&mut self, source: &Source, id: SourceId, parsed: &mut Parsed) {
        let end = source
            .text
            .len()
            .min(source.text.find('\n').unwrap_or(source.text.len()));
        parsed.unparsed += 1;
        parsed.unreadable.push(Unreadable {
            location: Location {
                source: id,
                span: Span { start: 0, end },
            },
            message: format!(
                "this build of fklint does not read {} files (built without the `{}` feature)",
                self.language, self.language
            ),
            schema_shaped: true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontend::FrontEnd;

    #[test]
    fn claims_its_files_and_says_they_were_not_read() {
        let mut front_end = NotBuilt::PYTHON;
        assert!(front_end.reads("alembic/versions/001_Users.PY"));
        assert!(!front_end.reads("001_users.sql"));
        let source = Source::new("models.py", "class User(Base):\n    pass\n");
        let mut parsed = Parsed::default();
        front_end.read(&source, 0, &mut parsed);
        assert_eq!(parsed.unparsed, 1);
        let [unreadable] = parsed.unreadable.as_slice() else {
            panic!("one unreadable entry: {:?}", parsed.unreadable);
        };
        assert_eq!(unreadable.location.span, Span { start: 0, end: 17 });
        assert!(unreadable.message.contains("`python` feature"));
    }
}
