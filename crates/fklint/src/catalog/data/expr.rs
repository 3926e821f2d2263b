//! Evaluation of an UPDATE's or DELETE's row expressions ([`RowExpr`], [`Predicate`]) on a known row, as
//! PostgreSQL computes them: integer arithmetic (`+ - *`, NULL in, NULL out; a result outside `int4` is left
//! unknown, as the server may reject it), comparisons (`=`/`<>` for every plain type family, ordering for integers
//! only: text orders by collation), SQL's three-valued `AND`/`OR`/`NOT`, `IS [NOT] NULL`, `IN`, `BETWEEN`.
//! A literal takes the type family of the column it meets. Anything fklint cannot be sure of is `None`: the
//! caller then does not decide which rows the statement touches.

use super::{cell, family, normalize, Cell, Row};
use crate::catalog::{Catalog, TableId};
use crate::events::{ArithOp, CompareOp, Predicate, RowExpr, Value};

/// SQL's truth values: `None` is NULL (a row the condition does not select).
pub(super) type Truth = Option<bool>;

impl Catalog {
    /// Whether the condition holds on the row (`Some(Some(true))`), fails or is NULL, or `None` when fklint
    /// cannot tell.
    pub(super) fn condition_on(
        &self,
        table: TableId,
        predicate: &Predicate,
        row: &Row,
    ) -> Option<Truth> {
        match predicate {
            Predicate::Compare(op, left, right) => self.compare(table, *op, left, right, row),
            Predicate::IsNull { expr, negated } => {
                let fam = self.expr_family(table, expr);
                match self.evaluate(table, expr, row, fam) {
                    Cell::Null => Some(Some(!negated)),
                    Cell::Val(_) => Some(Some(*negated)),
                    Cell::Unknown | Cell::Fresh => None,
                }
            }
            Predicate::In {
                expr,
                list,
                negated,
            } => {
                let each: Option<Vec<Truth>> = list
                    .iter()
                    .map(|item| self.compare(table, CompareOp::Equal, expr, item, row))
                    .collect();
                let any = combine(&each?, true);
                Some(if *negated { any.map(|b| !b) } else { any })
            }
            Predicate::Between {
                expr,
                low,
                high,
                negated,
            } => {
                let above = self.compare(table, CompareOp::GreaterOrEqual, expr, low, row)?;
                let below = self.compare(table, CompareOp::LessOrEqual, expr, high, row)?;
                let within = combine(&[above, below], false);
                Some(if *negated { within.map(|b| !b) } else { within })
            }
            Predicate::And(terms) => self.connective(table, terms, row, false),
            Predicate::Or(terms) => self.connective(table, terms, row, true),
            Predicate::Not(inner) => self.condition_on(table, inner, row).map(|t| t.map(|b| !b)),
        }
    }

    /// AND (`decider` false) or OR (`decider` true): a term equal to the decider decides it, whatever the others
    /// are (even terms fklint cannot tell).
    fn connective(
        &self,
        table: TableId,
        terms: &[Predicate],
        row: &Row,
        decider: bool,
    ) -> Option<Truth> {
        let each: Vec<Option<Truth>> = terms
            .iter()
            .map(|term| self.condition_on(table, term, row))
            .collect();
        if each.contains(&Some(Some(decider))) {
            return Some(Some(decider));
        }
        let each: Vec<Truth> = each.into_iter().collect::<Option<_>>()?;
        Some(combine(&each, decider))
    }

    fn compare(
        &self,
        table: TableId,
        op: CompareOp,
        left: &RowExpr,
        right: &RowExpr,
        row: &Row,
    ) -> Option<Truth> {
        let fam = self
            .expr_family(table, left)
            .or_else(|| self.expr_family(table, right))?;
        let (a, b) = (
            self.evaluate(table, left, row, Some(fam)),
            self.evaluate(table, right, row, Some(fam)),
        );
        let (a, b) = match (&a, &b) {
            (Cell::Null, Cell::Val(_) | Cell::Null) | (Cell::Val(_), Cell::Null) => {
                return Some(None)
            }
            (Cell::Val(a), Cell::Val(b)) => (a, b),
            _ => return None,
        };
        let ordering = match (integer(a), integer(b)) {
            (Some(x), Some(y)) => x.cmp(&y),
            // Other families only compare for equality, each value in its normalized form.
            _ if a.split_once(':')?.0 == b.split_once(':')?.0 => {
                return match op {
                    CompareOp::Equal => Some(Some(a == b)),
                    CompareOp::NotEqual => Some(Some(a != b)),
                    _ => None,
                }
            }
            _ => return None,
        };
        Some(Some(match op {
            CompareOp::Equal => ordering.is_eq(),
            CompareOp::NotEqual => ordering.is_ne(),
            CompareOp::Less => ordering.is_lt(),
            CompareOp::LessOrEqual => ordering.is_le(),
            CompareOp::Greater => ordering.is_gt(),
            CompareOp::GreaterOrEqual => ordering.is_ge(),
        }))
    }

    /// The type family an expression computes in: its columns' (a literal alone has none).
    fn expr_family(&self, table: TableId, expr: &RowExpr) -> Option<char> {
        match expr {
            RowExpr::Value(_) => None,
            RowExpr::Column(column) => family(self, table, &column.value),
            RowExpr::Arith(_, left, right) => self
                .expr_family(table, left)
                .or_else(|| self.expr_family(table, right)),
            RowExpr::Negate(operand) => self.expr_family(table, operand),
        }
    }

    /// The value of an expression on the row, its literals read in the family `fam`.
    pub(super) fn evaluate(
        &self,
        table: TableId,
        expr: &RowExpr,
        row: &Row,
        fam: Option<char>,
    ) -> Cell {
        match expr {
            RowExpr::Value(value) if value.value == Value::Default => Cell::Unknown,
            RowExpr::Value(value) => normalize(&value.value, fam),
            RowExpr::Column(column) => {
                if self.tables[table].column(&column.value).is_none() {
                    return Cell::Unknown;
                }
                match cell(row, &column.value) {
                    Cell::Fresh => Cell::Unknown,
                    known => known.clone(),
                }
            }
            RowExpr::Negate(operand) => arithmetic(
                ArithOp::Subtract,
                &integer_cell(0),
                &self.evaluate(table, operand, row, fam),
            ),
            RowExpr::Arith(op, left, right) => {
                let fam = self.expr_family(table, expr).or(fam);
                arithmetic(
                    *op,
                    &self.evaluate(table, left, row, fam),
                    &self.evaluate(table, right, row, fam),
                )
            }
        }
    }

    /// The value an assignment's expression stores in `column`: an integer result goes into an integer column,
    /// or a numeric one as the same number; anything else is not known.
    pub(super) fn assigned_cell(
        &self,
        table: TableId,
        column: &str,
        expr: &RowExpr,
        old: &Row,
    ) -> Cell {
        let target = family(self, table, column);
        let fam = self.expr_family(table, expr).or(target);
        match (self.evaluate(table, expr, old, fam), target) {
            (Cell::Null, _) => Cell::Null,
            (Cell::Val(v), Some('i')) if v.starts_with("i:") => Cell::Val(v),
            (Cell::Val(v), Some('n')) => v.strip_prefix("i:").map_or(Cell::Unknown, |digits| {
                Cell::Val(format!("n:{digits}").into())
            }),
            _ => Cell::Unknown,
        }
    }
}

fn integer(value: &str) -> Option<i128> {
    value.strip_prefix("i:")?.parse().ok()
}

fn integer_cell(value: i128) -> Cell {
    Cell::Val(format!("i:{value}").into())
}

/// Integer arithmetic, NULL propagating; a result outside `int4` may be refused by the server: unknown.
fn arithmetic(op: ArithOp, a: &Cell, b: &Cell) -> Cell {
    let (a, b) = match (a, b) {
        (Cell::Null, Cell::Val(_) | Cell::Null) | (Cell::Val(_), Cell::Null) => return Cell::Null,
        (Cell::Val(a), Cell::Val(b)) => match (integer(a), integer(b)) {
            (Some(a), Some(b)) => (a, b),
            _ => return Cell::Unknown,
        },
        _ => return Cell::Unknown,
    };
    let result = match op {
        ArithOp::Add => a.checked_add(b),
        ArithOp::Subtract => a.checked_sub(b),
        ArithOp::Multiply => a.checked_mul(b),
    };
    match result {
        Some(v) if (i128::from(i32::MIN)..=i128::from(i32::MAX)).contains(&v) => integer_cell(v),
        _ => Cell::Unknown,
    }
}

/// SQL's AND (`decider` false) or OR (`decider` true) over known truth values: a term equal to the decider
/// decides, then a NULL makes it NULL.
fn combine(each: &[Truth], decider: bool) -> Truth {
    if each.contains(&Some(decider)) {
        Some(decider)
    } else if each.contains(&None) {
        None
    } else {
        Some(!decider)
    }
}

#[cfg(test)]
mod tests {

    /// The lines (1-based) of the errors on a PostgreSQL script.
    fn error_lines(sql: &str) -> Vec<usize> {
        let mut lines: Vec<usize> = crate::postgres_errors(sql)
            .iter()
            .map(|f| f.position.line)
            .collect();
        lines.dedup();
        lines
    }

    const TABLES: &str = "CREATE TABLE p (id int PRIMARY KEY, note text);\n\
                          CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p);\n\
                          INSERT INTO p VALUES (1, 'a'), (2, 'b'), (3, 'c');\n\
                          INSERT INTO c VALUES (1, 1), (2, 3);\n";

    fn after_tables(statements: &str) -> Vec<usize> {
        error_lines(&format!("{TABLES}{statements}"))
            .into_iter()
            .map(|line| line - 4)
            .collect()
    }

    #[test]
    fn set_computes_each_row_from_its_old_values() {
        assert_eq!(
            after_tables(
                "UPDATE c SET p_id = p_id;\n\
                 UPDATE c SET p_id = p_id + 1;\n\
                 UPDATE c SET p_id = (p_id - 1) * 2 WHERE id = 2;\n\
                 UPDATE c SET p_id = -p_id + 5 WHERE id = 2;\n"
            ),
            [2, 3]
        );
    }

    #[test]
    fn where_selects_rows_by_comparisons_and_logic() {
        assert_eq!(
            after_tables(
                "DELETE FROM p WHERE id > 3 OR note IS NULL;\n\
                 DELETE FROM p WHERE id BETWEEN 2 AND 3 AND NOT (id = 3);\n\
                 DELETE FROM p WHERE id NOT IN (2, 3) AND note <> 'x';\n\
                 DELETE FROM p WHERE p.id >= 3 AND p.id < 2 + 2;\n"
            ),
            [3, 4]
        );
    }

    #[test]
    fn null_in_a_comparison_selects_nothing() {
        // NULL = NULL is NULL, and NOT NULL is NULL: the row stays, and its parent with it.
        assert_eq!(
            after_tables(
                "INSERT INTO p VALUES (4, NULL);\n\
                 INSERT INTO c VALUES (3, 4);\n\
                 DELETE FROM p WHERE NOT (note = NULL);\n\
                 DELETE FROM p WHERE note IS NULL;\n"
            ),
            [4]
        );
    }

    #[test]
    fn what_cannot_be_computed_stays_silent() {
        // A call, text ordering (collation) and a result outside int4 are not computed: no finding, and the
        // rows they may have changed are no longer judged.
        assert!(
            after_tables("UPDATE c SET p_id = abs(p_id) + 5;\nDELETE FROM p WHERE id = 3;\n")
                .is_empty()
        );
        assert!(after_tables("DELETE FROM p WHERE note > 'b';\n").is_empty());
        assert!(after_tables(
            "UPDATE c SET p_id = p_id * 2147483647 WHERE id = 2;\nDELETE FROM p WHERE id = 3;\n"
        )
        .is_empty());
        assert!(after_tables("DELETE FROM p WHERE id > length(note);\n").is_empty());
    }

    #[test]
    fn a_key_update_of_several_rows_follows_the_heap_order() {
        // 12 → 13 first, then 11 → 12: no duplicate on the way, and no action key loses 13 for long.
        let sql = "CREATE TABLE pp (f1 int PRIMARY KEY);\n\
                   CREATE TABLE cc (f1 int REFERENCES pp);\n\
                   INSERT INTO pp VALUES (12), (11);\n\
                   UPDATE pp SET f1 = f1 + 1;\n\
                   INSERT INTO cc VALUES (13);\n\
                   UPDATE pp SET f1 = f1 + 1;\n\
                   UPDATE pp SET f1 = f1 + 1;\n";
        assert_eq!(error_lines(sql), [7]);
        // RESTRICT refuses as soon as the referenced key changes, even if another row takes it.
        let restrict = sql.replace("REFERENCES pp)", "REFERENCES pp ON UPDATE RESTRICT)");
        assert_eq!(error_lines(&restrict), [6, 7]);
        // In the other order the second row's new key meets the first row's old one (23505): not judged.
        let colliding = sql.replace("(12), (11)", "(11), (12)");
        assert!(error_lines(&colliding).is_empty());
    }
}
