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
async function printed(page, format) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-pdf-'));
  const file = path.join(dir, 'out.pdf');
  await page.pdf({ path: file, format });
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  return text;
}

for (const format of ['A4', 'Letter']) {
  test(`printing gives the document, not the editor (${format})`, async () => {
    const page = await openFull();
    const text = await printed(page, format);
    assert.match(text, /Checkout payments declined after certificate rotation/);
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
