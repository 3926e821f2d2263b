//! Migrations written in TypeScript or JavaScript that carry SQL strings: TypeORM (`queryRunner.query(...)`),
//! knex (`knex.raw(...)`, `knex.schema.raw(...)`), Sequelize (`queryInterface.sequelize.query(...)`). The
//! string given first to each such call inside `up` runs as SQL, at its place; everything else (the code, the
//! `down` method) is blanked. The same calls inside `down` revert the migration. Calls of the tools' schema builders (`createTable(...)`) are code, not SQL: they
//! are not read. Order: TypeORM by the timestamp that ends the migration's `name` (else its class name); knex
//! and Sequelize by file name.

use std::ops::Range;

use super::names::{ends_with_ignore_case, file_name};
use super::{Context, Laid, Step, Tool};
use crate::source::Source;

pub(crate) fn detect_typeorm(files: &[Source]) -> Option<String> {
    count_scripts(files, |t| {
        t.contains("MigrationInterface") || t.contains("queryRunner")
    })
    .map(|n| format!("{n} TypeScript/JavaScript migrations using queryRunner"))
}

pub(crate) fn detect_sequelize(files: &[Source]) -> Option<String> {
    count_scripts(files, |t| t.contains("queryInterface"))
        .map(|n| format!("{n} JavaScript migrations using queryInterface"))
}

pub(crate) fn detect_knex(files: &[Source]) -> Option<String> {
    count_scripts(files, |t| t.contains("knex"))
        .map(|n| format!("{n} JavaScript migrations using knex"))
}

/// How many script migrations say what the tool's do; none when SQL files are as many (a folder of SQL
/// migrations with a stray script is a plain folder, and its SQL must not be skipped).
fn count_scripts(files: &[Source], says: impl Fn(&str) -> bool) -> Option<usize> {
    let count = files
        .iter()
        .filter(|f| is_script(&f.name) && says(&f.text) && up_body(&f.text).is_some())
        .count();
    let sql = files
        .iter()
        .filter(|f| ends_with_ignore_case(&f.name, ".sql"))
        .count();
    (count > 0 && count > sql).then_some(count)
}

fn is_script(path: &str) -> bool {
    let name = file_name(path);
    !ends_with_ignore_case(name, ".d.ts")
        && [".ts", ".js", ".mjs", ".cjs", ".mts", ".cts"]
            .iter()
            .any(|ext| ends_with_ignore_case(name, ext))
}

pub(crate) fn lay_out(context: &Context, tool: Tool) -> Laid {
    let mut laid = Laid::default();
    let mut run: Vec<(usize, String)> = Vec::new();
    for (index, file) in context.indexed() {
        if !is_script(&file.name) {
            laid.skip(index, "not a TypeScript/JavaScript migration");
        } else if up_body(&file.text).is_none() {
            laid.skip(index, "no `up` migration function");
        } else {
            let key = match tool {
                Tool::Typeorm => typeorm_timestamp(&file.text),
                _ => String::new(),
            };
            run.push((index, key));
        }
    }
    crate::sort::sort_by(&mut run, |a, b| {
        let name = |i: usize| file_name(&context.files[i].name);
        super::names::compare_numbers(a.1.as_bytes(), b.1.as_bytes())
            .then_with(|| name(a.0).cmp(name(b.0)))
    });
    for (index, _) in run {
        let text = &context.files[index].text;
        laid.steps.push(Step {
            file: index,
            text: sql_of(text, "up"),
            transaction: true,
            note: Some("SQL strings of up()".to_string()),
        });
        if function_body(text, "down").is_some() {
            laid.revert(index, index, sql_of(text, "down"), true);
        }
    }
    laid
}

/// The last 13 digits of the `name` property (`name = 'X1608477467936'`), else of the class name.
fn typeorm_timestamp(text: &str) -> String {
    // The class field `name = '...'`; `name: '...'` is some object's (a `TableUnique` in `down`).
    let from_name = code_words(text).find_map(|(at, word)| {
        let rest = text[at + word.len()..].trim_start();
        let rest = rest
            .strip_prefix('=')
            .filter(|r| !r.starts_with('=') && word == "name")?
            .trim_start();
        let quote = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '\'' | '"' | '`'))?;
        rest[1..].split(quote).next().map(str::to_string)
    });
    let from_class = || {
        find_code(text, "class").map(|at| {
            text[at + 5..]
                .trim_start()
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .next()
                .unwrap_or("")
                .to_string()
        })
    };
    let name = from_name.or_else(from_class).unwrap_or_default();
    let digits: String = name.chars().filter(char::is_ascii_digit).collect();
    digits[digits.len().saturating_sub(13)..].to_string()
}

/// What the code of a script is made of, for finding things outside strings and comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    Code,
    /// A string literal with its quote: the range covers the quotes.
    Str(u8),
    Comment,
}

/// The script cut into code, strings and comments (`${...}` inside a template literal is part of the string).
fn tokens(text: &str) -> Vec<(Range<usize>, Token)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    let mut code_start = 0;
    while at < bytes.len() {
        let end = match bytes[at] {
            b'\'' | b'"' | b'`' => string_end(bytes, at),
            b'/' if bytes.get(at + 1) == Some(&b'/') => line_end(bytes, at),
            b'/' if bytes.get(at + 1) == Some(&b'*') => comment_end(bytes, at),
            _ => {
                at += 1;
                continue;
            }
        };
        if code_start < at {
            out.push((code_start..at, Token::Code));
        }
        let token = if bytes[at] == b'/' {
            Token::Comment
        } else {
            Token::Str(bytes[at])
        };
        out.push((at..end, token));
        at = end;
        code_start = end;
    }
    if code_start < bytes.len() {
        out.push((code_start..bytes.len(), Token::Code));
    }
    out
}

fn string_end(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut at = start + 1;
    let mut depth = 0usize;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 1,
            b'$' if quote == b'`' && bytes.get(at + 1) == Some(&b'{') => {
                depth += 1;
                at += 1;
            }
            b'}' if depth > 0 => depth -= 1,
            b if b == quote && depth == 0 => return at + 1,
            b'\n' if quote != b'`' => return at,
            _ => {}
        }
        at += 1;
    }
    bytes.len()
}

fn line_end(bytes: &[u8], start: usize) -> usize {
    bytes[start..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |p| start + p)
}

fn comment_end(bytes: &[u8], start: usize) -> usize {
    bytes[start + 2..]
        .windows(2)
        .position(|w| w == b"*/")
        .map_or(bytes.len(), |p| start + 2 + p + 2)
}

/// The offset of `word` as a whole word in code (not in a string or comment).
fn find_code(text: &str, word: &str) -> Option<usize> {
    code_words(text).find(|(_, w)| *w == word).map(|(at, _)| at)
}

/// Every identifier in code, with its offset.
fn code_words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    tokens(text)
        .into_iter()
        .filter(|(_, t)| *t == Token::Code)
        .flat_map(move |(range, _)| {
            let code = &text[range.clone()];
            let mut words = Vec::new();
            let mut start = None;
            for (i, c) in code
                .char_indices()
                .chain(std::iter::once((code.len(), ' ')))
            {
                let part = c.is_alphanumeric() || c == '_' || c == '$';
                match (part, start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        words.push((range.start + s, &code[s..i]));
                        start = None;
                    }
                    _ => {}
                }
            }
            words
        })
}

/// The byte range of the `up` function's body: `async up(...) {`, `up: async (...) => {`, `exports.up =
/// function (...) {`, `export async function up(...) {`.
fn up_body(text: &str) -> Option<Range<usize>> {
    function_body(text, "up")
}

/// The body of the migration function `name` (`up` or `down`), written in any of `up_body`'s forms.
fn function_body(text: &str, name: &str) -> Option<Range<usize>> {
    let tokens = tokens(text);
    code_words(text)
        .filter(|(_, w)| *w == name)
        .find_map(|(at, _)| body_after(text, &tokens, at + name.len()))
}

/// From just after `up`: the body `{ ... }` that follows the parameters (or `=>`), braces matched in code.
fn body_after(text: &str, tokens: &[(Range<usize>, Token)], from: usize) -> Option<Range<usize>> {
    let next = text[from..].trim_start().chars().next()?;
    if !matches!(next, '(' | ':' | '=') {
        return None;
    }
    let open = code_bytes(text, tokens, from).find(|&(_, b)| b == b'{')?.0;
    let mut depth = 0usize;
    for (at, byte) in code_bytes(text, tokens, open) {
        match byte {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + 1..at);
                }
            }
            _ => {}
        }
    }
    None
}

/// The bytes of code (outside strings and comments) from `from` on, with their offsets.
fn code_bytes<'a>(
    text: &'a str,
    tokens: &'a [(Range<usize>, Token)],
    from: usize,
) -> impl Iterator<Item = (usize, u8)> + 'a {
    tokens
        .iter()
        .filter(move |(range, token)| *token == Token::Code && range.end > from)
        .flat_map(move |(range, _)| {
            let start = range.start.max(from);
            text.as_bytes()[start..range.end]
                .iter()
                .enumerate()
                .map(move |(i, &b)| (start + i, b))
        })
}

/// The script with only the SQL of the calls in function `name` kept, each ended by a `;` where its closing
/// quote was.
fn sql_of(text: &str, name: &str) -> String {
    let mut out: Vec<u8> = text
        .bytes()
        .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
        .collect();
    let Some(body) = function_body(text, name) else {
        return String::from_utf8(out).unwrap_or_default();
    };
    let tokens = tokens(text);
    for argument in sql_arguments(text, &tokens, body) {
        copy_string_contents(text, &mut out, &argument);
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The string literals given first to `.query(`, `.raw(` or tagged with `sql` inside `body` (literals joined
/// by `+` all count).
fn sql_arguments(
    text: &str,
    tokens: &[(Range<usize>, Token)],
    body: Range<usize>,
) -> Vec<Vec<Range<usize>>> {
    let mut calls = Vec::new();
    for (position, (range, token)) in tokens.iter().enumerate() {
        let inside = range.start >= body.start && range.end <= body.end;
        if !inside || !matches!(token, Token::Str(_)) {
            continue;
        }
        let before = tokens[..position]
            .iter()
            .rev()
            .find(|(_, t)| *t != Token::Comment);
        let opens_call =
            before.is_some_and(|(r, t)| *t == Token::Code && ends_a_sql_call(&text[r.clone()]));
        if opens_call {
            calls.push(joined_literals(text, tokens, position));
        }
    }
    calls
}

/// Whether code ends with `.query(`, `.raw(`, `.execute(` or the `sql` template tag.
fn ends_a_sql_call(code: &str) -> bool {
    let code = code.trim_end();
    if let Some(head) = code.strip_suffix('(') {
        let head = head.trim_end();
        return [".query", ".raw", ".execute", ".unsafe"]
            .iter()
            .any(|call| head.ends_with(call));
    }
    code.ends_with("sql") && !code.ends_with(".sql")
}

/// The literal at `position` and those joined to it by `+`.
fn joined_literals(
    text: &str,
    tokens: &[(Range<usize>, Token)],
    position: usize,
) -> Vec<Range<usize>> {
    let mut parts = vec![tokens[position].0.clone()];
    let mut next = position + 1;
    while let (Some((code, Token::Code)), Some((literal, Token::Str(_)))) =
        (tokens.get(next), tokens.get(next + 1))
    {
        if text[code.clone()].trim() != "+" {
            break;
        }
        parts.push(literal.clone());
        next += 2;
    }
    parts
}

/// Copies the contents of the literals (quotes, escapes and `${...}` blanked, `\n` as a line break) and puts
/// a `;` on the last closing quote, so the call's SQL is one statement.
fn copy_string_contents(text: &str, out: &mut [u8], literals: &[Range<usize>]) {
    let bytes = text.as_bytes();
    for literal in literals {
        let quote = bytes[literal.start];
        let end = if literal.end > literal.start + 1 && bytes[literal.end - 1] == quote {
            literal.end - 1
        } else {
            literal.end
        };
        let mut at = literal.start + 1;
        let mut depth = 0usize;
        while at < end {
            match bytes[at] {
                b'$' if quote == b'`' && bytes.get(at + 1) == Some(&b'{') && depth == 0 => {
                    depth = 1;
                    at += 1;
                }
                b'{' if depth > 0 => depth += 1,
                b'}' if depth > 0 => depth -= 1,
                _ if depth > 0 => {}
                // A multi-byte character after `\` is copied whole on the next turn.
                b'\\' if at + 1 < end && bytes[at + 1].is_ascii() => {
                    at += 1;
                    out[at] = escaped(bytes[at]);
                }
                b'\\' => {}
                b => out[at] = b,
            }
            at += 1;
        }
    }
    if let Some(last) = literals.last() {
        if let Some(slot) = out.get_mut(last.end.saturating_sub(1)) {
            *slot = b';';
        }
    }
}

/// What `\x` stands for, in one byte (the letters of longer escapes become a space).
fn escaped(byte: u8) -> u8 {
    match byte {
        b'n' | b'r' => b'\n',
        b't' | b'u' | b'x' => b' ',
        b => b,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{lay_out, LayoutOptions, Tool};
    use crate::source::Source;

    const TYPEORM: &str = "import { MigrationInterface, QueryRunner } from 'typeorm';\n\
export class Init1600000000001 implements MigrationInterface {\n\
  name = 'Init1600000000002';\n\
  public async up(queryRunner: QueryRunner): Promise<void> {\n\
    // a comment with } brace\n\
    await queryRunner.query(`CREATE TABLE \"a\" (\"id\" integer PRIMARY KEY)`);\n\
    await queryRunner.query('CREATE TABLE b (a_id integer REFERENCES a (id))');\n\
    await queryRunner.dropUniqueConstraint('x', 'y');\n\
  }\n\
  public async down(queryRunner: QueryRunner): Promise<void> {\n\
    await queryRunner.query(`DROP TABLE \"a\"`);\n\
    // Another object's `name:` is not the migration's name.\n\
    await queryRunner.createUniqueConstraint('a', new TableUnique({ name: 'UQ_1999999999999', columnNames: ['id'] }));\n\
  }\n\
}\n";

    #[test]
    fn typeorm_up_strings_run_and_down_does_not() {
        let files = [
            Source::new(
                "m/1600000000003-Later.ts",
                TYPEORM.replace("1600000000002", "1600000000003"),
            ),
            Source::new("m/1600000000001-Init.ts", TYPEORM),
            Source::new("m/index.d.ts", ""),
        ];
        let plan = lay_out(&files, LayoutOptions::default());
        assert_eq!(plan.choice.tool, Tool::Typeorm);
        assert_eq!(
            plan.steps.iter().map(|s| s.file).collect::<Vec<_>>(),
            [1, 0]
        );
        let sql = &plan.steps[0].text;
        assert_eq!(sql.len(), TYPEORM.len());
        assert!(sql.contains("CREATE TABLE \"a\" (\"id\" integer PRIMARY KEY);"));
        assert!(sql.contains("CREATE TABLE b (a_id integer REFERENCES a (id));"));
        assert!(!sql.contains("DROP") && !sql.contains("queryRunner") && !sql.contains("'x'"));
        let down = &plan.downs[0];
        assert_eq!((down.up, down.file), (1, 1));
        assert_eq!(down.text.trim(), "DROP TABLE \"a\";");
    }

    #[test]
    fn sql_migrations_with_a_stray_script_are_a_plain_folder() {
        let files = [
            Source::new("m/1_a.sql", "CREATE TABLE a (id int);"),
            Source::new("m/2_b.sql", "CREATE TABLE b (id int);"),
            Source::new("m/1600000000001-Init.ts", TYPEORM),
        ];
        let plan = lay_out(&files, LayoutOptions::default());
        assert_eq!(plan.choice.tool, Tool::Plain);
        assert_eq!(plan.steps.len(), 2);
    }

    #[test]
    fn knex_raw_strings_joined_by_plus() {
        let text = "exports.up = function (knex) {\n  return knex.raw('CREATE TABLE a ' +\n '(id int)');\n};\nexports.down = function (knex) { return knex.raw('DROP TABLE a'); };\n";
        let files = [Source::new("migrations/20200101_a.js", text)];
        let plan = lay_out(&files, LayoutOptions::default());
        assert_eq!(plan.choice.tool, Tool::Knex);
        let sql = &plan.steps[0].text;
        assert!(sql.contains("CREATE TABLE a") && sql.contains("(id int);"));
        assert!(!sql.contains("DROP"));
    }
}
