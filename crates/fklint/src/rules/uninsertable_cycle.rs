//! FK403 uninsertable-cycle.

use std::collections::VecDeque;

use super::context::{Rule, RuleContext, RuleMeta};
use super::support::fix;
use crate::catalog::{ForeignKey, TableId};
use crate::diagnostic::{Diagnostic, FixPlan, RelatedLocation, Severity};
use crate::ident::quote_if_needed;

const META: RuleMeta = RuleMeta {
    code: "FK403",
    name: "uninsertable-cycle",
    severity: Severity::Warning,
    summary: "A cycle of NOT NULL, non-deferrable foreign keys: no first row can be inserted.",
    docs: r#"## What it does
Finds cycles of two or more tables whose foreign keys are all `NOT NULL` on every column and `NOT DEFERRABLE`,
judged on the schema at the end of the migrations. The message shows the whole cycle.

## Why it is bad
Every table of the cycle needs a row of the next one to exist before its own row can be inserted, and the check
runs at the end of each statement: no first row can ever be inserted into any of them (23503), short of
dropping a constraint. A table that references itself is not such a cycle: a row may reference itself.

## Example
```sql expect_diagnostic
CREATE TABLE authors (id int PRIMARY KEY, first_book_id int NOT NULL);
CREATE TABLE books (id int PRIMARY KEY, author_id int NOT NULL REFERENCES authors (id));
ALTER TABLE authors ADD FOREIGN KEY (first_book_id) REFERENCES books (id);
```

## Use instead
Make one foreign key of the cycle `DEFERRABLE INITIALLY DEFERRED` (both rows are then inserted in one
transaction and checked at commit), or let one of its columns be NULL.
```sql valid
CREATE TABLE authors (id int PRIMARY KEY, first_book_id int NOT NULL);
CREATE TABLE books (id int PRIMARY KEY, author_id int NOT NULL REFERENCES authors (id));
ALTER TABLE authors ADD FOREIGN KEY (first_book_id) REFERENCES books (id)
    DEFERRABLE INITIALLY DEFERRED;
```
"#,
};

/// This rule in the registry.
pub const RULE: Rule = Rule {
    meta: META,
    check: Some(check),
};

/// Per table (a `TableId` indexes it): the foreign keys leaving it that block the first insert.
type Edges<'a> = Vec<Vec<&'a ForeignKey>>;

pub fn check(ctx: &RuleContext) -> Vec<Diagnostic> {
    let tables = ctx.catalog.tables.len();
    // Edges of the graph: foreign keys that block the first insert, between two different tables.
    let mut edges: Edges = vec![Vec::new(); tables];
    // Incoming references per table (from any accepted foreign key of another table).
    let mut incoming = vec![0usize; tables];
    for fk in ctx.accepted_foreign_keys() {
        let Some(target) = fk.target_table() else {
            continue;
        };
        if target == fk.table {
            continue;
        }
        incoming[target] += 1;
        let table = ctx.catalog.table(fk.table);
        if table.partition_of.is_some() || fk.def.deferrable {
            continue;
        }
        let all_not_null = fk
            .columns
            .iter()
            .all(|c| table.column(c).is_some_and(|c| c.not_null));
        if all_not_null {
            edges[fk.table].push(fk);
        }
    }
    let mut out = Vec::new();
    for component in strongly_connected(&edges) {
        if component.len() < 2 {
            continue;
        }
        if let Some(cycle) = shortest_cycle(&edges, &component) {
            out.push(diagnostic(ctx, &cycle, &incoming));
        }
    }
    out
}

/// Strongly connected components (Tarjan's algorithm, iterative), each sorted, in order of their first table.
/// The roots are the tables with edges, in table order.
fn strongly_connected(edges: &Edges) -> Vec<Vec<TableId>> {
    let successors = |v: TableId| -> Vec<TableId> {
        edges[v].iter().filter_map(|fk| fk.target_table()).collect()
    };
    const UNVISITED: usize = usize::MAX;
    let mut index = vec![UNVISITED; edges.len()];
    let mut low = vec![0usize; edges.len()];
    let mut on_stack = vec![false; edges.len()];
    let mut stack: Vec<TableId> = Vec::new();
    let mut components = Vec::new();
    let mut next = 0usize;
    for root in 0..edges.len() {
        if edges[root].is_empty() || index[root] != UNVISITED {
            continue;
        }
        // (node, its successors, position of the next successor to visit)
        let mut work: Vec<(TableId, Vec<TableId>, usize)> = Vec::new();
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        work.push((root, successors(root), 0));
        while let Some((v, succ, pos)) = work.last_mut() {
            let v = *v;
            if let Some(&w) = succ.get(*pos) {
                *pos += 1;
                if index[w] == UNVISITED {
                    index[w] = next;
                    low[w] = next;
                    next += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    work.push((w, successors(w), 0));
                } else if on_stack[w] {
                    low[v] = index[w].min(low[v]);
                }
                continue;
            }
            work.pop();
            if let Some((parent, _, _)) = work.last() {
                low[*parent] = low[*parent].min(low[v]);
            }
            if low[v] == index[v] {
                let mut component = Vec::new();
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component.push(w);
                    if w == v {
                        break;
                    }
                }
                component.sort_unstable();
                components.push(component);
            }
        }
    }
    crate::sort::sort_by(&mut components, |a, b| a.cmp(b));
    components
}

/// The shortest cycle through the first table of a component (breadth-first, edges inside the component).
fn shortest_cycle<'a>(edges: &Edges<'a>, component: &[TableId]) -> Option<Vec<&'a ForeignKey>> {
    let start = *component.first()?;
    let mut inside = vec![false; edges.len()];
    for &table in component {
        inside[table] = true;
    }
    let mut came_by: Vec<Option<&ForeignKey>> = vec![None; edges.len()];
    let mut queue = VecDeque::from([start]);
    while let Some(v) = queue.pop_front() {
        for &fk in &edges[v] {
            let Some(w) = fk.target_table() else { continue };
            if !inside[w] || came_by[w].is_some() {
                continue;
            }
            came_by[w] = Some(fk);
            if w == start {
                queue.clear();
                break;
            }
            queue.push_back(w);
        }
    }
    // Walk back from the start to itself.
    let mut cycle = Vec::new();
    let mut at = start;
    loop {
        let fk = came_by[at]?;
        cycle.push(fk);
        at = fk.table;
        if at == start || cycle.len() > component.len() {
            break;
        }
    }
    cycle.reverse();
    Some(cycle)
}

fn diagnostic(ctx: &RuleContext, cycle: &[&ForeignKey], incoming: &[usize]) -> Diagnostic {
    let links: Vec<String> = cycle
        .iter()
        .map(|fk| {
            let target = fk
                .target_table()
                .map(|t| ctx.catalog.table(t).name.to_string())
                .unwrap_or_default();
            format!("{} → {target}", ctx.fk_columns_label(fk))
        })
        .collect();
    // Defer the foreign key whose table the fewest others reference (the least central one); ties go to the
    // first in the cycle as shown.
    let chosen = cycle
        .iter()
        .copied()
        .min_by_key(|fk| incoming[fk.table])
        .unwrap_or(cycle[0]);
    let message = format!(
        "the foreign keys {} form a cycle of NOT NULL, non-deferrable references: no first row can be inserted \
         into any of these tables (23503)",
        links.join(", ")
    );
    let related = cycle
        .iter()
        .filter(|fk| fk.id != chosen.id)
        .map(|fk| RelatedLocation {
            location: fk.location,
            message: format!("`{}` is part of the cycle", fk.name),
        })
        .collect();
    let table = ctx.catalog.table(chosen.table);
    let fix = FixPlan {
        title: format!("Make `{}` DEFERRABLE INITIALLY DEFERRED", chosen.name),
        edits: vec![fix::insert_at(
            chosen.location,
            chosen.location.span.end,
            " DEFERRABLE INITIALLY DEFERRED",
        )],
        sql: Some(format!(
            "ALTER TABLE {} ALTER CONSTRAINT {} DEFERRABLE INITIALLY DEFERRED;",
            table.name.sql(),
            quote_if_needed(&chosen.name)
        )),
        rerun_statement: None,
    };
    META.diagnostic(message, chosen.location)
        .about(ctx.about_foreign_key(chosen))
        .with_related(related)
        .with_fix(Some(fix))
}
