// Types of the npm package `fklint` (hand-written, but for the options' block, generated from the core's settings
// model; every entry has this API: the browser/bundler entry
// `fklint` / `fklint/web`, Node.js, and `fklint/bundler`). The result shapes are the CLI's JSON contract
// (`fklint check --format json`, `fklint schema --format json`), plus UTF-16 columns.

/** A migration file (or pasted text). Sources are checked in the order given: migration order. */
export interface Source {
  /** Display name, used as `file` in findings (a relative path such as `migrations/0002_orders.sql`). */
  name: string;
  /** The SQL. */
  text: string;
}

/** An array of sources in migration order, or one string of SQL (checked as a source named `input.sql`). */
export type Sources = readonly Source[] | string;

// --- generated from the settings model (crates/fklint/src/settings/keys.rs) by tests/declarations.rs
// (`FKLINT_BLESS=1 cargo test -p fklint-tests --test declarations` rewrites it; edit the model, not this).

/** A SQL dialect as reports name it (`Summary.dialect`). `"mysql"` covers MariaDB too. */
export type Dialect = "postgres" | "mysql" | "sqlite";

/**
 * What `Options.dialect` accepts: a dialect, its other spellings, or `"auto"` (detect it from the sources). Names
 * are matched case-insensitively.
 */
export type DialectOption = "auto" | Dialect | "postgresql" | "pg" | "mariadb" | "sqlite3";

/**
 * A MySQL, MariaDB or PostgreSQL server version, e.g. `"mysql-8.0"`, `"mariadb-10.11"`, `"postgres-15"`; or \
 * `"sqlite"` (stock SQLite) or `"libsql"` (Turso's fork; also `"turso"`).
 */
export type Target =
  | `${"mysql" | "mariadb"}-${number}.${number}`
  | `${"mysql" | "mariadb"}-${number}`
  | `postgres-${13 | 14 | 15 | 16 | 17 | 18}`
  | "sqlite"
  | "sqlite3"
  | "libsql"
  | "turso";

/** What a rule setting does: turn the rule off, or give its findings this severity. */
export type RuleLevel = "off" | "info" | "warning" | "error";

/** A migration tool fklint lays projects out for. */
export type Tool =
  | "plain"
  | "goose"
  | "dbmate"
  | "golang-migrate"
  | "diesel"
  | "flyway"
  | "sqitch"
  | "liquibase"
  | "drizzle"
  | "prisma"
  | "supabase"
  | "rails"
  | "laravel"
  | "typeorm"
  | "knex"
  | "sequelize";

/**
 * What `Options.tool` accepts: a tool, `"auto"`, or another name of one (`"sqlx"` lays out as golang-migrate).
 */
export type ToolOption = "auto" | Tool | "none" | "folder" | "migrate" | "sqlx" | "drizzle-kit" | "diesel_migrations" | "activerecord" | "active-record";

/** What `Options.platform` accepts: a platform preset, or `"none"` (do not detect one). */
export type PlatformOption = "supabase" | "none";

/** One database of `Options.databases`. */
export interface Database {
  name: string;
  /** The names of the sources that build it. */
  files: readonly string[];
}

/**
 * How to check: `fklint.toml`'s settings, read by the same code with the same messages, the keys in camelCase. A
 * bad option (an unknown key, a value of the wrong kind or an unknown name) is a bad call: `{ error }`. `null` is
 * the same as leaving the key out.
 */
export interface Options {
  /**
   * The dialect of the sources. Default: `"auto"`: guessed from markers in the sources (backticks and `ENGINE=` for
   * MySQL, `AUTOINCREMENT`/`PRAGMA` for SQLite, `::`/`$$` for PostgreSQL; PostgreSQL when nothing points anywhere),
   * and `Summary.detected` says why. Names are matched case-insensitively.
   */
  dialect?: DialectOption | null;
  /**
   * The server the migrations run on, for verdicts that depend on its version (`"mysql-8.0"`, `"mariadb-10.11"`,
   * `"postgres-15"`; `"sqlite"`, or `"libsql"` for Turso's fork). With `dialect` `"auto"` it sets the dialect to
   * the server's; another dialect is a bad call. Without one, PostgreSQL migrations are judged as PostgreSQL 18
   * runs them.
   */
  target?: Target | null;
  /**
   * The migration tool of a whole project. When present (a tool's name, or `"auto"` to detect it), the sources are
   * every file of the project, each named by its relative path, and only what the tool runs on "up" is checked, in
   * its order. `Summary.tool` says which tool and why; `layout()` lists the plan. Absent: the sources are
   * migrations in the order given.
   */
  tool?: ToolOption | null;
  /**
   * `false` when the migration runner turns foreign key checks off before each migration (MySQL
   * `FOREIGN_KEY_CHECKS=0`, SQLite `PRAGMA foreign_keys=OFF`): each migration starts with them off. Default: the
   * migrations' own statements decide.
   */
  foreignKeyChecks?: boolean | null;
  /**
   * The platform the database runs on: `"supabase"` replays its `auth` and `storage` tables first; `"none"` turns
   * off detecting it. Default: detected when the sources mention `auth.users`, `auth.uid()` or `storage.`.
   */
  platform?: PlatformOption | null;
  /** The `search_path` the migrations start with. Default: PostgreSQL's, `"$user", public`. */
  searchPath?: readonly string[] | null;
  /**
   * Rules turned off or given another severity: a code (`"FK404"`) or a name (`"unindexed-foreign-key"`) → a
   * level.
   */
  rules?: Readonly<Record<string, RuleLevel>> | null;
  /**
   * Separate databases, each replayed on its own from its files: an object that maps each database's name to its
   * files, or an array of `{ name, files }`. The files are source names (in `fklint.toml`, path patterns); a name
   * no source has is a bad call. Sources in no database form one more, unnamed database. A foreign key to a table
   * that only another database defines is FK303 (error). Default: one database.
   */
  databases?: readonly Database[] | Readonly<Record<string, readonly string[]>> | null;
  /**
   * Columns whose values come from another database (the SQL comment `-- fklint: ids-from main` on the column's
   * line does the same): `"table.column"`, `"schema.table.column"` or `"database.schema.table.column"` → database
   * name. A foreign key on such a column is FK303 (warning).
   */
  idsFrom?: Readonly<Record<string, string>> | null;
  /**
   * `true` also checks the project's down migrations (with `tool`; `fklint check --down`): the ups are replayed up
   * to each migration, then its down, and a down the server would reject, or one that does not bring the foreign
   * keys back (FK602), is reported. Default: `false`.
   */
  down?: boolean | null;
}
// --- end of the generated declarations ---

/** The tool a project was laid out for and why (`Summary.tool`, `Layout.tool`). */
export interface ToolChoice {
  tool: Tool;
  /** False when `Options.tool` named it. */
  detected: boolean;
  /** What in the files said so, e.g. `"sqitch.plan"`, `"12 files with \`-- +goose Up\`"`. */
  evidence: string;
}

/** What `layout()` returns: how the project's tool runs its files on "up". */
export interface Layout {
  tool: ToolChoice;
  /** The files that run, in order. */
  files: { name: string; transaction: boolean; note: string | null }[];
  /** Every other file, with the reason it does not run on "up". */
  skipped: { name: string; reason: string }[];
  /** Files the tool would run that are not among the files given (a plan entry without its script). */
  missing: string[];
  /** The dialect the tool's own files declare (a drizzle journal, a Prisma lock file). */
  dialect: { dialect: Dialect; why: string } | null;
}

export type Severity = "error" | "warning" | "info";

/**
 * Where something is. Lines and columns are 1-based; `column`/`end_column` count Unicode characters (as the
 * CLI prints them), `column_utf16`/`end_column_utf16` count UTF-16 code units (JavaScript string indexes + 1,
 * what editors such as CodeMirror and Monaco use); `start`/`end` are UTF-8 byte offsets in the source text.
 */
export interface Location {
  file: string;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  start: number;
  end: number;
  column_utf16: number;
  end_column_utf16: number;
}

/** A secondary location that explains a finding ("`tenants` is created here"). */
export interface Related extends Location {
  message: string;
}

/** Replace the UTF-8 byte range `start..end` of the source named `file` with `replacement`. */
export interface Edit {
  file: string;
  start: number;
  end: number;
  replacement: string;
}

/** A fix in its two forms. */
export interface Fix {
  title: string;
  /** Edits to the migration text, for migrations not yet applied. May be empty. */
  edits: Edit[];
  /** Forward SQL: a new migration for databases that already ran the old one; `null` when there is none. */
  sql: string | null;
}

export interface Finding extends Location {
  /** Stable rule code, e.g. `FK101`. */
  code: string;
  /** Kebab-case rule name, e.g. `missing-referenced-table`. */
  name: string;
  /** `error`: PostgreSQL rejects the statement. */
  severity: Severity;
  message: string;
  related: Related[];
  fix: Fix | null;
  /** The table and columns the finding is about (for a foreign key, its referencing side); `null` for findings
   *  about no table (an unreadable statement, a suppression comment, a migration chain). */
  subject: Subject | null;
  /** What the finding's reference points at; `null` when the finding is not about a reference. */
  referenced: Referenced | null;
  /** Present when the finding is a consequence of another statement PostgreSQL rejects (a table whose CREATE was
   *  rejected does not exist later): that statement, to fix first; its fix clears this finding. */
  caused_by?: Location;
}

/** A table and some of its columns, named as the server stores them, under the table's final name (as
 *  `schema()` lists it). */
export interface Subject {
  schema: string;
  table: string;
  /** Empty when the finding is about the whole table. */
  columns: string[];
}

export interface Referenced extends Subject {
  /** False when no such table exists at the point of the reference (missing, or only created later). */
  exists: boolean;
}

export interface Summary {
  files: number;
  statements: number;
  /** Statements that may change the schema but could not be understood (each has an FK001 finding). */
  unparsed: number;
  /** Statements that cannot affect foreign keys (GRANT, OWNER TO, sequences, ...). */
  skipped: number;
  tables: number;
  foreign_keys: number;
  /** Findings hidden by `-- fklint-ignore` comments. */
  suppressed: number;
  /** The platform preset replayed before the sources (configured or detected from them), e.g. `"supabase"`. */
  platform?: string;
  /** The dialect the sources were checked as. */
  dialect: Dialect;
  /** Present when the dialect was detected (`dialect: "auto"`, the default), absent when it was given. */
  detected?: DialectDetection;
  /** The migration tool the project was laid out for (with `Options.tool`, or a tool the CLI found). */
  tool?: ToolChoice;
  /**
   * The server the migration tool's files declared when no target was given: a Drizzle project whose config or
   * journal says `dialect: "turso"` is judged as libSQL (`{ target: "libsql", evidence }`).
   */
  declared_target?: { target: string; evidence: string };
}

/** Why a dialect was detected: show it next to the result, so a wrong guess can be overridden. */
export interface DialectDetection {
  /** The guess (equal to `Summary.dialect`). */
  dialect: Dialect;
  /** False when no marker was seen (PostgreSQL by default) or another dialect scored as high. */
  confident: boolean;
  /** Every marker seen, strongest first (markers of other dialects too: they reveal mixed input). */
  evidence: DialectEvidence[];
}

/** One kind of marker and how often it occurs outside strings and comments (Python sources are not read). */
export interface DialectEvidence {
  /** The dialect it points to. */
  dialect: Dialect;
  /** E.g. `"ENGINE="`, `"backtick identifier"`, `"AUTOINCREMENT"`, `"::"`. */
  marker: string;
  count: number;
}

/** What `check` returns: `fklint check --format json`, plus the UTF-16 columns. */
export interface Report {
  version: 1;
  findings: Finding[];
  summary: Summary;
}

/** What a bad call returns (wrong argument types, missing fields, unknown dialect or option), or an internal error. */
export interface ErrorResult {
  error: {
    /** Readable; internal errors start with `internal error:`. */
    message: string;
  };
}

export interface Column {
  name: string;
  /** The type as PostgreSQL names it, e.g. `character varying(255)`. */
  type: string;
  nullable: boolean;
}

export interface Table {
  /** With `Options.databases`: the database the table is in (absent for sources in no declared database). */
  database?: string;
  schema: string;
  name: string;
  columns: Column[];
  primary_key: string[];
  unique: string[][];
  file: string;
  line: number;
}

export interface ForeignKey {
  /** With `Options.databases`: the database the foreign key is in (absent for sources in no declared database). */
  database?: string;
  schema: string;
  table: string;
  /** The constraint name as the database stores it (PostgreSQL's default name when none was given). */
  name: string;
  columns: string[];
  ref_schema: string;
  ref_table: string;
  ref_columns: string[];
  /** `NO ACTION`, `RESTRICT`, `CASCADE`, `SET NULL` or `SET DEFAULT` (with a column list when one is given). */
  on_delete: string;
  on_update: string;
  deferrable: boolean;
  file: string;
  line: number;
}

/** What `schema` returns: `fklint schema --format json`. Names as the database stores them, without quotes. */
export interface SchemaReport {
  version: 1;
  tables: Table[];
  foreign_keys: ForeignKey[];
}

export interface RuleInfo {
  code: string;
  name: string;
  /** The rule's default severity. */
  severity: Severity;
  /** One sentence: what the rule finds. */
  summary: string;
  /** Markdown: what it does, why it is bad, an example, what to use instead. */
  docs: string;
}

/** Where to load the WebAssembly from: a URL, a response, the bytes, or a compiled module. */
export type InitInput =
  | string
  | URL
  | Request
  | Response
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module;

/**
 * Loads the WebAssembly module; call (and await) it once before anything else in browsers. By default it
 * fetches `fklint_wasm_bg.wasm` next to the package's JavaScript (`new URL(..., import.meta.url)`, which
 * bundlers understand). Calling it again does nothing. In Node.js and with `fklint/bundler` it does nothing.
 */
export default function init(
  input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> },
): Promise<void>;

/** Loads the WebAssembly module synchronously from its bytes or a compiled module. */
export function initSync(
  module: ArrayBuffer | ArrayBufferView | WebAssembly.Module | { module: ArrayBuffer | ArrayBufferView | WebAssembly.Module },
): void;

/**
 * Loads the second WebAssembly module, the one with every front end beyond SQL (Python/SQLAlchemy/Alembic,
 * TypeScript/Drizzle, Prisma, Rails, Laravel), which a source named `*.py`, `*.ts`, `*.prisma`, `*.rb` or
 * `*.php` needs. By default it fetches `fklint_full_bg.wasm` next to the package's JavaScript. Calling it again
 * does nothing. In Node.js it is optional (the first call that needs the module loads it).
 */
export function initFull(
  input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> },
): Promise<void>;

/**
 * Loads what `check`, `schema` and `layout` need for these sources and options: `init()`, and `initFull()` only
 * when a source is in a language beyond SQL or a statement needs sqlparser (the SQL module reads the sources to
 * tell). In browsers, await it before checking (a call that needs the second module before it is loaded returns
 * `{ error }`); in Node.js it is optional.
 */
export function prepare(
  sources: Sources,
  options?: Options | null,
  input?: InitInput | Promise<InitInput> | { module_or_path: InitInput | Promise<InitInput> },
): Promise<void>;

/**
 * Checks the sources, in order, as PostgreSQL would replay them. Never throws: a bad call or an internal error
 * returns `{ error: { message } }` (test with `"error" in result`).
 */
export function check(sources: Sources, options?: Options | null): Report | ErrorResult;

/** The schema after replaying the sources: every table and foreign key. Never throws (see `check`). */
export function schema(sources: Sources, options?: Options | null): SchemaReport | ErrorResult;

/**
 * How the project's migration tool runs its files on "up": `files` is every file of the project (relative
 * paths); `options.tool` and `options.dialect` as for `check`. Never throws (see `check`).
 */
export function layout(files: readonly Source[], options?: Options | null): Layout | ErrorResult;

/** Every rule, in registry order. Throws only before `init()` in browsers (and on an internal error). */
export function rules(): RuleInfo[];

/** fklint's version, e.g. `0.1.0`. Throws only before `init()` in browsers (and on an internal error). */
export function version(): string;
