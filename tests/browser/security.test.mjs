// Nothing a document contains runs as code; the page runs under a strict
// Content-Security-Policy with no violation; after load it makes no network
// request while the user edits, imports and exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eventually, serve, launch, openPage, ready, DIST } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });


// Each payload, if it ever ran, would set window.__xss or open a dialog.
const PAYLOADS = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<img src=x onerror=alert(1)>',
  '<svg onload="window.__xss=1">',
  '<svg><script>window.__xss=1</script></svg>',
  '<iframe src="javascript:window.top.__xss=1"></iframe>',
  '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
  '<body onload="window.__xss=1">',
  '<details open ontoggle="window.__xss=1">x</details>',
  '<input autofocus onfocus="window.__xss=1">',
  '<video><source onerror="window.__xss=1"></video>',
  '<audio src=x onerror="window.__xss=1">',
  '<object data="javascript:window.__xss=1"></object>',
  '<embed src="javascript:window.__xss=1">',
  '<a href="javascript:window.__xss=1">click</a>',
  '<a href="JaVaScRiPt:window.__xss=1">click</a>',
  '<a href="&#106;avascript:window.__xss=1">click</a>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
  '<style>@import "javascript:window.__xss=1"</style>',
  '<marquee onstart="window.__xss=1">m</marquee>',
  '<div style="background:url(javascript:window.__xss=1)">d</div>',
  '<form action="javascript:window.__xss=1"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
  '<base href="javascript:window.__xss=1//">',
  '<link rel=stylesheet href="data:text/css,*{x:expression(window.__xss=1)}">',
  '[click](javascript:window.__xss=1)',
  '[click](JAVASCRIPT:window.__xss=1)',
  '[click](jav&#x61;script:window.__xss=1)',
  '[click](jav&#97;script:window.__xss=1)',
  '[click](&#x6A;avascript:window.__xss=1)',
  '[click]( javascript:window.__xss=1 )',
  '[click](<javascript:window.__xss=1>)',
  '[click](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '[click](javascript:alert(1))',
  '![img](javascript:window.__xss=1)',
  '![img](x" onerror="window.__xss=1)',
  '![img](data:image/svg+xml,<svg onload=window.__xss=1>)',
  '<javascript:window.__xss=1>',
  '[x][ref]\n\n[ref]: javascript:window.__xss=1',
  '&lt;script&gt;window.__xss=1&lt;/script&gt;',
  '&#60;img src=x onerror=window.__xss=1&#62;',
  '<scr<script>ipt>window.__xss=1</script>',
  '"><script>window.__xss=1</script>',
  "'><img src=x onerror=window.__xss=1>",
  '</textarea><script>window.__xss=1</script>',
  '</title><script>window.__xss=1</script>',
  '<!--<img src="--><img src=x onerror=window.__xss=1//">',
  '<IMG SRC=`javascript:window.__xss=1`>',
  '<svg><a xlink:href="javascript:window.__xss=1"><text x="20" y="20">x</text></a></svg>',
  '<a href="data:text/html,<script>window.__xss=1</script>">d</a>',
  '<template><img src=x onerror=window.__xss=1></template>',
  '<select onfocus=window.__xss=1 autofocus>',
  '<keygen autofocus onfocus=window.__xss=1>',
  '| a | <img src=x onerror=window.__xss=1> |\n| --- | --- |',
  '```\n</code><script>window.__xss=1</script>\n```',
  '`<img src=x onerror=window.__xss=1>`',
  '<https://example.com/"onmouseover="window.__xss=1>',
];

/** A document with a payload in every text field, and many in every list. */
function payloadDocument() {
  let i = 0;
  const p = () => PAYLOADS[i++ % PAYLOADS.length];
  const many = () => PAYLOADS.slice(0, 8).map((x) => x + ' ' + p());
  return {
    format: 'postmortem', version: 1, title: p(), status: 'draft', severity: 'SEV3',
    authors: many(), tags: many(), services: many(), time_zone: 'UTC',
    summary: PAYLOADS.join('\n\n'),
    impact: { description: p(), metrics: PAYLOADS.map((x) => ({ label: x, value: p() })) },
    times: { started: '2026-01-01T10:00:00+00:00[UTC]', resolved: '2026-01-01T11:00:00+00:00[UTC]' },
    timeline: PAYLOADS.map((x, n) => ({ at: `2026-01-01T10:${String(n % 60).padStart(2, '0')}:00+00:00[UTC]`, approximate: false, kind: 'event', text: x })),
    root_cause: { trigger: p(), description: p(), contributing_factors: many() },
    detection: p(), resolution: p(),
    lessons: { went_well: many(), went_wrong: many(), lucky: many() },
    actions: PAYLOADS.slice(0, 12).map((x) => ({ title: x, owner: p(), due: p(), kind: null, priority: null, status: 'open', link: p() })),
    updates: PAYLOADS.slice(0, 12).map((x) => ({ at: null, state: 'update', text: x })),
    links: PAYLOADS.map((x) => ({ title: p(), url: x.replace(/.*\]\(|\)$/g, '') })),
    notes: PAYLOADS.join('\n'),
  };
}

/** Nothing executable reached the DOM, nothing ran, every link is safe. The one SVG allowed is the app's own timeline chart (its texts are text nodes). */
async function assertNothingRan(page, dialogs) {
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'a payload ran');
  assert.deepEqual(dialogs, [], 'a dialog opened');
  const dangerous = await page.evaluate(() => [...document.body.querySelectorAll(
    'script, iframe, object, embed, svg:not(.chart), img, video, audio, marquee, math, template, base, meta, link, style, form, [onerror], [onload], [onfocus], [ontoggle], [onstart], [onmouseover], [style*="javascript"]',
  )].map((e) => e.outerHTML.slice(0, 80)));
  assert.deepEqual(dangerous, [], 'markup from a document reached the DOM');
  const hrefs = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')));
  for (const h of hrefs) assert.match(h, /^(https?:|mailto:|#|[^:]*$)/i, `unsafe link ${h}`);
}

async function securePage(options) {
  const page = await openPage(browser, options);
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await page.goto(server.url + '/');
  await ready(page);
  return { page, dialogs };
}

test(`${PAYLOADS.length} XSS payloads in every text field and through both importers run nothing`, async () => {
  assert.ok(PAYLOADS.length >= 50);
  const { page, dialogs } = await securePage();
  // 1. JSON import: a payload in every text field of the form and the preview.
  const json = JSON.stringify(payloadDocument(), null, 2);
  await page.getByLabel('Import file').setInputFiles({ name: 'payloads.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await eventually(async () => assert.equal(await page.getByLabel('Event 50 description').inputValue(), PAYLOADS[49]));
  await page.waitForTimeout(400); // preview and problems render
  await assertNothingRan(page, dialogs);
  // The text is kept as text, word for word.
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), PAYLOADS[0]);
  assert.match(await page.getByRole('region', { name: 'Preview' }).textContent(), /<script>window\.__xss=1<\/script>/);
  // 2. The project's own Markdown, exported and imported back.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown', exact: true }).click()
    .then(() => page.getByRole('button', { name: 'Export anyway' }).click().catch(() => {}))]);
  const md = fs.readFileSync(await dl.path());
  await page.getByLabel('Import file').setInputFiles({ name: 'payloads.md', mimeType: 'text/markdown', buffer: md });
  await eventually(async () => assert.equal(await page.getByLabel('Event 50 description').inputValue(), PAYLOADS[49]));
  await page.waitForTimeout(400);
  await assertNothingRan(page, dialogs);
  // 3. A foreign Markdown file made of payloads.
  const foreign = ['# Payload incident', '## Summary', ...PAYLOADS, '## Timeline', ...PAYLOADS.map((x, n) => `- 10:${String(n % 60).padStart(2, '0')} UTC - ${x}`)].join('\n\n');
  await page.getByLabel('Import file').setInputFiles({ name: 'foreign.md', mimeType: 'text/markdown', buffer: Buffer.from(foreign) });
  await eventually(async () => assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Payload incident'));
  await page.waitForTimeout(400);
  await assertNothingRan(page, dialogs);
  // 4. Typed by hand into fields.
  for (const x of PAYLOADS.slice(0, 10)) {
    await page.getByLabel('Title', { exact: true }).fill(x);
    await page.getByRole('textbox', { name: 'Summary', exact: true }).fill(x);
    await page.getByLabel('Event 1 description').fill(x);
  }
  await page.waitForTimeout(400);
  await assertNothingRan(page, dialogs);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  page.assertClean();
});

test('the built page carries a strict CSP and runs with no violation', async () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(csp, 'CSP meta tag');
  for (const d of ["default-src 'none'", "style-src 'self'", "connect-src 'self'"]) {
    assert.ok(csp.includes(d), `${d} in ${csp}`);
  }
  // Scripts: the page's own files, plus the one inline script, Trunk's
  // loader (it imports the glue and starts the wasm), allowed by its hash.
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  assert.equal(inline.length, 1, 'one inline script');
  assert.match(inline[0], /from ?['"]\.\/postmortem-web-[0-9a-f]+\.js['"]/, "it is Trunk's loader");
  const hash = crypto.createHash('sha256').update(inline[0]).digest('base64');
  assert.equal(csp.match(/script-src ([^;]+)/)?.[1], `'self' 'sha256-${hash}' 'wasm-unsafe-eval'`);
  const { page } = await securePage();
  await page.getByLabel('Import file').setInputFiles(path.join(path.dirname(DIST), 'tests/fixtures/full.json'));
  await eventually(async () => assert.match(await page.getByLabel('Title', { exact: true }).inputValue(), /Checkout/));
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown', exact: true }).click()]);
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  page.assertClean();
});

test('after load, editing, importing and exporting make no network request', async () => {
  const { page } = await securePage();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  const requests = [];
  page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
  page.on('websocket', (w) => requests.push(`websocket ${w.url()}`));
  await page.getByLabel('Title', { exact: true }).fill('Offline check');
  await page.getByRole('textbox', { name: 'Summary', exact: true }).fill('See [the dashboard](https://grafana.example.com/d/x) and ![graph](https://img.example.com/g.png).');
  await page.getByLabel('Import file').setInputFiles(path.join(path.dirname(DIST), 'tests/fixtures/foreign/obsidian.md'));
  await eventually(async () => assert.match(await page.getByLabel('Title', { exact: true }).inputValue(), /Search Outage/));
  await page.getByLabel('Import file').setInputFiles(path.join(path.dirname(DIST), 'tests/fixtures/full.json'));
  await eventually(async () => assert.match(await page.getByLabel('Title', { exact: true }).inputValue(), /Checkout/));
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown', exact: true }).click()]);
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON', exact: true }).click()]);
  await page.getByRole('button', { name: 'Copy Markdown' }).click();
  await eventually(async () => assert.match(await page.locator('.toast').innerText(), /Markdown copied/));
  await page.getByLabel('Show times in').selectOption('UTC');
  await page.waitForTimeout(500);
  const network = requests.filter((r) => !/ blob:/.test(r));
  assert.deepEqual(network, [], 'requests after load');
  page.assertClean();
});

test('an aligned Markdown table shows in the preview with no console error or CSP violation', async () => {
  // The page's CSP allows no inline style, so alignment must come as a class.
  const { page } = await securePage();
  await page.getByRole('textbox', { name: 'Summary', exact: true }).fill('| a | b |\n| :-- | --: |\n| 1 | 2 |');
  const cells = page.locator('.preview table td');
  await eventually(async () => assert.deepEqual(await cells.allInnerTexts(), ['1', '2']));
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__csp), [], 'no CSP violation');
  assert.deepEqual(await page.locator('.preview [style]').count(), 0, 'no inline style attribute in the preview');
  page.assertClean();
});
