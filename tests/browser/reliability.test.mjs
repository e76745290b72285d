// Storage faults: whatever happens to storage, nothing typed is lost. Each
// test types a known text and fails if any character of it is missing after.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { eventually, serve, launch, openPage, ready, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });


const summary = (page) => page.getByRole('textbox', { name: 'Summary', exact: true });
const TYPED = 'Checkout failed for 12 minutes; retries hid it.';

/** Everything stored under the editor's keys, as one string. */
const stored = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('postmortem:doc:')).map((k) => localStorage.getItem(k)).join('\n'));

async function fresh(options) {
  const page = await openPage(browser, options);
  await page.goto(server.url + '/');
  await ready(page);
  return page;
}

test('1. reload in the middle of typing keeps the last keystroke', async () => {
  const page = await fresh();
  await summary(page).click();
  await page.keyboard.type(TYPED, { delay: 5 });
  await page.reload(); // well inside the save delay
  await ready(page);
  assert.equal(await summary(page).inputValue(), TYPED);
  page.assertClean();
});

test('2. hiding or closing the tab inside the save delay flushes the save', async () => {
  const page = await fresh();
  await summary(page).fill(TYPED + ' (hidden)');
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  assert.ok((await stored(page)).includes(TYPED + ' (hidden)'), 'saved as soon as the tab was hidden');
  // Closing: a page in the same browser context sees what the closed one typed.
  const other = await page.context().newPage();
  await summary(page).fill(TYPED + ' (closed)');
  await page.close({ runBeforeUnload: true });
  await other.goto(server.url + '/');
  await ready(other);
  assert.equal(await summary(other).inputValue(), TYPED + ' (closed)');
});

test('3. storage full: a persistent banner with export buttons, nothing lost, saving resumes', async () => {
  const page = await fresh();
  await page.getByLabel('Title', { exact: true }).fill('Disk full');
  await summary(page).fill('before the disk filled');
  await eventually(async () => assert.equal(await page.locator('.save-state').innerText(), 'Saved'));
  const filled = await page.evaluate(() => {
    const chunk = 'x'.repeat(512 * 1024);
    let i = 0;
    try { for (;;) localStorage.setItem(`filler:${i++}`, chunk); } catch { /* full */ }
    // Top up with smaller pieces until not even a little fits.
    for (const size of [65536, 4096, 256, 16]) {
      try { for (;;) localStorage.setItem(`filler:${i++}`, 'y'.repeat(size)); } catch { /* full */ }
    }
    return i;
  });
  assert.ok(filled > 1);
  await summary(page).fill(TYPED);
  const banner = page.getByRole('alert').filter({ hasText: 'Not saved — export now' });
  await eventually(async () => assert.ok(await banner.isVisible()));
  assert.ok(await banner.getByRole('button', { name: 'Export Markdown' }).isVisible());
  assert.ok(await banner.getByRole('button', { name: 'Export JSON' }).isVisible());
  assert.equal(await page.locator('.save-state').innerText(), 'Not saved');
  assert.equal(await summary(page).inputValue(), TYPED, 'the document in memory is intact');
  // The export from the banner has everything typed.
  const [dl] = await Promise.all([page.waitForEvent('download'), banner.getByRole('button', { name: 'Export JSON' }).click()]);
  assert.equal(JSON.parse(fs.readFileSync(await dl.path(), 'utf8')).summary, TYPED);
  // Space frees: saving resumes by itself.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler:')).forEach((k) => localStorage.removeItem(k)));
  await eventually(async () => assert.equal(await page.locator('.save-state').innerText(), 'Saved'), 8000);
  assert.ok((await stored(page)).includes(TYPED));
  assert.equal(await banner.count(), 0);
});

test('4. storage unavailable: the editor works in memory and says so', async () => {
  const page = await openPage(browser);
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  });
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByLabel('Title', { exact: true }).fill('Kept in memory');
  await summary(page).fill(TYPED);
  await eventually(async () => assert.match(await page.getByRole('alert').first().innerText(), /not letting the page use storage/));
  assert.equal(await page.locator('.save-state').innerText(), 'Not saved');
  assert.equal(await summary(page).inputValue(), TYPED);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).first().click()]);
  assert.ok(fs.readFileSync(await dl.path(), 'utf8').includes(TYPED));
  page.assertClean();
});

/** Seeds storage with a good document and a bad one, then opens the page. */
async function withStored(bad, { badFirst = true } = {}) {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByLabel('Title', { exact: true }).fill('The good one');
  await summary(page).fill(TYPED);
  await eventually(async () => assert.equal(await page.locator('.save-state').innerText(), 'Saved'));
  await page.evaluate(({ bad, badFirst }) => {
    const index = JSON.parse(localStorage.getItem('postmortem:index'));
    const entry = { id: 'broken', title: 'Broken one', status: 'draft', updated: '2026-11-22T08:00:00.000Z' };
    index.entries = badFirst ? [entry, ...index.entries] : [...index.entries, entry];
    index.last_open = badFirst ? 'broken' : index.last_open;
    localStorage.setItem('postmortem:index', JSON.stringify(index));
    localStorage.setItem('postmortem:doc:broken', bad);
  }, { bad, badFirst });
  await page.reload();
  await ready(page);
  return page;
}

for (const [name, bad] of [
  ['not JSON', 'this is not json {{{'],
  ['wrong shape', JSON.stringify({ envelope: 1, revision: 3, saved_at: '', document: { format: 'postmortem', version: 1, title: 5 } })],
  ['truncated', '{"envelope":1,"revision":2,"saved_at":"","document":{"format":"postmortem","version":1,"title":"Half a docu'],
]) {
  test(`5. corrupt stored data (${name}) is quarantined, reported, downloadable; the rest loads`, async () => {
    const page = await withStored(bad);
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'The good one');
    assert.equal(await summary(page).inputValue(), TYPED);
    const alert = page.getByRole('alert').filter({ hasText: 'could not be read' });
    await eventually(async () => assert.ok(await alert.isVisible()));
    const quarantined = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('postmortem:quarantine:broken')).map((k) => localStorage.getItem(k)));
    assert.deepEqual(quarantined, [bad]);
    assert.equal(await page.evaluate(() => localStorage.getItem('postmortem:doc:broken')), bad, 'never overwritten');
    const [dl] = await Promise.all([page.waitForEvent('download'), alert.getByRole('button', { name: 'Download damaged copy' }).click()]);
    assert.equal(fs.readFileSync(await dl.path(), 'utf8'), bad);
  });
}

test('6. data from a newer editor opens read-only with an explanation and is not rewritten', async () => {
  const newer = JSON.stringify({ envelope: 2, revision: 9, saved_at: '', document: { format: 'postmortem', version: 2, title: 'From the future', summary: 'New shape' } });
  const page = await withStored(newer);
  await eventually(async () => assert.match(await page.getByRole('status').filter({ hasText: 'newer version' }).innerText(), /read-only/));
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'From the future');
  assert.equal(await page.getByLabel('Title', { exact: true }).getAttribute('readonly'), '');
  await page.getByLabel('Title', { exact: true }).press('x').catch(() => {});
  await page.waitForTimeout(800);
  assert.equal(await page.evaluate(() => localStorage.getItem('postmortem:doc:broken')), newer);
});

// 7. Two tabs on one document: tabs.test.mjs (a tab with nothing unsaved
// follows the other; one with unsaved edits keeps them and the user chooses).

const BAD_FILES = [
  ['not UTF-8', 'latin1.md', Buffer.from([0x23, 0x20, 0xe9, 0x74, 0xe9, 0x0a]), /not UTF-8 text/],
  ['not JSON', 'broken.json', Buffer.from('{"format": "postmortem", "version": 1,'), /not valid JSON/],
  ['wrong format', 'other.json', Buffer.from('{"format": "runbook", "version": 1}'), /format is "runbook"/],
  ['newer version', 'future.json', Buffer.from('{"format": "postmortem", "version": 7}'), /newer editor \(format version 7\)/],
  ['binary', 'image.md', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /binary file/],
  ['50 MB', 'huge.md', 'big', /50\.0 MB; files over 5 MB are not opened/],
];

test('8. bad import files get a clear message; the document and the library are untouched', async () => {
  const page = await fresh();
  await page.getByLabel('Title', { exact: true }).fill('Untouched');
  await summary(page).fill(TYPED);
  await eventually(async () => assert.equal(await page.locator('.save-state').innerText(), 'Saved'));
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  for (const [what, name, buffer, message] of BAD_FILES) {
    if (buffer === 'big') {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-big-')), name);
      fs.writeFileSync(file, Buffer.alloc(50 * 1024 * 1024, 0x61));
      await page.getByLabel('Import file').setInputFiles(file);
    } else {
      await page.getByLabel('Import file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
    }
    const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
    await eventually(async () => assert.match(await alert.innerText(), message, what));
    assert.match(await alert.innerText(), new RegExp(name.replace('.', '\\.')), what);
    await alert.getByRole('button', { name: 'Dismiss' }).click();
    assert.equal(await summary(page).inputValue(), TYPED, what);
  }
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), before, 'storage unchanged');
  page.assertClean();
});

test('older stored versions load through the migration (a bare document)', async () => {
  const bare = fs.readFileSync(path.join(ROOT, 'tests/fixtures/full.json'), 'utf8');
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await page.evaluate((bare) => {
    localStorage.setItem('postmortem:index', JSON.stringify({ entries: [{ id: 'old', title: 'Old', status: 'review', updated: '' }], last_open: 'old' }));
    localStorage.setItem('postmortem:doc:old', bare);
  }, bare);
  await page.reload();
  await ready(page);
  assert.match(await page.getByLabel('Title', { exact: true }).inputValue(), /^Checkout payments declined/);
  page.assertClean();
});
