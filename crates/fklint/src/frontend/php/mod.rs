//! PHP front end: Laravel migrations (`database/migrations/*.php`, run in file order), read with the
//! TypeScript tokenizer and expression reader (PHP's `->`, `?->` and `::` read as member access) into the same
//! schema events the SQL front end emits. The `up()` method is read: `Schema::create` / `Schema::table`
//! closures ([`laravel`]), `Schema::rename` / `drop` / `dropIfExists`, `Schema::disableForeignKeyConstraints`,
//! and `DB::statement('SQL')`, whose SQL is read in place. Of an `if`, the branch a MySQL database takes is read
//! (`DB::getDriverName() !== 'sqlite'`), otherwise its first branch.

pub mod laravel;

use super::parsed::Parsed;
use super::typescript::expr::{Expr, Reader};
use super::typescript::lex::{self, Token};
use crate::events::EventKind;
use crate::source::{Outline, Source, SourceId, Span};

/// Whether a source is PHP (by its name: `2014_10_12_000000_create_users_table.php`).
pub fn is_php(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".php")
}

/// The PHP front end.
#[derive(Default)]
pub struct Php;

impl super::front_end::FrontEnd for Php {
    fn name(&self) -> &'static str {
        "php"
    }

    fn reads(&self, source_name: &str) -> bool {
        is_php(source_name)
    }

    fn read(&mut self, source: &Source, id: SourceId, parsed: &mut Parsed) {
        let src = source.text.as_str();
        let (tokens, comments) = lex::tokenize(src);
        if src.contains(Outline::DIRECTIVE_MARKER) {
            parsed.outlines[id] = Outline {
                statements: super::typescript::drizzle::token_lines(src, &tokens),
                comments,
            };
        }
        let Some((start, end)) = up_body(src, &tokens) else {
            return;
        };
        let mut walker = Walker {
            src,
            tokens: &tokens,
            source: id,
            parsed,
        };
        walker.block(start, end, 0);
    }
}

/// The tokens of `function up(...) { ... }`'s body.
fn up_body(src: &str, tokens: &[Token]) -> Option<(usize, usize)> {
    let at = tokens
        .windows(2)
        .position(|w| w[0].text(src) == "function" && w[1].text(src) == "up")?;
    let open = (at..tokens.len()).find(|&i| tokens[i].text(src) == "{")?;
    Some((open + 1, matching(src, tokens, open)?))
}

/// The position of the bracket closing the one at `open`.
fn matching(src: &str, tokens: &[Token], open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, token) in tokens.iter().enumerate().skip(open) {
        match token.text(src) {
            "(" | "[" | "{" => depth += 1,
            ")" | "]" | "}" => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

struct Walker<'a, 'p> {
    src: &'a str,
    tokens: &'a [Token],
    source: SourceId,
    parsed: &'p mut Parsed,
}

impl Walker<'_, '_> {
    fn text(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text(self.src))
    }

    /// Reads the statements between two token positions.
    fn block(&mut self, i: usize, end: usize, depth: usize) {
        let mut ranges = Vec::new();
        self.ranges(i, end, depth, &mut ranges);
        for (from, to) in ranges {
            self.call(from, to);
        }
    }

    /// The token ranges of the statements between two positions, in order, through the branch of each `if`
    /// that is taken; loops and `try` blocks are skipped.
    fn ranges(&self, mut i: usize, end: usize, depth: usize, out: &mut Vec<(usize, usize)>) {
        while i < end {
            i = self.statement(i, end, depth, out);
        }
    }

    /// One statement from `i` (its range pushed to `out`); the position after it.
    fn statement(
        &self,
        i: usize,
        end: usize,
        depth: usize,
        out: &mut Vec<(usize, usize)>,
    ) -> usize {
        match self.text(i) {
            "if" if depth < 16 => return self.conditional(i, end, depth, out),
            "foreach" | "for" | "while" | "switch" | "try" | "do" | "else" | "elseif" | "catch"
            | "finally" => return self.skip_compound(i, end),
            _ => {}
        }
        let mut j = i;
        let mut nesting = 0usize;
        while j < end {
            match self.text(j) {
                "(" | "[" | "{" => nesting += 1,
                ")" | "]" | "}" => nesting = nesting.saturating_sub(1),
                ";" if nesting == 0 => break,
                _ => {}
            }
            j += 1;
        }
        if j > i {
            out.push((i, j));
        }
        j + 1
    }

    /// `if (cond) { ... } [elseif (...) { ... }] [else { ... }]`: one branch is read.
    fn conditional(
        &self,
        i: usize,
        end: usize,
        depth: usize,
        out: &mut Vec<(usize, usize)>,
    ) -> usize {
        let Some(cond_close) = (i + 1 < end)
            .then(|| matching(self.src, self.tokens, i + 1))
            .flatten()
        else {
            return end;
        };
        let condition = Span::new(
            self.tokens[i + 1].span.start,
            self.tokens[cond_close].span.end,
        )
        .slice(self.src)
        .to_string();
        let mut branches: Vec<(usize, usize)> = Vec::new();
        let mut at = cond_close + 1;
        loop {
            let (body, after) = if self.text(at) == "{" {
                match matching(self.src, self.tokens, at) {
                    Some(close) => ((at + 1, close), close + 1),
                    None => return end,
                }
            } else {
                let stop = (at..end).find(|&k| self.text(k) == ";").unwrap_or(end);
                ((at, stop + 1), stop + 1)
            };
            branches.push(body);
            at = after;
            match self.text(at) {
                "else" if self.text(at + 1) == "if" => at += 2,
                "elseif" => at += 1,
                "else" => {
                    at += 1;
                    continue;
                }
                _ => break,
            }
            // `elseif (cond)`: skip the condition.
            match matching(self.src, self.tokens, at) {
                Some(close) if self.text(at) == "(" => at = close + 1,
                _ => break,
            }
        }
        let lower = condition.to_ascii_lowercase();
        let sqlite_only =
            lower.contains("sqlite") && (lower.contains("==") && !lower.contains("!="));
        let chosen = if sqlite_only {
            branches.get(1)
        } else {
            branches.first()
        };
        if let Some(&(from, to)) = chosen {
            self.ranges(from, to.min(end), depth + 1, out);
        }
        at.min(end)
    }

    /// A loop or `try`: skipped to the end of its (last) block.
    fn skip_compound(&self, i: usize, end: usize) -> usize {
        let mut at = i + 1;
        while at < end {
            match self.text(at) {
                "(" => at = matching(self.src, self.tokens, at).map_or(end, |c| c + 1),
                "{" => {
                    at = matching(self.src, self.tokens, at).map_or(end, |c| c + 1);
                    if !matches!(
                        self.text(at),
                        "catch" | "finally" | "else" | "elseif" | "while"
                    ) {
                        return at;
                    }
                }
                ";" => return at + 1,
                _ => at += 1,
            }
        }
        end
    }

    /// A statement's call: `Schema::create('t', function (Blueprint $table) { ... })`, `DB::statement('...')`.
    fn call(&mut self, from: usize, to: usize) {
        let Some(tokens) = self.tokens.get(from..to) else {
            return;
        };
        let mut reader = Reader::new(self.src, tokens);
        let expr = reader.expr();
        let Expr::Call { callee, args, span } = &expr else {
            return;
        };
        let Some(path) = callee.path() else {
            return;
        };
        let names: Vec<&str> = path.iter().map(|(n, _)| *n).collect();
        match names.as_slice() {
            ["Schema", "create" | "table"] => {
                let create = names[1] == "create";
                let Some(Expr::Str { value, body, .. }) = args.first() else {
                    return;
                };
                let Some((open, close)) = self.closure_body(from, to) else {
                    return;
                };
                let statements = self.closure_statements(open, close);
                let table = laravel::TableRef {
                    name: value.clone(),
                    span: *body,
                };
                let events = laravel::blueprint(self.src, &table, create, &statements, *span);
                for (span, kind) in events {
                    super::orm::push(self.parsed, self.source, span, kind);
                }
            }
            ["Schema", "rename"] => {
                if let (
                    Some(Expr::Str {
                        value: from, body, ..
                    }),
                    Some(Expr::Str {
                        value: to,
                        body: to_body,
                        ..
                    }),
                ) = (args.first(), args.get(1))
                {
                    let kind = EventKind::RenameTable {
                        table: laravel::table_name(from, *body),
                        to: super::orm::ident(to, *to_body),
                    };
                    super::orm::push(self.parsed, self.source, *span, kind);
                }
            }
            ["Schema", "drop" | "dropIfExists"] => {
                if let Some(Expr::Str { value, body, .. }) = args.first() {
                    let kind = EventKind::DropTable {
                        names: vec![laravel::table_name(value, *body)],
                        if_exists: names[1] == "dropIfExists",
                        cascade: false,
                    };
                    super::orm::push(self.parsed, self.source, *span, kind);
                }
            }
            ["Schema", switch @ ("disableForeignKeyConstraints" | "enableForeignKeyConstraints")] =>
            {
                let kind = EventKind::SetForeignKeyChecks {
                    on: *switch == "enableForeignKeyConstraints",
                };
                super::orm::push(self.parsed, self.source, *span, kind);
            }
            ["DB", "statement" | "unprepared"] => {
                if let Some(Expr::Str {
                    body, exact: true, ..
                }) = args.first()
                {
                    super::sql::read_embedded_sql(self.src, self.source, *body, self.parsed);
                }
            }
            _ => {}
        }
    }

    /// The body of the closure passed in the statement: the `{ ... }` after `function (...) [use (...)]` or the
    /// expression after `fn (...) =>`.
    fn closure_body(&self, from: usize, to: usize) -> Option<(usize, usize)> {
        let function = (from..to).find(|&i| matches!(self.text(i), "function" | "fn"))?;
        let open = (function..to).find(|&i| self.text(i) == "{")?;
        Some((open + 1, matching(self.src, self.tokens, open)?))
    }

    /// The statements of a closure body as expressions (`$table->string('name')->nullable()`), through the
    /// branch of each `if` that is taken.
    fn closure_statements(&self, open: usize, close: usize) -> Vec<Expr> {
        let mut ranges = Vec::new();
        self.ranges(open, close, 0, &mut ranges);
        ranges
            .into_iter()
            .filter_map(|(from, to)| self.tokens.get(from..to))
            .map(|tokens| Reader::new(self.src, tokens).expr())
            .collect()
    }
}
