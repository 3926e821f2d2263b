// Shared setup for the browser tests: Debian's Chromium through playwright-core (no downloaded browsers), and
// the static server on 127.0.0.1 (FKLINT_WEB_URL from scripts/test-web.sh, or one started here on a free port).
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const webDir = fileURLToPath(new URL('..', import.meta.url));

/** Starts web/serve.mjs on a free port unless FKLINT_WEB_URL is set; returns {url, stop}. */
export async function startServer() {
  if (process.env.FKLINT_WEB_URL) return { url: process.env.FKLINT_WEB_URL.replace(/\/?$/, '/'), stop: async () => {} };
  const child = spawn(process.execPath, ['serve.mjs', '--root', 'dist', '--port', '0'], { cwd: webDir, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  const url = await new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) resolve(m[0]);
    });
    child.on('exit', (code) => reject(new Error(`serve.mjs exited (${code})`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit').catch(() => {});
    },
  };
}

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/**
 * A new page that records every request (to assert they all stay on 127.0.0.1), console errors, page errors
 * and dialogs (any dialog is a failure: an alert would mean injected script ran).
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, colorScheme: options.colorScheme || 'light', viewport: options.viewport || { width: 1400, height: 900 } });
  const page = await context.newPage();
  const log = { requests: [], consoleErrors: [], pageErrors: [], dialogs: [], cspViolations: [] };
  page.on('request', (req) => log.requests.push(req.url()));
  page.on('console', (msg) => {
    if (msg.type() === 'error') log.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => log.pageErrors.push(String(err)));
  page.on('dialog', async (dialog) => {
    log.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  await page.exposeFunction('__fkCspViolation', (text) => log.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__fkCspViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, page, log };
}

/** Every request URL that is not http://127.0.0.1:<port>/... (blob: and data: stay in the page). */
export function foreignRequests(urls) {
  return urls.filter((u) => {
    if (u.startsWith('blob:') || u.startsWith('data:')) return false;
    try {
      return new URL(u).hostname !== '127.0.0.1';
    } catch {
      return true;
    }
  });
}

/** Opens the page at `path` and waits until the checker is ready and the first result is rendered. */
export async function gotoPage(page, base, path = '') {
  await page.goto(path ? new URL(path, base).href : base);
  await page.waitForFunction(() => window.fklint && window.fklint.state);
  await page.evaluate(async () => {
    await window.fklint.ready;
    await window.fklint.idle();
  });
}

/** Loads files into the page and waits for their result. */
export async function loadSources(page, files) {
  await page.evaluate(async (files) => {
    window.fklint.load(files);
    await window.fklint.idle();
  }, files);
}

export async function idle(page) {
  await page.evaluate(() => window.fklint.idle());
}

/**
 * One server and one browser for a test file: registers node:test's before/after and returns a holder whose
 * `server` and `browser` are set once the file's tests run.
 */
export function shared() {
  const ctx = {};
  before(async () => {
    ctx.server = await startServer();
    ctx.browser = await launch();
  });
  after(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return ctx;
}

/** A new page whose log is checked when test `t` ends: no uncaught error, dialog, CSP violation or request off 127.0.0.1. */
export async function checkedPage(t, browser, options) {
  const opened = await openPage(browser, options);
  t.after(async () => {
    assert.deepEqual(opened.log.pageErrors, [], 'no uncaught errors');
    assert.deepEqual(opened.log.dialogs, [], 'no dialogs');
    assert.deepEqual(opened.log.cspViolations, [], 'no CSP violations');
    assert.deepEqual(foreignRequests(opened.log.requests), [], 'every request goes to 127.0.0.1');
    await opened.context.close();
  });
  return opened;
}

/** musicbrainz-pgdump15 from the shared corpus: its folder, and its files in order (null when the corpus is absent). */
export const MUSICBRAINZ = join(fileURLToPath(new URL('../../../shared/corpus/postgres/musicbrainz-pgdump15/', import.meta.url)));
export function musicbrainzFiles() {
  if (!existsSync(join(MUSICBRAINZ, 'ORDER.txt'))) return null;
  const order = readFileSync(join(MUSICBRAINZ, 'ORDER.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  return order.map((name) => ({ name, text: readFileSync(join(MUSICBRAINZ, name), 'utf8') }));
}
