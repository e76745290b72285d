// The big-document benchmark (not part of the test run): imports a generated
// Markdown postmortem of BIG_EVENTS events (20,000 by default) into the
// release build in dist/ and prints, for one run each: the import (from
// choosing the file until its first timeline row can be typed in), opening it
// again from the list, start-up with it stored, the longest task of each,
// typing in a far timeline row, saving, the timeline rows in the page, and the
// app's own `pm:*` measures. Run after a release build:
//   node tests/bench/big.mjs [own|foreign] [EVENTS]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { serve, launch, ROOT } from '../browser/harness.mjs';

const kind = process.argv[2] ?? 'foreign';
const events = Number(process.argv[3] ?? process.env.BIG_EVENTS ?? 20000);
const TITLE = kind === 'own' ? 'Ingest backlog' : 'Storage degradation';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-big-'));
const file = process.env.BIG_FILE ?? path.join(dir, `big-${kind}-${events}.md`);
if (!process.env.BIG_FILE) execFileSync('cargo', ['run', '--quiet', '--release', '-p', 'postmortem-core', '--example', 'big_markdown', '--', kind, String(events), file], { cwd: ROOT, stdio: 'inherit' });

// Long tasks (the API reports those over 50 ms) and keystroke work, in every page.
const INSTRUMENT = () => {
  window.__long = [];
  window.__ks = [];
  try {
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__long.push({ at: e.startTime, d: e.duration })))
      .observe({ type: 'longtask', buffered: true });
  } catch { /* no long task API */ }
  document.addEventListener('keydown', () => {
    const t0 = performance.now();
    const k = {};
    window.__ks.push(k);
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { document.body.getBoundingClientRect(); k.work = performance.now() - t0; };
    ch.port2.postMessage(0);
  }, true);
};

const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : 'n/a');
const longest = (p, since = 0) => p.evaluate((s) => Math.max(0, ...window.__long.filter((e) => e.at >= s).map((e) => e.d)), since);
const measures = (p) => p.evaluate(() => {
  const out = {};
  for (const e of performance.getEntriesByType('measure')) {
    if (!e.name.startsWith('pm:')) continue;
    out[e.name] = Math.max(out[e.name] ?? 0, e.duration);
  }
  return out;
});
const rowsInPage = (p) => p.evaluate(() => document.querySelectorAll('.timeline-row').length);
// The first timeline row can be typed in (the form has drawn the timeline).
const rowReady = (p, timeout) => p.waitForFunction(() => {
  const el = document.getElementById('f-timeline-0-text');
  return el && !el.readOnly && !document.getElementById('shell');
}, null, { timeout, polling: 50 });

const server = await serve();
const browser = await launch();
const results = { kind, events, bytes: fs.statSync(file).size };
const errors = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await context.newPage();
  p.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  p.on('pageerror', (e) => errors.push(e.message));
  await p.addInitScript(INSTRUMENT);
  await p.goto(server.url + '/');
  await p.getByLabel('Title', { exact: true }).first().waitFor({ timeout: 30000 });
  await p.waitForTimeout(1500);

  // Import.
  let t0 = await p.evaluate(() => performance.now());
  await p.getByLabel('Import file').setInputFiles(file);
  await p.waitForFunction((t) => document.getElementById('f-title')?.value.startsWith(t)
    && document.getElementById('f-timeline-0-text'), TITLE, { timeout: 600000, polling: 100 });
  results.import = (await p.evaluate(() => performance.now())) - t0;
  await p.waitForTimeout(3000);
  results.importLongest = await longest(p, t0);
  results.rowsAfterImport = await rowsInPage(p);

  // Typing in a far row, reached by scrolling to the end of the timeline.
  const far = events - 5;
  t0 = await p.evaluate(() => performance.now());
  const farBox = p.locator(`#f-timeline-${far}-text`);
  for (let i = 0; i < 100 && !(await farBox.count()); i++) {
    await p.evaluate(() => [...document.querySelectorAll('.timeline-spacer, .timeline-rows')].at(-1).scrollIntoView({ block: 'end' }));
    await p.waitForTimeout(100);
  }
  results.farReached = (await farBox.count()) > 0;
  if (results.farReached) {
    await farBox.click();
    await p.evaluate(() => { window.__ks = []; });
    const t1 = await p.evaluate(() => performance.now());
    await p.keyboard.type('typed far', { delay: 60 });
    await p.waitForTimeout(2500);
    results.keys = await p.evaluate(() => window.__ks.map((k) => k.work).filter(Number.isFinite));
    results.typingLongest = await longest(p, t1);
  }
  results.measuresAfterTyping = await measures(p);
  results.stored = await p.evaluate(() => {
    let total = 0;
    for (let i = 0; i < localStorage.length; i++) {
      const k = localStorage.key(i);
      total += k.length + localStorage.getItem(k).length;
    }
    return total;
  });

  // Open another postmortem, then this one again from the list.
  await p.getByRole('button', { name: 'New postmortem' }).click();
  await p.locator('.menu button').first().click();
  await p.waitForTimeout(2000);
  t0 = await p.evaluate(() => performance.now());
  await p.locator('.doc-link', { hasText: TITLE }).first().click();
  await rowReady(p, 600000);
  results.open = (await p.evaluate(() => performance.now())) - t0;
  await p.waitForTimeout(3000);
  results.openLongest = await longest(p, t0);

  // Start-up with it stored (it is the last one open).
  await p.reload();
  await rowReady(p, 600000);
  results.startup = await p.evaluate(() => performance.now());
  await p.waitForTimeout(3000);
  results.startupLongest = await longest(p, 0);
  results.rowsAfterStartup = await rowsInPage(p);
  results.measuresAfterStartup = await measures(p);
  await p.screenshot({ path: path.join(dir, 'after-startup.png') });
  results.screenshot = path.join(dir, 'after-startup.png');
} catch (e) {
  results.failed = String(e).split('\n')[0];
} finally {
  await browser.close();
  await server.close();
}
const keys = results.keys ?? [];
const sorted = [...keys].sort((a, b) => a - b);
console.log(JSON.stringify({ ...results, keys: undefined }, null, 1));
console.log(`\n${kind}, ${events} events, ${(results.bytes / 1e6).toFixed(2)} MB of Markdown`);
console.log(`import ${ms(results.import)} (longest task ${ms(results.importLongest)}), timeline rows in the page ${results.rowsAfterImport}`);
console.log(`open ${ms(results.open)} (longest task ${ms(results.openLongest)})`);
console.log(`start-up ${ms(results.startup)} (longest task ${ms(results.startupLongest)}), rows ${results.rowsAfterStartup}`);
console.log(`typing in row ${events - 4}: median ${ms(sorted[Math.floor(sorted.length / 2)])}, worst ${ms(sorted.at(-1))}, longest task ${ms(results.typingLongest)}`);
console.log(`errors: ${errors.length ? errors.join(' | ') : 'none'}`);
