// Print and PDF (issue 18, in part): printing gives the document, not the
// editor: the title block and the sections in order, with none of the
// editor's controls. Read back from Chromium's PDF with pdftotext.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { eventually, serve, launch, openPage, ready, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function openFull(options = {}) {
  const page = await openPage(browser, options);
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByLabel('Import file').setInputFiles(path.join(ROOT, 'tests/fixtures/full.json'));
  await eventually(async () => assert.match(await page.locator('.preview').innerText(), /Checkout payments declined/));
  return page;
}

/** The text of the page printed to PDF, as pdftotext reads it. */
async function printed(page, format, png) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-pdf-'));
  const file = path.join(dir, 'out.pdf');
  await page.pdf({ path: file, format });
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  // The pages as pictures, to look at (`png` is the path without ".png").
  if (png) execFileSync('pdftoppm', ['-png', '-r', '80', file, png]);
  fs.rmSync(dir, { recursive: true, force: true });
  return text;
}

for (const format of ['A4', 'Letter']) {
  test(`printing gives the document, not the editor (${format})`, async () => {
    const page = await openFull();
    const text = await printed(page, format);
    // The page prints at its full size (nothing wider than the paper shrinks it): the title may wrap.
    assert.match(text, /Checkout payments declined after\s+certificate rotation/);
    // The title block comes first, then the chart, then the sections.
    const title = text.indexOf('Checkout payments declined');
    const meta = text.indexOf('SEV2');
    const chart = text.indexOf('Timeline chart');
    assert.ok(title >= 0 && title < meta && meta < chart && chart < text.indexOf('Summary'), `title ${title}, status line ${meta}, chart ${chart}, summary ${text.indexOf('Summary')}`);
    let at = 0;
    for (const heading of ['Summary', 'Impact', 'Timeline', 'Root cause', 'Detection', 'Resolution', 'Lessons', 'Action items', 'Status updates', 'Links']) {
      const i = text.indexOf(heading, at);
      assert.ok(i >= 0, `${heading} is missing, or out of order`);
      at = i;
    }
    for (const control of ['New postmortem', 'Export Markdown', 'Add timeline event', 'Undo', 'Show times in', 'Problems', 'Duplicate', 'Search']) {
      assert.ok(!text.includes(control), `the print shows the editor's “${control}”`);
    }
    // Links carry their address on paper.
    assert.match(text, /\(https?:\/\//);
    page.assertClean();
  });
}

test('"Print or save as PDF" opens the browser\'s print dialog, also on a phone', async () => {
  const page = await openFull({ viewport: { width: 390, height: 844 } });
  await page.evaluate(() => { window.print = () => { window.__printed = true; }; });
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('button', { name: 'Print or save as PDF' }).click();
  assert.equal(await page.evaluate(() => window.__printed), true);
  // The phone's form view prints the document too.
  const text = await printed(page, 'A4');
  assert.match(text, /Checkout payments declined/);
  assert.ok(!text.includes('Postmortems'), 'the print shows the phone view bar');
  page.assertClean();
});

test('the Markdown export carries the Mermaid chart unless Help turns it off', async () => {
  const page = await openFull();
  const exportMd = async () => {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown', exact: true }).first().click()]);
    return fs.readFileSync(await dl.path(), 'utf8');
  };
  assert.match(await exportMd(), /### Timeline chart\n\n```mermaid\ngantt\n/);
  await page.getByRole('button', { name: 'Help' }).click();
  await page.getByLabel(/Include a timeline chart/).uncheck();
  await page.keyboard.press('Escape');
  const without = await exportMd();
  assert.doesNotMatch(without, /mermaid/);
  // The choice is remembered.
  await page.reload();
  await ready(page);
  await page.getByRole('navigation', { name: 'Postmortems' }).getByRole('button', { name: /Checkout payments/ }).click();
  assert.doesNotMatch(await exportMd(), /mermaid/);
  page.assertClean();
});

test('a wide action table fits the page: every column of every row is printed, borders inside the paper', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  // Seed 003's actions: long titles with code, every column filled.
  const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/full.json'), 'utf8'));
  const titles = [
    'Add ConfigMap schema validation to the CI pipeline to reject deploys missing required keys (`max_pool_size`, `rate_limit`, etc.)',
    'Require API team approval for changes to `api-config` ConfigMap',
    'Add a connection pool utilization alert at 80% capacity (before hitting hard limit)',
    'Run a staging load test with production-level traffic for config changes touching connection parameters',
  ];
  doc.actions = titles.map((title, i) => ({
    title, owner: 'Alex Rivera', due: `2024-05-0${i + 1}`, kind: 'prevent', priority: `P${i}`,
    status: ['open', 'in_progress', 'done', 'wont_do'][i], link: `https://tracker.example.com/API-${900 + i}`,
  }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-print-'));
  fs.writeFileSync(path.join(dir, 'wide.json'), JSON.stringify(doc));
  await page.getByLabel('Import file').setInputFiles(path.join(dir, 'wide.json'));
  await eventually(async () => assert.match(await page.locator('.preview').textContent(), /staging load test/));
  fs.mkdirSync('/tmp/shots-chart', { recursive: true });
  const text = await printed(page, 'A4', '/tmp/shots-chart/print-a4');
  const from = text.indexOf('Action items');
  const actions = text.slice(from, text.indexOf('Status updates', from));
  for (const word of ['Priority', 'Status', 'Link', 'P0', 'P3', 'in_progress', 'wont_do']) {
    assert.ok(actions.includes(word), `the printed action table lacks “${word}”:\n${actions}`);
  }
  for (let i = 0; i < 4; i++) assert.match(actions.replace(/\s+/g, ''), new RegExp(`API-${900 + i}`), `the link of action ${i + 1}`);
  // The page as the printer lays it out (A4 less the margins: 182 mm, 688 px):
  // no table, and no chart, is wider than the text.
  await page.setViewportSize({ width: 688, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  const wide = await page.evaluate(() => [...document.querySelectorAll('.preview table, .chart-panel svg')]
    .map((t) => ({ what: t.tagName, right: t.getBoundingClientRect().right }))
    .filter((t) => t.right > document.documentElement.clientWidth + 0.5));
  assert.deepEqual(wide, []);
  page.assertClean();
});

test('the printed chart is as wide as the text', async () => {
  const page = await openFull();
  await page.setViewportSize({ width: 688, height: 1000 });
  // As the browser does when it prints: the page hears it, then lays out for paper.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.emulateMedia({ media: 'print' });
  const widths = await page.evaluate(() => ({
    charts: [...document.querySelectorAll('.chart-panel svg.chart:not(.swatch)')].map((s) => s.getBoundingClientRect().width).filter((w) => w > 0),
    text: document.querySelector('.preview h2').getBoundingClientRect().width,
    // The chart's type on paper, in px (its 10.5 units times its scale).
    type: (() => {
      const s = [...document.querySelectorAll('.chart-panel svg.chart:not(.swatch)')].find((c) => c.getBoundingClientRect().width > 0);
      return s && 10.5 * s.getBoundingClientRect().width / s.viewBox.baseVal.width;
    })(),
  }));
  assert.equal(widths.charts.length, 1, JSON.stringify(widths));
  assert.ok(widths.charts[0] >= widths.text - 2, JSON.stringify(widths));
  assert.ok(widths.type >= 9 && widths.type <= 13, `the chart's text prints at ${widths.type} px`);
  page.assertClean();
});
