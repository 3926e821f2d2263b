// The GitHub Action (action.yml) as the runner executes it: its step's `run` with the variables GitHub sets
// (GITHUB_WORKSPACE, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP, GITHUB_ACTION_PATH) and the inputs as
// `${{ inputs.* }}` expands them; then what it wrote: annotations on stdout, the outputs, the step summary's
// findings table, the SARIF file, and the exit code by `fail-on`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { artefacts, pathWithoutRust, projectWith, remove, repo, run } from './support.mjs';

/** action.yml as JSON (PyYAML from the tools virtualenv, which pre-commit needs anyway). */
async function actionDefinition() {
  const python = path.join(artefacts.tools, 'bin', 'python');
  const result = await run(python, ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))', path.join(repo, 'action.yml')]);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

/** Runs the composite action's steps as the runner would, with `with` as the step's inputs. */
async function runAction(workspace, given) {
  const action = await actionDefinition();
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, given[name] ?? spec.default ?? '']));
  const expand = (text) => String(text).replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name) => inputs[name]);
  const files = { output: path.join(workspace, '..', 'github-output'), summary: path.join(workspace, '..', 'step-summary') };
  for (const file of Object.values(files)) fs.writeFileSync(file, '');
  const runnerTemp = fs.mkdtempSync(path.join(os.tmpdir(), 'fklint-runner-temp-'));
  let stdout = '';
  let code = 0;
  for (const step of action.runs.steps) {
    assert.equal(step.shell, 'bash');
    const stepEnv = Object.fromEntries(Object.entries(step.env || {}).map(([k, v]) => [k, expand(v)]));
    const result = await run('bash', ['-e', '-c', expand(step.run)], {
      cwd: workspace,
      env: {
        ...process.env,
        PATH: pathWithoutRust(),
        GITHUB_ACTIONS: 'true',
        GITHUB_WORKSPACE: workspace,
        GITHUB_OUTPUT: files.output,
        GITHUB_STEP_SUMMARY: files.summary,
        GITHUB_ACTION_PATH: repo,
        RUNNER_TEMP: runnerTemp,
        npm_config_update_notifier: 'false',
        ...stepEnv,
      },
    });
    stdout += result.stdout;
    code = result.code;
    if (code !== 0) break;
  }
  remove(runnerTemp);
  const outputs = Object.fromEntries(fs.readFileSync(files.output, 'utf8').trim().split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2)));
  return { code, stdout, outputs, summary: fs.readFileSync(files.summary, 'utf8') };
}

test('errors: annotations, outputs, SARIF, the summary table, and a failing step', async (t) => {
  const root = projectWith('dotmac-platform', 'workspace/db/migrations');
  t.after(() => remove(root));
  const workspace = path.join(root, 'workspace');
  const result = await runAction(workspace, { paths: 'db/migrations', sarif: 'fklint.sarif', package: artefacts.tarball });
  assert.equal(result.code, 1, result.stdout);
  const annotations = result.stdout.split('\n').filter((line) => line.startsWith('::error '));
  // 14 roots and one consequence (deployment_instances' CREATE TABLE is rejected, so deployment_executions' is too).
  assert.equal(annotations.length, 15);
  assert.ok(annotations.some((a) => a.startsWith('::error file=db/migrations/0002_sales.sql,line=5,col=39,endLine=5,endColumn=45,title=FK101 missing-referenced-table::')), annotations.join('\n'));
  assert.deepEqual(result.outputs, { errors: '15', warnings: '0', infos: '0', sarif: 'fklint.sarif' });
  const sarif = JSON.parse(fs.readFileSync(path.join(workspace, 'fklint.sarif'), 'utf8'));
  assert.equal(sarif.version, '2.1.0');
  assert.equal(sarif.runs[0].results.length, 15);
  assert.match(result.summary, /^### fklint: failed \(fail-on: error\)/);
  assert.match(result.summary, /15 errors, 0 warnings, 0 infos in 3 files/);
  assert.match(result.summary, /\| severity \| rule \| location \| message \|/);
  assert.match(result.summary, /\| error \| FK101 missing-referenced-table \| db\/migrations\/0002_sales\.sql:5:39 \| orders\.tenant_id references table `tenant`/);
  assert.equal(result.summary.split('\n').filter((l) => l.startsWith('| error |')).length, 15);
});

test('fail-on decides: warnings pass at "error" and fail at "warning"; no summary when turned off', async (t) => {
  const root = projectWith('tripwire-cross-database', 'workspace/supabase/migrations');
  t.after(() => remove(root));
  const workspace = path.join(root, 'workspace');
  const lenient = await runAction(workspace, { paths: 'supabase/migrations', package: artefacts.tarball });
  assert.equal(lenient.code, 0, lenient.stdout);
  assert.equal(lenient.outputs.errors, '0');
  assert.ok(Number(lenient.outputs.warnings) > 0);
  assert.match(lenient.stdout, /^::warning file=supabase\/migrations\//m);
  assert.match(lenient.summary, /^### fklint: passed/);
  const strict = await runAction(workspace, { paths: 'supabase/migrations', 'fail-on': 'warning', summary: 'false', package: artefacts.tarball });
  assert.equal(strict.code, 1);
  assert.equal(strict.summary, '');
});

test('a usage error stops the step with exit 2 and the CLI\'s message', async (t) => {
  const root = projectWith('dotmac-platform', 'workspace/db');
  t.after(() => remove(root));
  const result = await runAction(path.join(root, 'workspace'), { paths: 'db', args: '--dialect oracle', package: artefacts.tarball });
  assert.equal(result.code, 2);
});
