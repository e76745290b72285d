// Time from navigation to a Title field that takes typing, on a slow
// connection: Chromium's network throttled to 1.6 Mbps down, 750 kbps up,
// 150 ms round trip, and its CPU slowed 4×; each site served with gzip.
// Compares builds: `node tests/bench/slow-load.mjs DIST [DIST...]` prints the
// median of SLOW_RUNS loads (default 7) for each, with storage empty and with
// one postmortem stored. The builds take turns within each run.
import path from 'node:path';
import { launch } from '../browser/harness.mjs';
import { serveGzip } from './lighthouse.mjs';

const RUNS = Number(process.env.SLOW_RUNS ?? 7);
const dirs = process.argv.slice(2).map((d) => path.resolve(d));
if (!dirs.length) throw new Error('usage: node tests/bench/slow-load.mjs DIST [DIST...]');

const STORED = {
  'postmortem:index': JSON.stringify({ entries: [{ id: 'a', title: 'Disk full on db-3', status: 'draft', updated: '' }], last_open: 'a' }),
  'postmortem:doc:a': JSON.stringify({ envelope: 1, revision: 1, saved_at: '', document: { format: 'postmortem', version: 1, title: 'Disk full on db-3' } }),
};

// When a Title field first takes typing (there, not read-only, not
// disabled), and when the whole app has replaced whatever page came first
// (the loading shell, or the old build's early page).
const WATCH = () => {
  const check = () => {
    const t = document.getElementById('f-title');
    const now = performance.now();
    if (t && !t.readOnly && !t.disabled && window.__editableAt === undefined) window.__editableAt = now;
    if (t && !document.getElementById('shell') && !document.getElementById('early') && window.__appAt === undefined) window.__appAt = now;
    return window.__editableAt !== undefined && window.__appAt !== undefined;
  };
  new MutationObserver((_, o) => { if (check()) o.disconnect(); })
    .observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['readonly', 'disabled'] });
};

async function once(browser, url, stored) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  if (stored) {
    await page.addInitScript((items) => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
    }, stored);
  }
  await page.addInitScript(WATCH);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__editableAt !== undefined, null, { timeout: 120000 });
  const at = await page.evaluate(() => window.__editableAt);
  await page.waitForFunction(() => window.__appAt !== undefined, null, { timeout: 120000 });
  const app = await page.evaluate(() => window.__appAt);
  // It really takes typing.
  await page.locator('#f-title').focus();
  await page.keyboard.type('x');
  const value = await page.locator('#f-title').inputValue();
  if (!value.includes('x')) throw new Error(`${url}: the Title field did not take typing (${JSON.stringify(value)})`);
  await context.close();
  return { at, app };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]; };
const servers = await Promise.all(dirs.map(serveGzip));
const browser = await launch();
try {
  const times = dirs.map(() => ({ empty: [], stored: [] }));
  const apps = dirs.map(() => []);
  for (let i = 0; i < RUNS; i++) {
    for (const [j, s] of servers.entries()) {
      for (const [key, stored] of [['empty', null], ['stored', STORED]]) {
        const { at, app } = await once(browser, s.url, stored);
        times[j][key].push(at);
        apps[j].push(app);
      }
    }
  }
  console.log(`navigation → Title field takes typing, 1.6 Mbps / 150 ms RTT, CPU 4× slower, gzip; median of ${RUNS} (min–max)`);
  console.log('| build | storage empty | one postmortem stored | the whole app there (both) |\n| --- | --- | --- | --- |');
  for (const [j, d] of dirs.entries()) {
    const f = (xs) => `${Math.round(median(xs))} ms (${Math.round(Math.min(...xs))}–${Math.round(Math.max(...xs))})`;
    console.log(`| ${d} | ${f(times[j].empty)} | ${f(times[j].stored)} | ${f(apps[j])} |`);
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((s) => s.close()));
}
