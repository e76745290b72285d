// The browser benchmark (not part of the test run): run by scripts/bench.sh
// after a release build. Serves dist/ and a bare page (one <input>, no script)
// on 127.0.0.1, drives headless Chromium, and prints one table of medians,
// each beside the same measurement on the bare page where one makes sense.
// Then Lighthouse scores the release, served with gzip as a static host
// serves it, with its desktop and mobile settings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { serve, launch, DIST, ROOT } from '../browser/harness.mjs';
import { lighthouseScores } from './lighthouse.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// A load takes under a second but varies by tens of milliseconds on a busy
// machine, so load times take more runs.
const LOAD_RUNS = Number(process.env.BENCH_LOAD_RUNS ?? 15);
const KEYS = 200;

// A copy of dist/ with the bare page beside it.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-'));
fs.cpSync(DIST, dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'bare.html'), '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bare</title></head><body><label>Text <input id="bare"></label></body></html>\n');
const samples = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-bench-docs-'));
execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'postmortem-core', '--example', 'export_fixtures', '--', samples], { cwd: ROOT });
const LONG_JSON = path.join(samples, 'long.json');
const LONG_MD = path.join(samples, 'long.md');

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)] : NaN; };
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a');
// The Long Tasks API reports only tasks over 50 ms.
const over50 = (x) => (x > 0 ? ms(x) : 'none over 50 ms');
const kb = (x) => `${(x / 1024).toFixed(1)} KB`;

// In every page: when the first matching field became editable, keystroke
// timings, and long tasks.
const INSTRUMENT = () => {
  window.__ks = [];
  window.__long = [];
  try {
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push(e.duration))).observe({ type: 'longtask', buffered: true });
  } catch { /* no long task API */ }
  // Editable: the app's Title field (or the bare input) is there, in place
  // of index.html's loading shell. Drawn: the last part start-up draws (the
  // "Show times in" panel) is there too.
  const watch = () => {
    const el = document.querySelector('#f-title, #bare');
    const now = performance.now();
    if (el && !el.readOnly && !document.getElementById('shell') && window.__editableAt === undefined) window.__editableAt = now;
    if (document.querySelector('#show-in, #bare') && window.__drawnAt === undefined) window.__drawnAt = now;
    return window.__editableAt !== undefined && window.__drawnAt !== undefined;
  };
  new MutationObserver((_, o) => { if (watch()) o.disconnect(); })
    .observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['readonly'] });
  document.addEventListener('keydown', () => {
    const t0 = performance.now();
    const k = {};
    window.__ks.push(k);
    requestAnimationFrame(() => { k.frame = performance.now() - t0; });
    // A message is a new task: it runs after the key's handlers and their microtasks.
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { document.body.getBoundingClientRect(); k.work = performance.now() - t0; };
    ch.port2.postMessage(0);
  }, true);
};

async function page(browser, url, hidePanels = false, stored = null) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const p = await context.newPage();
  if (stored) {
    // The document as the editor stores it, there before the page loads:
    // written from another page of the same origin first, as a reload
    // finds it (writing it in an init script would time the write too).
    await p.goto(new URL('bare.html', url).href);
    await p.evaluate((doc) => {
      localStorage.setItem('postmortem:index', JSON.stringify({ entries: [{ id: 'long', title: 'Long', status: 'draft', updated: '' }], last_open: 'long' }));
      localStorage.setItem('postmortem:doc:long', `{"envelope":1,"revision":1,"saved_at":"","document":${doc}}`);
    }, stored);
  }
  await p.addInitScript(INSTRUMENT);
  await p.goto(url);
  await p.waitForFunction(() => window.__editableAt !== undefined, null, { timeout: 20000 });
  // CSSOM, not an inline stylesheet: the page's CSP refuses inline styles.
  if (hidePanels) await p.evaluate(() => { document.querySelector('.side').style.display = 'none'; });
  return p;
}

/** One load of `url` (with `stored` in storage first, if given), measured. */
async function loadOnce(browser, url, stored) {
  const p = await page(browser, url, false, stored);
  await p.waitForFunction(() => window.__drawnAt !== undefined && window.__editableAt !== undefined, null, { timeout: 20000 });
  await p.waitForTimeout(300);
  const r = await p.evaluate(() => {
    // Where the time to editable goes: the wasm arriving, then the app's
    // start-up (the `pm:mount` measure around mounting the first stage).
    const w = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    const m = performance.getEntriesByName('pm:mount')[0];
    return {
      editable: window.__editableAt, drawn: window.__drawnAt,
      longest: Math.max(0, ...window.__long),
      wasm: w ? w.responseEnd : NaN, mountAt: m ? m.startTime : NaN, mountFor: m ? m.duration : NaN,
    };
  });
  await p.context().close();
  return r;
}

/**
 * Load times of each page in `pages` ({ name: [url, stored] }), medians of
 * LOAD_RUNS. The pages take turns within each run, so a slow moment of the
 * machine falls on all of them alike rather than on one.
 */
async function loadTimes(browser, pages) {
  const runs = Object.fromEntries(Object.keys(pages).map((k) => [k, []]));
  for (let i = 0; i < LOAD_RUNS; i++) {
    for (const [name, [url, stored]] of Object.entries(pages)) runs[name].push(await loadOnce(browser, url, stored));
  }
  return Object.fromEntries(Object.entries(runs).map(([name, rs]) => [name, Object.fromEntries(
    Object.keys(rs[0]).map((k) => [k, median(rs.map((r) => r[k]))]),
  )]));
}

// Keystroke work from a Chromium trace of the renderer's main thread: for
// each key, the tasks that dispatch its events (handlers and the microtasks
// where effects run, with any layout they force) plus the style and layout
// of the frames that follow it, up to the next key. Paint and compositing
// are not counted, nor timers (the delayed checks and saves: see long tasks).
const KEY_EVENTS = new Set(['keydown', 'keypress', 'beforeinput', 'textInput', 'input', 'keyup']);
function keyWork(trace) {
  const events = (trace.traceEvents ?? trace).filter((e) => e.ph === 'X');
  const keydowns = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  if (!keydowns.length) return [];
  const tid = keydowns[0].tid;
  const mine = events.filter((e) => e.tid === tid).sort((a, b) => a.ts - b.ts);
  const tasks = mine.filter((e) => e.name === 'RunTask');
  const inside = (t, e) => e.ts >= t.ts && e.ts < t.ts + t.dur;
  const starts = keydowns.map((e) => e.ts).sort((a, b) => a - b);
  const perKey = new Array(starts.length).fill(0);
  const keyOf = (ts) => { let i = -1; for (let j = 0; j < starts.length && starts[j] <= ts; j++) i = j; return i; };
  let ei = 0;
  for (const t of tasks) {
    const within = [];
    while (ei < mine.length && mine[ei].ts < t.ts) ei++;
    for (let j = ei; j < mine.length && inside(t, mine[j]); j++) within.push(mine[j]);
    const k = keyOf(t.ts);
    if (k < 0) continue;
    if (within.some((e) => e.name === 'TimerFire')) continue;
    if (within.some((e) => e.name === 'EventDispatch' && KEY_EVENTS.has(e.args?.data?.type))) {
      perKey[k] += t.dur;
    } else {
      for (const e of within) if (e.name === 'UpdateLayoutTree' || e.name === 'Layout') perKey[k] += e.dur;
    }
  }
  return perKey.map((us) => us / 1000);
}

/** The longest task of the main thread in a trace (the one keys go to), in ms. */
function longestTask(trace) {
  const events = (trace.traceEvents ?? trace).filter((e) => e.ph === 'X');
  const key = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown');
  if (!key) return NaN;
  return Math.max(0, ...events.filter((e) => e.tid === key.tid && e.name === 'RunTask').map((e) => e.dur)) / 1000;
}

/**
 * A repeat visit, served by the service worker: a first visit installs it,
 * then a second navigation is timed (navigation -> Title editable) and every response
 * that did not come from the worker is counted, with its bytes.
 */
async function repeatVisit(browser, url) {
  const runs = [];
  for (let i = 0; i < Math.max(3, Math.round(LOAD_RUNS / 3)); i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const p = await context.newPage();
    await p.addInitScript(INSTRUMENT);
    await p.goto(url);
    // Until the worker is activated (it has cached every file) and controls the page.
    for (let t = 0; ; t++) {
      const ready = await p.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        return reg?.active?.state === 'activated' && !!navigator.serviceWorker.controller;
      });
      if (ready) break;
      if (t > 400) throw new Error('the service worker never took control');
      await p.waitForTimeout(50);
    }
    const network = [];
    p.on('requestfinished', async (req) => {
      const res = await req.response();
      if (res && !res.fromServiceWorker()) {
        const sizes = await req.sizes();
        network.push(sizes.responseBodySize + sizes.responseHeadersSize);
      }
    });
    // A repeat visit is a navigation (a reload may bypass the worker).
    await p.goto(url);
    await p.waitForFunction(() => window.__editableAt !== undefined, null, { timeout: 20000 });
    await p.waitForTimeout(500);
    runs.push({ editable: await p.evaluate(() => window.__editableAt), requests: network.length, bytes: network.reduce((a, b) => a + b, 0) });
    await context.close();
  }
  return { editable: median(runs.map((r) => r.editable)), requests: Math.max(...runs.map((r) => r.requests)), bytes: Math.max(...runs.map((r) => r.bytes)) };
}

async function typing(browser, url, { long, hidePanels, chart = false }) {
  const work = [], traced = [], frame = [], longTasks = [], tasks = [];
  for (let run = 0; run < Math.max(1, Math.ceil(RUNS / 2)); run++) {
    const p = await page(browser, url, hidePanels);
    let field;
    if (long) {
      await p.getByLabel('Import file').setInputFiles(LONG_JSON);
      await p.getByLabel('Event 250 description').waitFor({ timeout: 20000 });
      field = p.getByLabel('Event 250 description');
    } else {
      field = p.locator('#bare');
    }
    await field.click();
    // With the chart in view, typing goes at the start of the text, where
    // the chart's label of the event (its first words) shows it, so the
    // chart redraws after each pause.
    await p.keyboard.press(chart ? 'Control+Home' : 'End');
    if (chart) {
      // The chart, all 500 events drawn, scrolled into view in the side column.
      await p.locator('.chart circle.event').nth(499).waitFor({ state: 'attached', timeout: 20000 });
      const inView = await p.evaluate(() => {
        const side = document.querySelector('.side');
        const svg = document.querySelector('.chart-panel svg');
        side.scrollTop += svg.getBoundingClientRect().top - side.getBoundingClientRect().top - 40;
        const r = svg.getBoundingClientRect();
        return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight;
      });
      if (!inView) throw new Error('the chart is not in view');
    }
    await p.waitForTimeout(300);
    await p.evaluate(() => { window.__ks = []; window.__long = []; });
    await browser.startTracing(p, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await p.keyboard.type('The on-call restarted ingest worker 7 and watched the lag fall for ten minutes, then ran it again. '.repeat(3).slice(0, KEYS), { delay: 35 });
    await p.waitForTimeout(1200); // the delayed checks and the save
    const trace = JSON.parse((await browser.stopTracing()).toString());
    traced.push(...keyWork(trace).slice(5));
    tasks.push(longestTask(trace));
    if (chart) {
      // The chart followed the typing (it redraws after a pause).
      const drawn = await p.locator('.chart circle.event').nth(249).getAttribute('aria-label');
      if (!drawn.startsWith('The on-call restarted')) throw new Error(`the chart did not redraw: ${drawn}`);
    }
    const ks = await p.evaluate(() => window.__ks);
    ks.slice(5).forEach((k) => { if (k.work !== undefined) work.push(k.work); if (k.frame !== undefined) frame.push(k.frame); });
    longTasks.push(...await p.evaluate(() => window.__long));
    await p.context().close();
  }
  return { traced50: pct(traced, 50), traced95: pct(traced, 95), work50: pct(work, 50), work95: pct(work, 95), frame95: pct(frame, 95), longest: longTasks.length ? Math.max(...longTasks) : 0, longestTraced: median(tasks) };
}

async function operations(browser, url) {
  const p = await page(browser, url);
  const measures = async (name) => p.evaluate((n) => performance.getEntriesByName(n).map((e) => e.duration), name);
  const clear = () => p.evaluate(() => performance.clearMeasures());
  const results = {};
  for (const [label, file] of [['import Markdown', LONG_MD], ['import JSON', LONG_JSON]]) {
    const t = [];
    for (let i = 0; i < RUNS; i++) {
      await clear();
      await p.getByLabel('Import file').setInputFiles(file);
      await p.waitForFunction(() => performance.getEntriesByName('pm:import').length > 0, null, { timeout: 20000 });
      t.push(...await measures('pm:import'));
    }
    results[label] = median(t);
  }
  for (const [label, button, name] of [['export Markdown', 'Export Markdown', 'pm:export-md'], ['export JSON', 'Export JSON', 'pm:export-json']]) {
    const t = [];
    for (let i = 0; i < RUNS; i++) {
      await clear();
      await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: button, exact: true }).first().click()
        .then(async () => { const again = p.getByRole('button', { name: 'Export anyway' }); if (await again.count()) await again.click(); })]);
      t.push(...await measures(name));
    }
    results[label] = median(t);
  }
  // Saving, checks and preview of the long document, from an edit.
  await clear();
  await p.getByLabel('Event 250 description').click();
  await p.keyboard.type(' x', { delay: 50 });
  await p.waitForTimeout(1500);
  results.save = Math.max(...await measures('pm:save'), 0);
  results.validate = Math.max(...await measures('pm:validate'), 0);
  results.preview = Math.max(...await measures('pm:preview'), 0);
  await p.context().close();
  return results;
}

function sizes() {
  const files = fs.readdirSync(DIST).filter((f) => /\.(html|js|wasm|css)$/.test(f));
  let raw = 0, gz = 0, br = 0;
  const rows = [];
  for (const f of files) {
    const b = fs.readFileSync(path.join(DIST, f));
    const g = zlib.gzipSync(b, { level: 9 }).length;
    const r = zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    raw += b.length; gz += g; br += r;
    rows.push(`    ${f.padEnd(44)} ${kb(b.length).padStart(10)} ${kb(g).padStart(10)} ${kb(r).padStart(10)}`);
  }
  return { raw, gz, br, rows };
}

const server = await serve(dir);
const browser = await launch();
try {
  const s = sizes();
  const editor = server.url + '/index.html';
  const bare = server.url + '/bare.html';
  const { loadEditor, loadBare, loadStored } = await loadTimes(browser, {
    loadEditor: [editor, null],
    loadBare: [bare, null],
    loadStored: [editor, fs.readFileSync(LONG_JSON, 'utf8')],
  });
  const repeat = await repeatVisit(browser, editor);
  const bareTyping = await typing(browser, bare, { long: false });
  const hidden = await typing(browser, editor, { long: true, hidePanels: true });
  const visible = await typing(browser, editor, { long: true, hidePanels: false });
  const charted = await typing(browser, editor, { long: true, hidePanels: false, chart: true });
  const ops = await operations(browser, editor);
  const scores = await lighthouseScores(DIST);
  const ok = (cond) => (cond ? 'met' : 'NOT met');
  const lines = [
    `Postmortem editor benchmark: headless Chromium, 1280x800, medians of ${LOAD_RUNS} runs for loads and ${RUNS} for the rest, ${KEYS} keystrokes into event 250 of a 500-event document (${kb(fs.statSync(LONG_JSON).size)} of JSON)`,
    '',
    `| measurement | editor | bare page | ratio | budget | |`,
    `| --- | --- | --- | --- | --- | --- |`,
    `| first load, raw (html+js+wasm+css) | ${kb(s.raw)} | | | | |`,
    `| first load, gzip | ${kb(s.gz)} | | | | |`,
    `| first load, brotli | ${kb(s.br)} | | | | |`,
    `| navigation → Title editable (empty storage) | ${ms(loadEditor.editable)} | ${ms(loadBare.editable)} | ${(loadEditor.editable / loadBare.editable).toFixed(2)}× | | |`,
    `| navigation → Title editable, the 500-event document stored | ${ms(loadStored.editable)} | ${ms(loadBare.editable)} | ${(loadStored.editable / loadBare.editable).toFixed(2)}× | | |`,
    `| of which: wasm received / start-up begins / start-up (first stage) takes | ${ms(loadEditor.wasm)} / ${ms(loadEditor.mountAt)} / ${ms(loadEditor.mountFor)} | | | | |`,
    `| repeat visit, served by the service worker: navigation → Title editable | ${ms(repeat.editable)} | ${ms(loadBare.editable)} | ${(repeat.editable / loadBare.editable).toFixed(2)}× | | |`,
    `| repeat visit: fetched from the network | ${repeat.requests} requests, ${kb(repeat.bytes)} | | | nothing but index.html revalidation | ${ok(repeat.requests <= 1)} |`,
    `| navigation → whole page drawn (form, problems, preview) | ${ms(loadEditor.drawn)} | ${ms(loadBare.drawn)} | ${(loadEditor.drawn / loadBare.drawn).toFixed(2)}× | | |`,
    `| longest task while loading | ${over50(loadEditor.longest)} | ${over50(loadBare.longest)} | | | |`,
    `| keystroke work p50 / p95, panels hidden | ${ms(hidden.traced50)} / ${ms(hidden.traced95)} | ${ms(bareTyping.traced50)} / ${ms(bareTyping.traced95)} | | p95 ≤ 16 ms | ${ok(hidden.traced95 <= 16)} |`,
    `| keydown → next task p50 / p95 (includes any frame drawn between), panels hidden | ${ms(hidden.work50)} / ${ms(hidden.work95)} | ${ms(bareTyping.work50)} / ${ms(bareTyping.work95)} | | | |`,
    `| keystroke → next frame p95, panels hidden | ${ms(hidden.frame95)} | ${ms(bareTyping.frame95)} | ${(hidden.frame95 / bareTyping.frame95).toFixed(2)}× | ≤ 1.5× | ${ok(hidden.frame95 <= 1.5 * bareTyping.frame95)} |`,
    `| keystroke work p50 / p95, Problems and Preview visible | ${ms(visible.traced50)} / ${ms(visible.traced95)} | ${ms(bareTyping.traced50)} / ${ms(bareTyping.traced95)} | | p95 ≤ 16 ms | ${ok(visible.traced95 <= 16)} |`,
    `| keydown → next task p50 / p95 (includes any frame drawn between), Problems and Preview visible | ${ms(visible.work50)} / ${ms(visible.work95)} | ${ms(bareTyping.work50)} / ${ms(bareTyping.work95)} | | | |`,
    `| keystroke → next frame p95, Problems and Preview visible | ${ms(visible.frame95)} | ${ms(bareTyping.frame95)} | ${(visible.frame95 / bareTyping.frame95).toFixed(2)}× | ≤ 1.5× | ${ok(visible.frame95 <= 1.5 * bareTyping.frame95)} |`,
    `| keystroke work p50 / p95, the timeline chart (500 events) in view, typing at the start of the text | ${ms(charted.traced50)} / ${ms(charted.traced95)} | ${ms(bareTyping.traced50)} / ${ms(bareTyping.traced95)} | | p95 ≤ 16 ms | ${ok(charted.traced95 <= 16)} |`,
    `| keydown → next task p50 / p95 (includes any frame drawn between), the chart in view | ${ms(charted.work50)} / ${ms(charted.work95)} | ${ms(bareTyping.work50)} / ${ms(bareTyping.work95)} | | | |`,
    `| keystroke → next frame p95, the chart in view | ${ms(charted.frame95)} | ${ms(bareTyping.frame95)} | ${(charted.frame95 / bareTyping.frame95).toFixed(2)}× | ≤ 1.5× | ${ok(charted.frame95 <= 1.5 * bareTyping.frame95)} |`,
    `| longest task while typing, panels hidden / the chart in view (the checks, preview and chart redrawn after each pause) | ${ms(hidden.longestTraced)} / ${ms(charted.longestTraced)} | ${ms(bareTyping.longestTraced)} | | | |`,
    `| export Markdown (500 events) | ${ms(ops['export Markdown'])} | | | ≤ 10 ms | ${ok(ops['export Markdown'] <= 10)} |`,
    `| export JSON (500 events) | ${ms(ops['export JSON'])} | | | ≤ 10 ms | ${ok(ops['export JSON'] <= 10)} |`,
    `| import Markdown (500 events) | ${ms(ops['import Markdown'])} | | | ≤ 10 ms | ${ok(ops['import Markdown'] <= 10)} |`,
    `| import JSON (500 events) | ${ms(ops['import JSON'])} | | | ≤ 10 ms | ${ok(ops['import JSON'] <= 10)} |`,
    `| autosave of the 500-event document (one save) | ${ms(ops.save)} | | | | |`,
    `| problems check / preview after typing stops | ${ms(ops.validate)} / ${ms(ops.preview)} | | | | |`,
    `| longest main-thread task while typing and saving | ${over50(Math.max(visible.longest, hidden.longest, charted.longest))} | ${over50(bareTyping.longest)} | | ≤ 50 ms | ${ok(Math.max(visible.longest, hidden.longest, charted.longest) <= 50)} |`,
    '',
    'Files (raw, gzip -9, brotli 11):',
    ...s.rows,
    '',
    `Lighthouse ${scores.version}, dist/ served with gzip (goals: performance ≥ 98 desktop, ≥ 85 mobile; accessibility and best practices 100):`,
    '',
    '| preset | performance | accessibility | best practices | FCP | LCP | TBT | CLS |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...scores.rows,
    ...scores.misses,
  ];
  console.log(lines.join('\n'));
} finally {
  await browser.close();
  await server.close();
}
