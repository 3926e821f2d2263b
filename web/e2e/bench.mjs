// Benchmark (run by hand, not part of the pass/fail tests), in Chromium (/usr/bin/chromium through playwright-core,
// served on 127.0.0.1), after scripts/build-web.sh; reads ../shared/corpus:
//   node e2e/bench.mjs [--runs 10] [--json]
// Prints, from one run:
//  (a) the musicbrainz-pgdump15 (~900 KB) check in Chromium, in the page's worker from postMessage to the result
//      (median of runs), against the native CLI (`target/release/fklint check --format json`, process wall time,
//      median) on the same machine in the same run, and their ratio (target ≤ 1.5×);
//  (b) in each of `runs` fresh pages: the longest main-thread task from dropping musicbrainz-pgdump15 on the page
//      until its findings are rendered, while scrolling the findings to the end, while opening the diagram, and
//      while scrolling the diagram (target: every one under 50 ms, in every run). Two measures of each: the
//      longtask API (PerformanceObserver, which sees tasks of 50 ms or more: the target's definition), and the
//      longest top-level task in a Chromium trace (RunTask on the renderer's main thread, which sees them all);
//      then one edit of the loaded file (a keystroke and its re-check), for information;
//  (c) on the sample docs page, the time from the widget's script tag (fk-lint.js requested) to its first findings
//      (the first `fklint-result`), median and slowest of `runs` page loads.
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadavg, cpus } from 'node:os';
import { launch, openPage, startServer, gotoPage } from './helpers.mjs';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1]) || 10;
const asJson = args.includes('--json');
const repo = fileURLToPath(new URL('../../', import.meta.url));
const corpus = join(repo, '..', 'shared', 'corpus', 'postgres', 'musicbrainz-pgdump15');
const cli = join(repo, 'target', 'release', 'fklint');
const LONG = 50; // ms: a task this long or longer is a stall (the longtask API's threshold)

if (!existsSync(join(repo, 'web', 'dist', 'index.html'))) {
  console.error('bench: web/dist is missing: run scripts/build-web.sh first');
  process.exit(2);
}
if (!existsSync(cli)) {
  console.error('bench: building the native CLI (cargo build --release -p fklint-cli)');
  const built = spawnSync('cargo', ['build', '--release', '--quiet', '-p', 'fklint-cli'], { cwd: repo, stdio: 'inherit' });
  if (built.status !== 0) process.exit(2);
}

const order = readFileSync(join(corpus, 'ORDER.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
const paths = order.map((name) => join(corpus, name));
const files = order.map((name, i) => ({ name, text: readFileSync(paths[i], 'utf8') }));
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- (a) the check: Chromium's worker and the CLI

/** Native CLI, wall time per process (what a user or CI waits for), same input, same machine, same run. */
function native() {
  const times = [];
  let findings = 0;
  for (let i = 0; i < runs + 2; i++) {
    const t0 = process.hrtime.bigint();
    const out = spawnSync(cli, ['check', '--format', 'json', ...paths], { maxBuffer: 1 << 28, encoding: 'utf8' });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    if (out.status !== 0 && out.status !== 1) throw new Error(`fklint exited ${out.status}: ${out.stderr}`);
    findings = JSON.parse(out.stdout).findings.length;
    if (i >= 2) times.push(ms);
  }
  return { median: median(times), min: Math.min(...times), findings };
}

/** The check alone, in the page's worker: post → result (structured clone of the sources and the report included). */
async function inWorker(page) {
  return page.evaluate(async ({ files, runs }) => {
    const times = [];
    const inside = [];
    let findings = 0;
    for (let i = 0; i < runs + 2; i++) {
      const t0 = performance.now();
      const reply = await window.fklint.ask({ type: 'check', sources: files, options: { dialect: 'postgres' } });
      const ms = performance.now() - t0;
      findings = reply.result.findings.length;
      if (i >= 2) {
        times.push(ms);
        inside.push(reply.timing.check);
      }
    }
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return { median: median(times), min: Math.min(...times), inside: median(inside), findings };
  }, { files, runs });
}

// Alternating the two (CLI runs, then the worker's, then the CLI's again) would not make them fairer on a shared
// machine; both take the median of the same number of runs, one right after the other.

// ---------------------------------------------------------------- (b) main-thread tasks in the page

/** Records long tasks (the longtask API) from page start; `window.__longtasks`. */
function observeLongTasks() {
  window.__longtasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    /* unsupported */
  }
}

/** Traces the page's main thread while `fn` runs: the longest top-level task (ms) and the longtask API's longest. */
async function phase(page, cdp, fn) {
  const events = [];
  const collect = (e) => events.push(...e.value);
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline', transferMode: 'ReportEvents' });
  await page.evaluate(() => (window.__longtasks.length = 0));
  await fn();
  // The frame after the last step (its layout and paint) belongs to the step.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100))));
  const longtasks = await page.evaluate(() => window.__longtasks.map((t) => t.duration));
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', collect);
  const traced = longestTracedTask(events);
  return { longtask: Math.max(0, ...longtasks), longtasks: longtasks.length, traced: traced.ms, cpu: traced.cpu, longestCpu: traced.longestCpu, inside: traced.inside };
}

/**
 * The longest RunTask on a renderer's main thread (CrRendererMain) in trace events, in ms, and what took the
 * most time inside it (the longest events it contains, e.g. `FunctionCall lib/editor.js 31.0`, `Layout 12.3`).
 */
function longestTracedTask(events) {
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const onMain = events.filter((e) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const isTask = (e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';
  let longest = null;
  for (const e of onMain) if (isTask(e) && (!longest || e.dur > longest.dur)) longest = e;
  if (!longest) return { ms: 0, cpu: 0, inside: [] };
  // Thread time (tdur): what the task itself ran on the CPU, without the time the OS gave to other processes (on
  // a shared, loaded machine the two differ several times over).
  const cpu = Math.max(0, ...onMain.filter((e) => isTask(e) && e.tdur !== undefined).map((e) => e.tdur / 1000));
  const what = (e) => {
    const url = e.args?.data?.url || e.args?.data?.scriptName || '';
    return `${e.name}${url ? ` ${url.replace(/^https?:\/\/[^/]+\//, '')}` : ''} ${(e.dur / 1000).toFixed(1)}`;
  };
  const inside = onMain
    .filter((e) => e !== longest && !isTask(e) && e.ts >= longest.ts && e.ts + e.dur <= longest.ts + longest.dur && e.dur >= 3000)
    .filter((e) => !/^(Receive mojo message|RunMicrotasks|TimerFire|FireAnimationFrame|EventDispatch|V8\.|v8\.)/.test(e.name) || e.name === 'EventDispatch')
    .sort((a, b) => b.dur - a.dur)
    .slice(0, 4)
    .map(what);
  return { ms: longest.dur / 1000, cpu, longestCpu: longest.tdur === undefined ? null : longest.tdur / 1000, inside };
}

/** Wheels over `selector` until it is scrolled to the end (down, then right when it is wider), as a user would. */
async function wheelThrough(page, selector) {
  const box = await page.locator(selector).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 200));
  for (const [dx, dy, end] of [[0, 500, 'bottom'], [500, 0, 'right']]) {
    for (let step = 0; step < 200; step++) {
      const left = await page.evaluate(([selector, end]) => {
        const el = document.querySelector(selector);
        return end === 'bottom' ? el.scrollHeight - el.clientHeight - el.scrollTop : el.scrollWidth - el.clientWidth - el.scrollLeft;
      }, [selector, end]);
      if (left <= 1) break;
      await page.mouse.wheel(dx, dy);
      await sleep(30);
    }
  }
}

/** One fresh page: drop musicbrainz-pgdump15, scroll its findings, open and scroll the diagram. */
async function pageRun(browser, url, withEdit) {
  const { page, context, log } = await openPage(browser, { viewport: { width: 1400, height: 900 } });
  try {
    await page.addInitScript(observeLongTasks);
    await gotoPage(page, url);
    const cdp = await context.newCDPSession(page);
    // The files to drop are made first, in a task of their own (in a real drop, the browser makes them).
    await page.evaluate((files) => {
      window.__dropped = new DataTransfer();
      for (const f of files) window.__dropped.items.add(new File([f.text], f.name, { type: 'application/sql' }));
    }, files);
    // (Only the first name goes in: the texts passed again would be parsed in the phase's first task.)
    const load = await phase(page, cdp, () => page.evaluate(async (first) => {
      document.getElementById('dropzone').dispatchEvent(new DragEvent('drop', { dataTransfer: window.__dropped, bubbles: true, cancelable: true }));
      // The drop handler reads the files (asynchronously) before the check starts.
      while (window.fklint.state.files[0]?.name !== first) await new Promise((r) => setTimeout(r, 5));
      await window.fklint.idle();
    }, files[0].name));
    const shown = await page.evaluate(() => ({ findings: window.fklint.state.findings.length, rows: document.querySelectorAll('#findings .finding').length }));
    const scrollFindings = await phase(page, cdp, () => wheelThrough(page, '#panel-findings'));
    const openDiagram = await phase(page, cdp, async () => {
      await page.click('#tab-diagram');
      await page.waitForFunction(() => document.querySelector('#diagram svg') && !document.getElementById('diagram').hasAttribute('aria-busy'));
    });
    const scrollDiagram = await phase(page, cdp, () => wheelThrough(page, '#diagram'));
    const edit = withEdit ? await editOnce(page) : null;
    return { load, scrollFindings, openDiagram, scrollDiagram, shown, edit, consoleErrors: log.consoleErrors, pageErrors: log.pageErrors };
  } finally {
    await context.close();
  }
}

/** A keystroke at the end of the loaded file, and its re-check: the keystroke's own task, and the longest task
 * from posting the re-check to its findings rendered (longtask API). */
async function editOnce(page) {
  await page.click('#tab-findings');
  await page.evaluate(() => {
    const end = window.fklint.editor.getText().length;
    window.fklint.editor.select(end, end);
    window.__longtasks.length = 0;
  });
  const t0 = Date.now();
  await page.keyboard.type(' ');
  await page.evaluate(() => window.fklint.idle());
  const edit = await page.evaluate(async () => {
    await new Promise((r) => setTimeout(r, 100));
    const last = window.fklint.timings.at(-1);
    const during = window.__longtasks.filter((t) => t.start + t.duration > last.posted && t.start < last.done + 100);
    const before = window.__longtasks.filter((t) => t.start + t.duration <= last.posted);
    return {
      longtask: Math.max(0, ...during.map((t) => t.duration)),
      keystroke: Math.max(0, ...before.map((t) => t.duration)),
      render: last.render,
    };
  });
  edit.ms = Date.now() - t0;
  return edit;
}

// ---------------------------------------------------------------- (c) the widget on the sample docs page

/** ms from the widget's script being requested to the first `fklint-result`, on a fresh load of the docs page. */
async function widgetRun(browser, url) {
  const { page, context } = await openPage(browser, { viewport: { width: 1000, height: 800 } });
  try {
    await page.addInitScript(() => {
      window.__firstResult = null;
      document.addEventListener('fklint-result', () => (window.__firstResult ??= performance.now()), true);
    });
    await page.goto(new URL('docs-sample.html', url).href);
    await page.waitForFunction(() => [...document.querySelectorAll('fk-lint')].some((el) => el.result), null, { timeout: 30_000 });
    return await page.evaluate(() => {
      const firstResult = window.__firstResult ?? performance.now();
      const script = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith('/fk-lint.js'));
      return { fromScript: firstResult - (script?.startTime ?? 0), fromNavigation: firstResult };
    });
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- run

const server = await startServer();
const browser = await launch();
let figures;
try {
  const { page, context } = await openPage(browser, { viewport: { width: 1400, height: 900 } });
  await gotoPage(page, server.url);
  const worker = await inWorker(page);
  await context.close();
  const cliTimes = native();

  const pageRuns = [];
  for (let i = 0; i < runs; i++) pageRuns.push(await pageRun(browser, server.url, i === runs - 1));
  const widgetRuns = [];
  for (let i = 0; i < runs; i++) widgetRuns.push(await widgetRun(browser, server.url));

  const phases = ['load', 'scrollFindings', 'openDiagram', 'scrollDiagram'];
  const worst = (run) => Math.max(...phases.map((p) => Math.max(run[p].traced, run[p].longtask)));
  figures = {
    input: { files: files.length, bytes },
    check: {
      chromium_worker_post_to_result_ms: worker.median,
      chromium_worker_min_ms: worker.min,
      check_inside_worker_ms: worker.inside,
      native_cli_wall_ms: cliTimes.median,
      native_cli_min_ms: cliTimes.min,
      ratio: worker.median / cliTimes.median,
      findings: { chromium: worker.findings, native: cliTimes.findings },
    },
    main_thread: {
      runs: pageRuns.map((r) => Object.fromEntries(phases.map((p) => [p, { traced_ms: r[p].traced, longtask_ms: r[p].longtask, longest_task_cpu_ms: r[p].cpu, cpu_of_the_longest_ms: r[p].longestCpu, longest_task_held: r[p].inside }]))),
      runs_under_50_ms: pageRuns.filter((r) => worst(r) < LONG).length,
      runs_under_50_ms_cpu: pageRuns.filter((r) => Math.max(...phases.map((p) => r[p].cpu)) < LONG).length,
      load_average: loadavg()[0],
      longest_ms: Math.max(...pageRuns.map(worst)),
      rows_listed: pageRuns[0].shown,
      edit: pageRuns.at(-1).edit,
    },
    widget: {
      script_to_first_findings_ms: widgetRuns.map((w) => w.fromScript),
      median_ms: median(widgetRuns.map((w) => w.fromScript)),
      slowest_ms: Math.max(...widgetRuns.map((w) => w.fromScript)),
      navigation_to_first_findings_median_ms: median(widgetRuns.map((w) => w.fromNavigation)),
    },
    console_errors: pageRuns.flatMap((r) => [...r.consoleErrors, ...r.pageErrors]),
  };
} finally {
  await browser.close();
  await server.stop();
}

if (asJson) {
  console.log(JSON.stringify(figures, null, 2));
} else {
  const f = (n) => n.toFixed(1);
  const { check, main_thread: mt, widget } = figures;
  console.log(`musicbrainz-pgdump15: ${figures.input.files} file(s), ${(figures.input.bytes / 1024).toFixed(0)} KiB, ${runs} runs`);
  console.log(`(a) Chromium, worker post→result : ${f(check.chromium_worker_post_to_result_ms)} ms median  (check inside the worker ${f(check.check_inside_worker_ms)} ms; ${check.findings.chromium} findings)`);
  console.log(`    native CLI, check --format json: ${f(check.native_cli_wall_ms)} ms median  (process wall time; ${check.findings.native} findings)`);
  console.log(`    ratio                          : ${check.ratio.toFixed(2)}×  (target ≤ 1.5×)`);
  console.log(`(b) longest main-thread task per run, ms: traced RunTask wall time / longtask API (which reports only tasks ≥ 50 ms) / longest task's CPU time:`);
  console.log(`    run  drop→rendered        scroll findings      open diagram         scroll diagram`);
  mt.runs.forEach((r, i) => {
    const cell = (p) => `${f(r[p].traced_ms)} / ${r[p].longtask_ms ? f(r[p].longtask_ms) : '-'} / ${f(r[p].longest_task_cpu_ms)}`;
    console.log(`    ${String(i + 1).padStart(3)}  ${cell('load').padEnd(19)}  ${cell('scrollFindings').padEnd(19)}  ${cell('openDiagram').padEnd(19)}  ${cell('scrollDiagram')}`);
  });
  // What the longest task of each phase held, in the run where it was longest.
  for (const p of ['load', 'scrollFindings', 'openDiagram', 'scrollDiagram']) {
    const worstRun = mt.runs.reduce((a, b) => (b[p].traced_ms > a[p].traced_ms ? b : a));
    if (worstRun[p].traced_ms >= LONG) console.log(`    ${p}: its longest task (${f(worstRun[p].traced_ms)} ms, of which ${worstRun[p].cpu_of_the_longest_ms === null ? '?' : f(worstRun[p].cpu_of_the_longest_ms)} ms on the CPU) held ${worstRun[p].longest_task_held.join(', ') || 'no single event of 3 ms or more'}`);
  }
  console.log(`    runs with every task under ${LONG} ms: ${mt.runs_under_50_ms} of ${runs} (target ${runs} of ${runs}); longest ${f(mt.longest_ms)} ms; ${mt.rows_listed.rows} rows listed for ${mt.rows_listed.findings} findings`);
  console.log(`    runs with every task under ${LONG} ms of CPU time: ${mt.runs_under_50_ms_cpu} of ${runs} (load average ${mt.load_average.toFixed(1)} on ${cpus().length} CPUs at the end: wall time counts the waits for a CPU too)`);
  if (mt.edit) console.log(`    an edit (last run, for information): keystroke task ${mt.edit.keystroke ? f(mt.edit.keystroke) + ' ms' : '< 50 ms'}, re-check to rendered ${mt.edit.longtask ? f(mt.edit.longtask) + ' ms task' : 'no task ≥ 50 ms'}, edit → re-rendered ${mt.edit.ms} ms (debounce included)`);
  console.log(`(c) widget, script tag → first findings on the sample docs page: ${f(widget.median_ms)} ms median, ${f(widget.slowest_ms)} ms slowest (navigation → first findings ${f(widget.navigation_to_first_findings_median_ms)} ms median)`);
  if (check.findings.chromium !== check.findings.native) console.log(`    NOTE: finding counts differ (page ${check.findings.chromium}, CLI ${check.findings.native}): is target/release/fklint older than the wasm?`);
  if (figures.console_errors.length) console.log(`    console errors: ${figures.console_errors.join(' | ')}`);
}
