// Deleting a postmortem keeps it under "Recently deleted" for 30 days, not
// only in the message's Undo: after the message is gone, and after a reload,
// it can be restored with everything typed in it. Thirty days after its
// deletion it goes for good (its stored text too), when the user next writes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, serve, launch, openPage, ready, DIST } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(process.env.DIST ?? DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const title = (page) => page.getByLabel('Title', { exact: true });
const summaryField = (page) => page.locator('#f-summary');
const list = (page) => page.getByRole('navigation', { name: 'Postmortems' });
const docKeys = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('postmortem:doc:')));

async function deleteOne(page, name, summary) {
  await title(page).fill(name);
  await summaryField(page).fill(summary);
  await eventually(async () => assert.equal(await page.locator('.save-state').innerText(), 'Saved'));
  await list(page).getByRole('button', { name: 'Delete', exact: true }).click();
  await eventually(async () => assert.notEqual(await title(page).inputValue(), name));
}

test('a deleted postmortem is listed under Recently deleted after a reload and comes back whole', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await deleteOne(page, 'Disk full on db-3', 'The data volume filled at 03:15 and writes failed for 40 minutes.');
  assert.equal(await list(page).getByText('Disk full on db-3').count(), 1, 'only under Recently deleted');
  await page.reload();
  await ready(page);
  const deleted = list(page).locator('details.recently-deleted');
  await deleted.locator('summary').click();
  assert.match(await deleted.innerText(), /Recently deleted \(1\).*Kept for 30 days.*Disk full on db-3.*Deleted \d{4}-\d{2}-\d{2}/s);
  await deleted.getByRole('button', { name: 'Restore \u201cDisk full on db-3\u201d' }).click();
  await eventually(async () => assert.equal(await title(page).inputValue(), 'Disk full on db-3'));
  assert.equal(await summaryField(page).inputValue(), 'The data volume filled at 03:15 and writes failed for 40 minutes.');
  assert.equal(await list(page).locator('details.recently-deleted').count(), 0);
  assert.equal(await list(page).getByRole('button', { name: /Disk full on db-3/ }).count(), 1);
  page.assertClean();
});

test('thirty days after its deletion a postmortem goes for good, stored text and all, when the user next writes', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await deleteOne(page, 'Old outage', 'Long ago.');
  const id = await page.evaluate(() => JSON.parse(localStorage.getItem('postmortem:index')).deleted[0].entry.id);
  const stored = async () => (await docKeys(page)).includes(`postmortem:doc:${id}`);
  assert.ok(await stored(), 'a deleted postmortem is still stored');
  // Its deletion moved 31 days back.
  await page.evaluate(() => {
    const index = JSON.parse(localStorage.getItem('postmortem:index'));
    index.deleted[0].at = new Date(Date.now() - 31 * 86400000).toISOString();
    localStorage.setItem('postmortem:index', JSON.stringify(index));
  });
  await page.reload();
  await ready(page);
  // Not offered any more, but opening the page wrote nothing.
  assert.equal(await list(page).locator('details.recently-deleted').count(), 0);
  assert.ok(await stored());
  await title(page).fill('Written now');
  await eventually(async () => assert.equal(await stored(), false));
  const index = await page.evaluate(() => localStorage.getItem('postmortem:index'));
  assert.doesNotMatch(index, /Old outage|"deleted"/);
  page.assertClean();
});
