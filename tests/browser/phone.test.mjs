// A phone (390 px): the field a problem goes to, and a new row, are
// scrolled into view above the bar of views at the bottom; the preview's
// tables wrap the event text rather than squeezing it (issue 24).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually, serve, launch, openPage, ready, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true };

/** Opens full.json on a phone, changed by `edit`. */
async function openOnPhone(edit = () => {}) {
  const page = await openPage(browser, PHONE);
  await page.goto(server.url + '/');
  await ready(page);
  const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/full.json'), 'utf8'));
  edit(doc);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-phone-')), 'doc.json');
  fs.writeFileSync(file, JSON.stringify(doc));
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Postmortems' }).click();
  await page.getByLabel('Import file').setInputFiles(file);
  await eventually(async () => assert.match(await page.locator('.preview').innerText(), /Checkout payments declined/));
  return page;
}

/** The focused element's box and the bar's top. */
const placed = (page) => page.evaluate(() => {
  const el = document.activeElement;
  const box = el.getBoundingClientRect();
  return { id: el.id, top: box.top, bottom: box.bottom, bar: document.querySelector('.pane-bar').getBoundingClientRect().top };
});

test('a field focused from Problems lands above the bottom bar', async () => {
  // A problem on the last link, near the end of the form.
  const page = await openOnPhone((doc) => { doc.links[doc.links.length - 1].url = 'ftp://files.example.com/dump'; });
  const n = page.locator('.pane-bar .count');
  await eventually(async () => assert.match(await n.innerText(), /\d/));
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Problems/ }).click();
  await page.getByRole('region', { name: 'Problems' }).getByRole('button', { name: /Link \d/ }).first().click();
  await eventually(async () => assert.match((await placed(page)).id, /^f-links-\d+-url$/));
  // The form's later sections are laid out as they come near (content-visibility): the field settles above the bar.
  await eventually(async () => {
    const at = await placed(page);
    assert.ok(at.top >= 0 && at.bottom <= at.bar, `the field is at ${at.top}–${at.bottom}, the bar's top at ${at.bar}`);
  });
  fs.mkdirSync('/tmp/shots-chart', { recursive: true });
  await page.screenshot({ path: '/tmp/shots-chart/phone-problem-field.png' });
  page.assertClean();
});

test('a new row lands above the bottom bar', async () => {
  const page = await openOnPhone();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Form' }).click();
  // The button just above the bar, as a thumb finds it after scrolling.
  const add = page.getByRole('button', { name: 'Add action item' });
  await add.evaluate((b) => {
    const bar = document.querySelector('.pane-bar').getBoundingClientRect().top;
    window.scrollBy(0, b.getBoundingClientRect().bottom - bar + 2);
  });
  await add.click();
  await eventually(async () => assert.match((await placed(page)).id, /^f-actions-\d+-title$/));
  const at = await placed(page);
  assert.ok(at.top >= 0 && at.bottom <= at.bar, `the new row's field is at ${at.top}–${at.bottom}, the bar's top at ${at.bar}`);
  await page.screenshot({ path: '/tmp/shots-chart/phone-new-row.png' });
  page.assertClean();
});

test('the preview\'s tables wrap the event text on a phone', async () => {
  const page = await openOnPhone();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Preview' }).click();
  const cell = page.locator('.preview td', { hasText: 'Cert rotation job' });
  await cell.waitFor();
  const got = await cell.evaluate((td) => {
    const scroll = td.closest('.table-scroll');
    const range = document.createRange();
    range.selectNodeContents(td);
    const lines = [...range.getClientRects()].map((r) => Math.round(r.top));
    return { width: td.getBoundingClientRect().width, lines: new Set(lines).size, overflow: scroll.scrollWidth - scroll.clientWidth };
  });
  // Cert rotation job `rotate-gw-client` finishes; new chain deployed to all gateway pods. (86 letters: at least 17 a line)
  assert.ok(got.width >= 120, `the event text is ${got.width} px wide`);
  assert.ok(got.lines <= 8, `the event text takes ${got.lines} lines`);
  assert.ok(got.overflow <= 1, `the table runs ${got.overflow} px past its box`);
  await page.screenshot({ path: '/tmp/shots-chart/phone-preview.png', fullPage: false });
  page.assertClean();
});
