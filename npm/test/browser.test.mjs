// The packed tarball in headless Chromium: a page imports `fklint` (the ESM entry over the web build) through
// an import map, awaits init() (which fetches the .wasm from 127.0.0.1) and runs browser-page.js. Driven over
// the WebDriver protocol with Debian's chromedriver (CHROMEDRIVER, default /usr/bin/chromedriver); skipped
// when there is none. Run: node --test npm/test/ (after scripts/build-wasm.sh).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import support from './support.cjs';

const chromedriver = process.env.CHROMEDRIVER || '/usr/bin/chromedriver';
const available = fs.existsSync(chromedriver);

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

function serve(root) {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, requests, port: server.address().port })));
}

function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function webdriver(base, method, route, body) {
  const response = await fetch(base + route, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${route}: ${JSON.stringify(json.value)}`);
  return json.value;
}

test('the ESM entry in headless Chromium', { skip: available ? false : `no chromedriver at ${chromedriver}` }, async (t) => {
  const installed = support.packAndInstall('browser');
  after(() => support.cleanup(installed.dir));
  fs.copyFileSync(new URL('./browser-page.js', import.meta.url), path.join(installed.app, 'page.js'));
  // A strict Content-Security-Policy, as the fklint page has: no inline script but the import map (by hash),
  // WebAssembly allowed, connections only to this origin.
  const importMap = '{ "imports": { "fklint": "./node_modules/fklint/index.js" } }';
  const hash = crypto.createHash('sha256').update(importMap).digest('base64');
  fs.writeFileSync(path.join(installed.app, 'errors.js'), `window.__fklintErrors = [];
addEventListener('error', (e) => __fklintErrors.push(String(e.message || e)));
addEventListener('unhandledrejection', (e) => __fklintErrors.push(String(e.reason)));
document.addEventListener('securitypolicyviolation', (e) => __fklintErrors.push('CSP: ' + e.violatedDirective + ' ' + e.blockedURI));
`);
  fs.writeFileSync(path.join(installed.app, 'index.html'), `<!doctype html>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-${hash}'; connect-src 'self'">
<title>fklint package test</title>
<script src="./errors.js"></script>
<script type="importmap">${importMap}</script>
<script type="module" src="./page.js"></script>
`);
  const { server, requests, port } = await serve(installed.app);
  const driverPort = await freePort();
  const driver = spawn(chromedriver, [`--port=${driverPort}`], { stdio: 'ignore' });
  const base = `http://127.0.0.1:${driverPort}`;
  // One teardown, in order: the session first (chromedriver quits the browser it started), then chromedriver,
  // then the server. Killing chromedriver before the session is closed leaves a headless Chromium running.
  let sessionRoute = null;
  after(async () => {
    if (sessionRoute) await webdriver(base, 'DELETE', sessionRoute).catch(() => {});
    const exited = new Promise((resolve) => (driver.exitCode !== null ? resolve() : driver.once('exit', resolve)));
    driver.kill();
    await exited;
    server.close();
  });
  for (let i = 0; ; i++) {
    try {
      if ((await webdriver(base, 'GET', '/status')).ready) break;
    } catch (error) {
      if (i > 100) throw error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const session = await webdriver(base, 'POST', '/session', {
    capabilities: { alwaysMatch: { browserName: 'chrome', 'goog:chromeOptions': {
      args: ['--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    } } },
  });
  sessionRoute = `/session/${session.sessionId}`;
  await webdriver(base, 'POST', `${sessionRoute}/timeouts`, { script: 30000 });
  await webdriver(base, 'POST', `${sessionRoute}/url`, { url: `http://127.0.0.1:${port}/index.html` });
  const results = await webdriver(base, 'POST', `${sessionRoute}/execute/async`, {
    script: `const done = arguments[arguments.length - 1];
      const failed = (error) => done([{ name: 'the page runs', ok: false, error }]);
      const deadline = Date.now() + 20000;
      (function wait() {
        if (window.__fklintResults) window.__fklintResults.then(done, (e) => failed(String(e)));
        else if (Date.now() > deadline || (window.__fklintErrors || []).length) failed((window.__fklintErrors || []).join('; ') || 'timeout');
        else setTimeout(wait, 20);
      })();`,
    args: [],
  });
  assert.ok(results.length >= 9, JSON.stringify(results));
  for (const result of results) await t.test(result.name, () => assert.ok(result.ok, result.error));
  await t.test('the page fetched both modules from the package folder (the second for the Prisma schema), and nothing else but the page', () => {
    assert.ok(requests.includes('/node_modules/fklint/dist/web/fklint_wasm_bg.wasm'), requests.join(' '));
    assert.ok(requests.includes('/node_modules/fklint/dist/web/fklint_full_bg.wasm'), requests.join(' '));
    const page = ['/index.html', '/errors.js', '/page.js', '/favicon.ico'];
    for (const url of requests) assert.ok(page.includes(url) || url.startsWith('/node_modules/fklint/'), url);
  });
});
