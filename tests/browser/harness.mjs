// Shared by the browser tests: a plain static file server for dist/ (at the
// root and under a sub-path, like a project page), and a headless Debian
// Chromium whose pages fail the test on any console error or uncaught exception.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');
export const SUB_PATH = '/postmortem/';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml', '.txt': 'text/plain',
  '.png': 'image/png', '.webmanifest': 'application/manifest+json',
};

/** Serves DIST on 127.0.0.1 at `/` and at SUB_PATH. Resolves to { url, close }. */
export function serve(dir = DIST) {
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (p.startsWith(SUB_PATH)) p = '/' + p.slice(SUB_PATH.length);
    else if (p === SUB_PATH.slice(0, -1)) { res.writeHead(301, { location: SUB_PATH }); return res.end(); }
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(dir, path.normalize(p));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404); return res.end('not found');
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    const { port } = server.address();
    resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) });
  }));
}

const CHROMIUM = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

export async function launch() {
  return chromium.launch(CHROMIUM);
}

/** A browser with a profile on disk in `dir` (not incognito: what installing needs). */
export async function launchProfile(dir) {
  return chromium.launchPersistentContext(dir, CHROMIUM);
}

/**
 * A new page that records console errors and uncaught exceptions. Call
 * `assertClean()` at the end of a test: it fails if any happened.
 */
export async function openPage(browser, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console.error: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.assertClean = () => {
    if (errors.length) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
  };
  page.errors = errors;
  return page;
}

/**
 * Waits until the app has mounted: the page shown before it (index.html's
 * loading shell) is gone and the app's Title field is there.
 */
export async function ready(page) {
  await page.waitForFunction(() => !document.getElementById('shell'), null, { timeout: 15000 });
  await page.getByLabel('Title', { exact: true }).first().waitFor({ state: 'visible', timeout: 15000 });
}

/**
 * Holds back the wasm until the returned function is called, so a test can
 * act on the page as it is before the app has arrived.
 */
export async function holdApp(page) {
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route(/_bg\.wasm$/, async (route) => { await gate; await route.continue(); });
  return release;
}

/** Retries an async assertion until it passes or `ms` pass (the page updates after a pause). */
export async function eventually(check, ms = 6000) {
  const end = Date.now() + ms;
  for (;;) {
    try { return await check(); } catch (e) { if (Date.now() > end) throw e; }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The accessible name of the focused element, as a keyboard user hears it (roughly). */
export function focusedName(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el) return '';
    const byFor = el.id ? document.querySelector(`label[for="${el.id}"]`) : null;
    return (el.getAttribute('aria-label') || byFor?.innerText || el.innerText || '').trim();
  });
}

/** Presses Tab until the focused element's accessible name is `name`. */
export async function tabTo(page, name, max = 400) {
  for (let i = 0; i < max; i++) {
    if ((await focusedName(page)) === name) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached “${name}”`);
}

/** A fresh page (its own storage) with a blank postmortem, the browser in `zone`. */
export async function openBlank(browser, url, zone, options = {}) {
  const page = await openPage(browser, { timezoneId: zone, ...options });
  await page.goto(url + '/');
  await ready(page);
  await eventually(async () => {
    const shown = await page.getByLabel('Document time zone', { exact: true }).inputValue();
    if (shown !== zone) throw new Error(`the document zone is ${shown}, not ${zone}`);
  });
  return page;
}

/** The open document as stored in this browser, once the page says it is saved. */
export async function storedDocument(page) {
  await eventually(async () => {
    const state = await page.locator('.save-state').innerText();
    if (state !== 'Saved') throw new Error(`the page says ${state}, not Saved`);
  });
  return page.evaluate(() => {
    const index = JSON.parse(localStorage.getItem('postmortem:index'));
    const id = index.last_open ?? index.entries[0].id;
    return JSON.parse(localStorage.getItem(`postmortem:doc:${id}`)).document;
  });
}
