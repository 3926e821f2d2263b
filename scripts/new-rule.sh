#!/usr/bin/env bash
# Scaffolds a new rule: its file (metadata, docs whose examples are tests, an empty check), its line in the
# registry, a fixture that must produce its finding and a valid one that must not, and its generated docs page.
#
#   scripts/new-rule.sh CODE NAME SEVERITY "SUMMARY"
#   scripts/new-rule.sh FK407 cascade-into-audit-table warning "ON DELETE CASCADE reaches an audit table."
#
# Then: write the check and the examples (the scaffolded ones fail until the check finds them), and
# `INSTA_UPDATE=always cargo test -p fklint --test snapshots` to write the fixtures' snapshots.
# FKLINT_NO_DOCS=1 skips regenerating docs/rules (the scaffold's own test builds the docs separately).
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: $0 CODE NAME SEVERITY \"SUMMARY\"  (e.g. FK407 cascade-into-audit-table warning \"...\")" >&2; exit 2; }
[ $# -eq 4 ] || usage
code=$1 name=$2 severity=$3 summary=$4
[[ $code =~ ^FK[0-9]{3}$ ]] || { echo "CODE must look like FK407, not \`$code\`" >&2; exit 2; }
[[ $name =~ ^[a-z][a-z0-9]*(-[a-z0-9]+)*$ ]] || { echo "NAME must be kebab-case, not \`$name\`" >&2; exit 2; }
case $severity in
  info) variant=Info ;; warning) variant=Warning ;; error) variant=Error ;;
  *) echo "SEVERITY must be info, warning or error, not \`$severity\`" >&2; exit 2 ;;
esac
[[ $summary != *'"'* ]] || { echo "SUMMARY must not contain a double quote" >&2; exit 2; }

rules=crates/fklint/src/rules
module=${name//-/_}
file=$rules/$module.rs
fixtures=crates/fklint/tests/fixtures/$code
if grep -rqs -e "code: \"$code\"" -e "name: \"$name\"" "$rules"/*.rs; then
  echo "a rule with code $code or name $name already exists" >&2
  exit 1
fi
[ ! -e "$file" ] || { echo "$file already exists" >&2; exit 1; }

example_flagged="CREATE TABLE users (id int PRIMARY KEY);
CREATE TABLE posts (id int PRIMARY KEY, author_id int REFERENCES users (id));"
example_valid="CREATE TABLE users (id int PRIMARY KEY);"

cat >"$file" <<EOF
//! $code $name.

use super::context::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, Severity};

const META: RuleMeta = RuleMeta {
    code: "$code",
    name: "$name",
    severity: Severity::$variant,
    summary: "$summary",
    docs: r#"## What it does
$summary

## Why it is bad
What the server does (or lets through), and what breaks because of it.

## Example
\`\`\`sql expect_diagnostic
$example_flagged
\`\`\`

## Use instead
\`\`\`sql valid
$example_valid
\`\`\`
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

/// Reads the replayed catalog (\`ctx.catalog\`) and reports with \`META.diagnostic(message, location)\`, naming
/// what the finding is about (\`.about(ctx.about_foreign_key(fk))\`) and, where one exists, its fix.
pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    let _ = ctx;
    Vec::new()
}
EOF

# The registry's one list: the new module goes before the first rule whose code is greater.
insert_before=""
while read -r listed; do
  listed_code=$(grep -o 'code: "FK[0-9]*"' "$rules/$listed.rs" | head -1 | grep -o 'FK[0-9]*')
  if [[ $listed_code > $code ]]; then insert_before=$listed; break; fi
done < <(sed -n '/^registry! {$/,/^}$/p' "$rules/mod.rs" | sed -n 's/^    \([a-z_0-9]*\),$/\1/p')
if [ -n "$insert_before" ]; then
  sed -i "/^registry! {\$/,/^}\$/ s/^    $insert_before,\$/    $module,\n    $insert_before,/" "$rules/mod.rs"
else
  sed -i "/^registry! {\$/,/^}\$/ s/^}\$/    $module,\n}/" "$rules/mod.rs"
fi
grep -q "^    $module,\$" "$rules/mod.rs" || { echo "could not add $module to the registry in $rules/mod.rs" >&2; exit 1; }

mkdir -p "$fixtures/valid"
printf -- '-- What %s finds.\n%s\n' "$code" "$example_flagged" >"$fixtures/$module.sql"
printf -- '-- Looks like %s, but is fine.\n%s\n' "$code" "$example_valid" >"$fixtures/valid/$module.sql"

if [ "${FKLINT_NO_DOCS:-}" != 1 ]; then
  cargo run --quiet -p fklint-cli -- rules --markdown docs/rules
fi

echo "scaffolded $code $name:"
echo "  $file (write the check; its doc examples are tests)"
echo "  $rules/mod.rs (registry line)"
echo "  $fixtures/$module.sql, $fixtures/valid/$module.sql"
echo "  docs/rules/$code.md (generated)"
echo "next: INSTA_UPDATE=always cargo test -p fklint --test snapshots"
