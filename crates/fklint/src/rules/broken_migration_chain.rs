//! FK601 broken-migration-chain.

use std::collections::{HashMap, HashSet};

use super::context::{Rule, RuleContext, RuleMeta};
use crate::diagnostic::{Diagnostic, RelatedLocation, Severity};
use crate::frontend::parsed::Revision;
use crate::source::{Location, SourceId, Span};

const META: RuleMeta = RuleMeta {
    code: "FK601",
    name: "broken-migration-chain",
    severity: Severity::Error,
    summary:
        "Alembic's revision chain is broken: a missing down_revision, several heads, or a cycle.",
    docs: r#"## What it does
Reads the `revision` and `down_revision` of every Alembic migration given (a `.py` file with a module-level
`revision = "..."`) and checks that they form one chain: every `down_revision` is defined by some file, exactly
one revision is the head, and following `down_revision` never comes back to where it started. fklint replays the
migrations in the chain's order, not in the order of their file names. Give it the whole `versions/` folder:
a `down_revision` defined by a file it was not given counts as missing.

## Why it is bad
`alembic upgrade head` refuses to run: `Revision abc referenced from abc -> def (head), ... is not present`,
`Multiple head revisions are present for given argument 'head'`, or a cycle error. The usual cause is two
branches that both added a migration on top of the same revision, or a migration copied from another project.

## Example
The examples are Python: each `# file:` line starts another migration file. Two migrations were added on
top of `1a2b` on two branches:

```python expect_diagnostic
# file: versions/1a2b_create_users.py
revision = "1a2b"
down_revision = None
# file: versions/3c4d_add_posts.py
revision = "3c4d"
down_revision = "1a2b"
# file: versions/5e6f_add_teams.py
revision = "5e6f"
down_revision = "1a2b"
```

## Use instead
Merge the heads (`alembic merge heads`): the merge migration's `down_revision` is a tuple of both.

```python valid
# file: versions/1a2b_create_users.py
revision = "1a2b"
down_revision = None
# file: versions/3c4d_add_posts.py
revision = "3c4d"
down_revision = "1a2b"
# file: versions/5e6f_add_teams.py
revision = "5e6f"
down_revision = "1a2b"
# file: versions/7a8b_merge.py
revision = "7a8b"
down_revision = ("3c4d", "5e6f")
```

A `down_revision` that no file defines is reported where it is written, with the heads the broken chain leaves;
FK601 is tested on such folders by fixtures (`tests/fixtures/FK601/`), since one example shows one finding.
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

/// One migration file's place in the chain.
struct Node {
    source: SourceId,
    revision: Revision,
}

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    let nodes: Vec<Node> = ctx
        .sources
        .iter()
        .enumerate()
        .filter(|(id, _)| {
            ctx.catalog
                .platform
                .as_ref()
                .is_none_or(|(_, own)| id < own)
        })
        .filter_map(|(source, _)| {
            let revision = ctx.parsed.revisions.get(source)?.clone()?;
            Some(Node { source, revision })
        })
        .collect();
    if nodes.is_empty() {
        return Vec::new();
    }
    let mut diagnostics = missing_parents(&nodes);
    diagnostics.extend(several_heads(ctx, &nodes));
    diagnostics.extend(cycles(&nodes));
    diagnostics
}

fn at(node: &Node, span: Span) -> Location {
    Location {
        source: node.source,
        span,
    }
}

/// `down_revision` names a revision no file defines.
fn missing_parents(nodes: &[Node]) -> Vec<Diagnostic> {
    let defined: HashSet<&str> = nodes.iter().map(|n| n.revision.id.as_str()).collect();
    let mut diagnostics = Vec::new();
    for node in nodes {
        for (parent, span) in &node.revision.down {
            if defined.contains(parent.as_str()) {
                continue;
            }
            let message = format!(
                "down_revision `{parent}` of revision `{}` is not defined by any migration given: `alembic \
                 upgrade` fails (revision `{parent}` is not present); point it at an existing revision or add \
                 the missing file",
                node.revision.id
            );
            diagnostics.push(META.diagnostic(message, at(node, *span)));
        }
    }
    diagnostics
}

/// More than one revision that no other revision names as its parent.
fn several_heads(ctx: &RuleContext, nodes: &[Node]) -> Option<Diagnostic> {
    let parents: HashSet<&str> = nodes
        .iter()
        .flat_map(|n| n.revision.down.iter().map(|(p, _)| p.as_str()))
        .collect();
    let heads: Vec<&Node> = nodes
        .iter()
        .filter(|n| !parents.contains(n.revision.id.as_str()))
        .collect();
    let [first, rest @ ..] = heads.as_slice() else {
        return None;
    };
    if rest.is_empty() {
        return None;
    }
    let names: Vec<String> = heads
        .iter()
        .map(|n| {
            let file = ctx.sources.get(n.source).map_or("", |s| s.name.as_str());
            format!("`{}` ({file})", n.revision.id)
        })
        .collect();
    let message = format!(
        "the migrations have {} heads: {}; `alembic upgrade head` refuses to choose: merge them with a migration \
         whose down_revision is all of them (`alembic merge heads`)",
        heads.len(),
        names.join(", ")
    );
    let related = rest
        .iter()
        .map(|n| RelatedLocation {
            location: at(n, n.revision.id_span),
            message: format!("`{}` is another head", n.revision.id),
        })
        .collect();
    Some(
        META.diagnostic(message, at(first, first.revision.id_span))
            .with_related(related),
    )
}

/// Revisions that are their own ancestors; each cycle is reported once, at its first file.
fn cycles(nodes: &[Node]) -> Vec<Diagnostic> {
    let by_id: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.revision.id.as_str(), i))
        .collect();
    let mut reported: HashSet<usize> = HashSet::new();
    let mut diagnostics = Vec::new();
    for start in 0..nodes.len() {
        if reported.contains(&start) {
            continue;
        }
        let Some(cycle) = cycle_from(nodes, &by_id, start) else {
            continue;
        };
        reported.extend(cycle.iter().copied());
        let ids: Vec<&str> = cycle
            .iter()
            .map(|&i| nodes[i].revision.id.as_str())
            .collect();
        let node = &nodes[start];
        let span = node
            .revision
            .down
            .first()
            .map_or(node.revision.id_span, |(_, s)| *s);
        let message = format!(
            "the revisions form a cycle ({} → {}): every one of them waits for another, so Alembic cannot order \
             them; one of them must have an earlier down_revision",
            ids.join(" → "),
            ids.first().copied().unwrap_or("")
        );
        diagnostics.push(META.diagnostic(message, at(node, span)));
    }
    diagnostics
}

/// The cycle through `start` (following parents), if `start` is on one.
fn cycle_from(nodes: &[Node], by_id: &HashMap<&str, usize>, start: usize) -> Option<Vec<usize>> {
    // Depth-first over parents, remembering the path; bounded by the number of nodes per path.
    let mut stack: Vec<(usize, Vec<usize>)> = vec![(start, vec![start])];
    let mut seen = HashSet::new();
    while let Some((node, path)) = stack.pop() {
        for (parent, _) in &nodes.get(node)?.revision.down {
            let Some(&next) = by_id.get(parent.as_str()) else {
                continue;
            };
            if next == start {
                return Some(path.clone());
            }
            if seen.insert(next) {
                let mut longer = path.clone();
                longer.push(next);
                stack.push((next, longer));
            }
        }
    }
    None
}
