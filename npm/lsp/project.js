// What the server checks, and how: the folder of an open file as the CLI would check it, run through the CLI
// itself (../cli.js), with the editor's unsaved buffers passed in `--buffers`. So the language server follows
// exactly the CLI's fklint.toml lookup, file order, migration layout, dialect detection and rule settings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { guestPath, hostPath, runFklintInWorker } from '../cli.js';

const CONFIG_FILE = 'fklint.toml';

/**
 * The folder to check for `file`: the directory of the nearest fklint.toml above it (the project as its
 * configuration describes it: `[databases]`, `order` and `exclude` are relative to it), else the file's own
 * folder (a plain migrations folder). `configFile` (a setting) pins the configuration: its directory is the root.
 */
export function rootFor(file, configFile) {
  if (configFile) return path.dirname(path.resolve(configFile));
  let dir = path.dirname(file);
  for (;;) {
    if (fs.existsSync(path.join(dir, CONFIG_FILE))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.dirname(file);
    dir = parent;
  }
}

/** Whether `file` is `root` or inside it. */
export function contains(root, file) {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Runs the CLI in a scratch folder: `args` plus `--buffers` when `buffers` (path → text) is given. Returns
 * `{ code, stdout, stderr }`.
 */
export async function runCli(args, { buffers, cwd } = {}) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'fklint-lsp-'));
  const outFile = path.join(scratch, 'stdout');
  const errFile = path.join(scratch, 'stderr');
  const fullArgs = [...args];
  if (buffers && Object.keys(buffers).length > 0) {
    const buffersFile = path.join(scratch, 'buffers.json');
    fs.writeFileSync(buffersFile, JSON.stringify(buffers));
    fullArgs.splice(1, 0, '--buffers', buffersFile);
  }
  const stdout = fs.openSync(outFile, 'w');
  const stderr = fs.openSync(errFile, 'w');
  const stdin = fs.openSync(os.devNull, 'r');
  try {
    const code = await runFklintInWorker(fullArgs, { cwd: cwd || scratch, stdin, stdout, stderr, env: { NO_COLOR: '1' } });
    return { code, stdout: fs.readFileSync(outFile, 'utf8'), stderr: fs.readFileSync(errFile, 'utf8') };
  } finally {
    for (const fd of [stdout, stderr, stdin]) fs.closeSync(fd);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Checks `root` as `fklint check --format json` does, with `buffers` standing in for files on disk. Returns
 * `{ report }`, or `{ error }` with the CLI's message (a bad fklint.toml, an unreadable folder).
 */
export async function checkRoot(root, { buffers, configFile } = {}) {
  const args = ['check', '--format', 'json'];
  if (configFile) args.push('--config', guestPath(path.resolve(configFile)));
  args.push(guestPath(root));
  const guestBuffers = Object.fromEntries(Object.entries(buffers || {}).map(([file, text]) => [guestPath(file), text]));
  const { code, stdout, stderr } = await runCli(args, { buffers: guestBuffers, cwd: root });
  if (code === 0 || code === 1) {
    try {
      return { report: withHostPaths(JSON.parse(stdout), root), warnings: stderr.trim() };
    } catch (error) {
      return { error: `fklint printed no report: ${error.message}` };
    }
  }
  return { error: stderr.trim() || `fklint exited with ${code}` };
}

/** The report with every file name as the host names it (they are absolute: the root given is). */
function withHostPaths(report, root) {
  const host = (file) => hostPath(file, root);
  for (const finding of report.findings) {
    finding.file = host(finding.file);
    for (const related of finding.related) related.file = host(related.file);
    if (finding.fix) for (const edit of finding.fix.edits) edit.file = host(edit.file);
  }
  return report;
}

const explained = new Map();

/** The rule's documentation as `fklint explain CODE` prints it (Markdown), cached. */
export async function explain(code) {
  if (!explained.has(code)) {
    const { code: status, stdout } = await runCli(['explain', code]);
    explained.set(code, status === 0 ? stdout : null);
  }
  return explained.get(code);
}
