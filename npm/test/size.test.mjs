// The size of the browser's SQL-only module (issue 16). The goal is at most 512,000 B under `gzip -9`, below
// squawk's wasm built with the same size profile (547,784 B). It is not reached yet: 760,168 B at stop 22, after
// that stop's new semantics (DO blocks, dynamic MySQL SQL, down checks, the settings model); sqlparser's statement
// parser, with the AST's Display and Spanned code it pulls in, is half of it. So this test fails on growth: above
// CEILING_GZIP (today's size plus 2%), and reports the distance to the goal. Lower the ceiling whenever the module
// shrinks. The module with every front end (loaded only for Python, TypeScript, Prisma, Ruby or PHP sources) has
// no ceiling; its size is reported beside it. Run after scripts/build-wasm.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const GOAL_GZIP = 512000;
const CEILING_GZIP = 776000;

/** `gzip -9`, as scripts/build-wasm.sh measures it (Node's zlib at level 9 is 0.7% larger). */
function gzip9(file) {
  return execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 1 << 26 }).length;
}

function sizes(name) {
  const file = fileURLToPath(new URL(`../dist/web/${name}`, import.meta.url));
  const bytes = fs.readFileSync(file);
  const brotli = zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  return { raw: bytes.length, gzip: gzip9(file), brotli: brotli.length };
}

test(`the SQL-only module is at most ${CEILING_GZIP} B gzip (goal ${GOAL_GZIP} B; the module with every front end reported beside it)`, (t) => {
  const sql = sizes('fklint_wasm_bg.wasm');
  const full = sizes('fklint_full_bg.wasm');
  t.diagnostic(`SQL only: raw ${sql.raw} B, gzip ${sql.gzip} B, brotli ${sql.brotli} B`);
  t.diagnostic(`every front end: raw ${full.raw} B, gzip ${full.gzip} B, brotli ${full.brotli} B`);
  assert.ok(full.gzip > sql.gzip, 'the SQL-only module is the smaller one (built without the other front ends)');
  t.diagnostic(`goal ${GOAL_GZIP} B gzip: ${sql.gzip <= GOAL_GZIP ? 'reached' : `${sql.gzip - GOAL_GZIP} B to go`}`);
  assert.ok(
    sql.gzip <= CEILING_GZIP,
    `the SQL-only module is ${sql.gzip} B gzip, ${sql.gzip - CEILING_GZIP} B over the ceiling of ${CEILING_GZIP} B`,
  );
});
