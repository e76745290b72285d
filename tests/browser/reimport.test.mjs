// Re-importing a file exported from this editor offers to update the
// postmortem it came from (the same title and incident date) instead of
// always adding a duplicate; adding it anyway and backing out stay possible.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { eventually, serve, launch, openPage, ready, ROOT, DIST } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(process.env.DIST ?? DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const FULL = fs.readFileSync(path.join(ROOT, 'tests/fixtures/full.json'), 'utf8');
const TITLE = JSON.parse(FULL).title;
const SUMMARY = JSON.parse(FULL).summary;
const edited = () => {
  const doc = JSON.parse(FULL);
  doc.summary = 'Summary edited in the repository after the export.';
  return JSON.stringify(doc, null, 2);
};
const importText = (page, name, text) =>
  page.getByLabel('Import file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
const listed = (page) => page.getByRole('navigation', { name: 'Postmortems' }).locator('ul').first().getByRole('button', { name: new RegExp(TITLE) });
const dialog = (page) => page.getByRole('dialog', { name: `Update \u201c${TITLE}\u201d?` });

async function withOneImported() {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await importText(page, 'checkout.json', FULL);
  await eventually(async () => assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), TITLE));
  assert.equal(await listed(page).count(), 1);
  return page;
}

test('a file of a postmortem in the list updates it, as one step Undo takes back', async () => {
  const page = await withOneImported();
  await importText(page, '2025-10-26-checkout.json', edited());
  await eventually(async () => assert.ok(await dialog(page).isVisible()));
  assert.match(await dialog(page).innerText(), /already in your list \(the same title and incident date\)/);
  await dialog(page).getByRole('button', { name: `Update \u201c${TITLE}\u201d` }).click();
  await eventually(async () => assert.equal(await page.locator('#f-summary').inputValue(), 'Summary edited in the repository after the export.'));
  assert.equal(await listed(page).count(), 1, 'no duplicate');
  await page.locator('.toolbar').getByRole('button', { name: 'Undo', exact: true }).click();
  await eventually(async () => assert.equal(await page.locator('#f-summary').inputValue(), SUMMARY));
  page.assertClean();
});

test('the same file can still be added as a new postmortem, and Escape imports nothing', async () => {
  const page = await withOneImported();
  await importText(page, 'again.json', FULL);
  await eventually(async () => assert.ok(await dialog(page).isVisible()));
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await dialog(page).count(), 0));
  assert.equal(await listed(page).count(), 1);
  await importText(page, 'again.json', FULL);
  await eventually(async () => assert.ok(await dialog(page).isVisible()));
  await dialog(page).getByRole('button', { name: 'Add as a new postmortem' }).click();
  await eventually(async () => assert.equal(await listed(page).count(), 2));
  page.assertClean();
});
