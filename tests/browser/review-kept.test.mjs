// The import review is kept with its document: switching to another
// postmortem and back, or reloading, brings it back with what it assumed,
// until "Done reviewing"; then it stays gone, after a reload too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { eventually, serve, launch, openPage, ready, DIST, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(process.env.DIST ?? DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const review = (page) => page.getByRole('region', { name: 'Import review' });
const list = (page) => page.getByRole('navigation', { name: 'Postmortems' });

// Seed 004's situation: no zone written anywhere, so times were read as UTC.
const NO_ZONE = `# Cache outage

Date: 2024-05-02

## Timeline

- 09:10 Deploy starts
- 09:20 Errors begin, impact starts
- 09:45 Rollback done
- 10:05 Back to normal, impact ends
`;
const ZONE_SENTENCE = /No time zone is written anywhere, so times were read as UTC/;

test('the review stays with its document across switching and reloading, until Done reviewing', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  // Another postmortem to switch to.
  await page.getByLabel('Title', { exact: true }).fill('Other incident');
  await eventually(async () => assert.equal(await list(page).getByRole('button', { name: /Other incident/ }).count(), 1));
  await page.getByLabel('Import file').setInputFiles({ name: 'cache.md', mimeType: 'text/markdown', buffer: Buffer.from(NO_ZONE) });
  await eventually(async () => assert.match(await review(page).innerText(), ZONE_SENTENCE));

  // Away: the other postmortem has no review.
  await list(page).getByRole('button', { name: /Other incident/ }).click();
  await eventually(async () => assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Other incident'));
  assert.equal(await review(page).count(), 0);
  // Back: the review is there again, with its zone sentence.
  await list(page).getByRole('button', { name: /Cache outage/ }).click();
  await eventually(async () => assert.match(await review(page).innerText(), ZONE_SENTENCE));
  assert.match(await review(page).innerText(), /4 times were read in UTC/);

  // Reload: still there.
  await page.reload();
  await ready(page);
  await eventually(async () => assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Cache outage'));
  await eventually(async () => assert.match(await review(page).innerText(), ZONE_SENTENCE));

  // Done reviewing: gone, and gone after a reload.
  await review(page).getByRole('button', { name: 'Done reviewing' }).click();
  assert.equal(await review(page).count(), 0);
  await page.reload();
  await ready(page);
  await eventually(async () => assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Cache outage'));
  assert.equal(await review(page).count(), 0);
  page.assertClean();
});

test("a corpus file's review comes back after a reload; deleting the postmortem drops it", async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByLabel('Import file').setInputFiles(path.join(ROOT, 'tests/fixtures/corpus/13-slack-pst-summer.md'));
  await eventually(async () => assert.ok(await review(page).isVisible()));
  const before = (await review(page).innerText()).replace(/\s+/g, ' ');
  assert.match(before, /read in America\/Los_Angeles/);
  await page.reload();
  await ready(page);
  await eventually(async () => assert.equal((await review(page).innerText()).replace(/\s+/g, ' '), before));
  // The review is kept beside the document, not inside it.
  const keys = await page.evaluate(() => Object.keys(localStorage));
  const reviews = keys.filter((k) => k.startsWith('postmortem:review:'));
  assert.equal(reviews.length, 1);
  const docs = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('postmortem:doc:'))
    .map((k) => localStorage.getItem(k)).join(''));
  assert.doesNotMatch(docs, /America\/Los_Angeles \(“PST”\)/);
  // Deleting keeps the review with its postmortem under Recently deleted
  // (it goes with it after 30 days, see deleted.test.mjs).
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.waitForTimeout(500);
  assert.equal((await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('postmortem:review:')))).length, 1);
  page.assertClean();
});
