// The GitHub Action's one step (action.yml): installs the fklint npm package once, then runs the CLI three
// times, each rendering what it renders everywhere: `--format github` (annotations, printed for the runner),
// `--format json` (for the step summary and the outputs) and, when asked, `--format sarif` (the file). The
// step's exit code is the annotations run's: 1 when a finding reaches `fail-on`, 2 on a usage error.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const input = (name, fallback = '') => (process.env[`FKLINT_${name}`] || fallback).trim();
const workspace = process.env.GITHUB_WORKSPACE || process.cwd();

/** `npm install` of the package into a private folder; returns the path of its `fklint` bin. */
function install(spec) {
  const prefix = fs.mkdtempSync(path.join(process.env.RUNNER_TEMP || os.tmpdir(), 'fklint-action-'));
  const result = spawnSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', prefix, spec], {
    stdio: ['ignore', 'inherit', 'inherit'],
    cwd: workspace,
  });
  if (result.status !== 0) throw new Error(`npm install ${spec} failed`);
  return path.join(prefix, 'node_modules', '.bin', process.platform === 'win32' ? 'fklint.cmd' : 'fklint');
}

/** Splits `args` like a shell would for plain words and "quoted strings". */
function words(text) {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

function run(bin, args, stdout) {
  return spawnSync(bin, args, { cwd: workspace, stdio: ['ignore', stdout, 'inherit'], maxBuffer: 1 << 30 });
}

/** `| a | b |` with `|` and new lines escaped, as GitHub's Markdown tables need. */
function row(cells) {
  return `| ${cells.map((cell) => String(cell).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')).join(' | ')} |`;
}

function summaryMarkdown(report, failOn, code) {
  const count = (severity) => report.findings.filter((f) => f.severity === severity).length;
  const lines = [
    `### fklint: ${code === 0 ? 'passed' : 'failed'} (fail-on: ${failOn})`,
    '',
    `${count('error')} errors, ${count('warning')} warnings, ${count('info')} infos in ${report.summary.files} files (${report.summary.statements} statements, dialect ${report.summary.dialect}).`,
    '',
  ];
  if (report.findings.length > 0) {
    lines.push(row(['severity', 'rule', 'location', 'message']), row(['---', '---', '---', '---']));
    for (const f of report.findings) lines.push(row([f.severity, `${f.code} ${f.name}`, `${f.file}:${f.line}:${f.column}`, f.message]));
    lines.push('');
  }
  return lines.join('\n') + '\n';
}

function main() {
  const failOn = input('FAIL_ON', 'error');
  const common = [...(input('CONFIG') ? ['--config', input('CONFIG')] : []), ...words(input('ARGS'))];
  const paths = words(input('PATHS', '.'));
  const bin = install(input('PACKAGE', 'fklint'));

  const annotations = run(bin, ['check', '--format', 'github', '--fail-on', failOn, ...common, ...paths], 'inherit');
  const code = annotations.status ?? 2;
  if (code === 2) return code; // a usage error: the CLI has said what is wrong

  const json = run(bin, ['check', '--format', 'json', ...common, ...paths], 'pipe');
  const report = JSON.parse(json.stdout.toString('utf8'));
  const outputs = {
    errors: report.findings.filter((f) => f.severity === 'error').length,
    warnings: report.findings.filter((f) => f.severity === 'warning').length,
    infos: report.findings.filter((f) => f.severity === 'info').length,
    sarif: '',
  };
  const sarifFile = input('SARIF');
  if (sarifFile) {
    const sarif = run(bin, ['check', '--format', 'sarif', ...common, ...paths], 'pipe');
    fs.writeFileSync(path.resolve(workspace, sarifFile), sarif.stdout);
    outputs.sarif = sarifFile;
  }
  if (process.env.GITHUB_OUTPUT) {
    fs.appendFileSync(process.env.GITHUB_OUTPUT, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(''));
  }
  if (process.env.GITHUB_STEP_SUMMARY && input('SUMMARY', 'true') !== 'false') {
    fs.appendFileSync(process.env.GITHUB_STEP_SUMMARY, summaryMarkdown(report, failOn, code));
  }
  return code;
}

try {
  process.exitCode = main();
} catch (error) {
  console.log(`::error title=fklint::${String(error.message).replace(/%/g, '%25').replace(/\r?\n/g, '%0A')}`);
  process.exitCode = 2;
}
