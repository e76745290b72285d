// The import review in a real browser: after an import it is the first thing
// read (the focus is on it), it names the zone and date assumed and the line
// that said so, each item goes to its field, and its two fixes (another zone,
// another date) change only the times read with the assumption, as one undo
// step each.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { eventually, serve, launch, openPage, ready, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const review = (page) => page.getByRole('region', { name: 'Import review' });

/** The stored document with this title (what autosave wrote). */
async function stored(page, title) {
  return page.evaluate((t) => Object.keys(localStorage)
    .filter((k) => k.startsWith('postmortem:doc:'))
    .map((k) => JSON.parse(localStorage.getItem(k)).document)
    .find((d) => d.title === t), title);
}

async function importText(page, name, text) {
  await page.getByLabel('Import file').setInputFiles({ name, mimeType: 'text/markdown', buffer: Buffer.from(text) });
  await eventually(async () => assert.ok(await review(page).isVisible()));
}

const NO_ZONE = `# Cache outage

Date: 2024-05-02

## Timeline

- 09:10 Deploy starts
- 09:20 Errors begin, impact starts
- 09:45 UTC Rollback done
- 10:05 Back to normal, impact ends
`;

test('an import opens its review, focused, naming the declared zone and its line', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByLabel('Import file').setInputFiles(path.join(ROOT, 'tests/fixtures/corpus/13-slack-pst-summer.md'));
  await eventually(async () => assert.ok(await review(page).isVisible()));
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Import review'));
  const text = (await review(page).innerText()).replace(/\s+/g, ' ');
  assert.match(text, /read in America\/Los_Angeles \(“PST”\), as line \d+ says: “[^”]*All times in PST/);
  assert.match(text, /timeline events/);
  // Done reviewing takes it away.
  await review(page).getByRole('button', { name: 'Done reviewing' }).click();
  assert.equal(await review(page).count(), 0);
  page.assertClean();
});

test('with no zone written, the review says so, lists each time, and re-reads them in the zone chosen', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await importText(page, 'cache.md', NO_ZONE.replace('09:45 UTC', '09:45'));
  const r = review(page);
  assert.match(await r.innerText(), /No time zone is written anywhere, so times were read as UTC/);
  // The group opens to each time; its item goes to the field.
  await r.getByText(/4 times were read in UTC/).click();
  await r.getByRole('button', { name: /Line 7: Timeline “09:10 Deploy starts”/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), await page.getByRole('textbox', { name: 'Event 1 time' }).getAttribute('id'));
  // Re-read in New York: the clock readings stay, the instants move.
  await r.getByLabel('Zone those times were in').fill('new york');
  await r.getByRole('button', { name: 'Re-read in this zone' }).click();
  await eventually(async () => assert.equal((await stored(page, 'Cache outage'))?.time_zone, 'America/New_York'));
  const doc = await stored(page, 'Cache outage');
  assert.equal(doc.timeline[0].at, '2024-05-02T09:10:00-04:00[America/New_York]');
  assert.equal(doc.times.started, '2024-05-02T09:20:00-04:00[America/New_York]');
  assert.match(await r.innerText(), /now read in America\/New_York, as you chose/);
  // One undo step brings the UTC reading back.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await eventually(async () => assert.equal((await stored(page, 'Cache outage'))?.timeline[0].at, '2024-05-02T09:10:00+00:00[UTC]'));
  page.assertClean();
});

test('a time that carried its zone stays when the assumed zone changes; the assumed date moves', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await importText(page, 'cache.md', NO_ZONE);
  const r = review(page);
  // The zone was taken from the one time written in UTC, and its line is named.
  assert.match(await r.innerText(), /the zone the document writes beside its times \(first on line 9: “09:45 UTC Rollback done”\)/);
  await r.getByLabel('Zone those times were in').fill('Europe/Paris');
  await r.getByRole('button', { name: 'Re-read in this zone' }).click();
  await eventually(async () => assert.equal((await stored(page, 'Cache outage'))?.time_zone, 'Europe/Paris'));
  let doc = await stored(page, 'Cache outage');
  assert.equal(doc.timeline[0].at, '2024-05-02T09:10:00+02:00[Europe/Paris]');
  assert.equal(doc.timeline[2].at, '2024-05-02T09:45:00+00:00[UTC]');
  // The date: from "Date: 2024-05-02" to the day after.
  assert.match(await r.innerText(), /dated 2024-05-02, from line 3: “Date: 2024-05-02”/);
  await r.getByLabel('Date of those times').fill('2024-05-03');
  await r.getByRole('button', { name: 'Move to this date' }).click();
  await eventually(async () => assert.equal((await stored(page, 'Cache outage'))?.timeline[0].at, '2024-05-03T09:10:00+02:00[Europe/Paris]'));
  doc = await stored(page, 'Cache outage');
  assert.equal(doc.timeline[2].at, '2024-05-03T09:45:00+00:00[UTC]');
  assert.equal(doc.times.resolved, '2024-05-03T10:05:00+02:00[Europe/Paris]');
  // The "Date:" line it was read from is used, not left over in Notes.
  assert.equal(doc.notes, '');
  page.assertClean();
});

test("this editor's own file is reviewed as read exactly", async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByLabel('Import file').setInputFiles(path.join(ROOT, 'tests/fixtures/full.json'));
  await eventually(async () => assert.ok(await review(page).isVisible()));
  assert.match(await review(page).innerText(), /This editor's own file: read exactly, nothing assumed/);
  page.assertClean();
});
