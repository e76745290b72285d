// A library stored by the release before the move to serde, pulldown-cmark,
// jiff's zones and gloo-storage (tests/fixtures/compat/library.json, key →
// stored text as localStorage held it: the index, envelopes, one bare
// pre-envelope document) opens unchanged: every postmortem is listed by its
// title, each opens with its title and timeline, and nothing is stored until
// the user writes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { eventually, serve, launch, openPage, ready, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const LIBRARY = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/compat/library.json'), 'utf8'));
const INDEX = JSON.parse(LIBRARY['postmortem:index']);
/** The document a stored text holds: an envelope's, or a bare one's. */
const documentOf = (id) => {
  const stored = JSON.parse(LIBRARY[`postmortem:doc:${id}`]);
  return stored.envelope ? stored.document : stored;
};
const title = (page) => page.getByLabel('Title', { exact: true });
const storage = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));

async function libraryPage() {
  const page = await openPage(browser);
  await page.addInitScript((items) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
  }, LIBRARY);
  await page.goto(server.url + '/');
  await ready(page);
  return page;
}

test("today's stored library lists every postmortem by title and opens the last one, storing nothing", async () => {
  const page = await libraryPage();
  const listed = await page.locator('nav.library li').allInnerTexts();
  assert.equal(listed.length, INDEX.entries.length, `one row per stored postmortem: ${listed.join(' / ')}`);
  INDEX.entries.forEach((e, i) => {
    assert.ok(listed[i].includes(e.title.trim() || 'Untitled'), `row ${i + 1} "${listed[i]}" shows "${e.title}"`);
  });
  assert.equal(await title(page).inputValue(), documentOf(INDEX.last_open).title, 'the last open postmortem opened');
  await page.waitForTimeout(1500); // past the save delay and start-up's stages
  assert.deepEqual(await storage(page), LIBRARY, 'storage is byte for byte what it was');
  page.assertClean();
});

test('stored postmortems open with their titles and timelines; only a user edit is stored', async () => {
  const page = await libraryPage();
  for (const id of ['pm-00-full', 'pm-02-multizone', 'pm-01-hostile', 'pm-07-blank']) {
    const doc = documentOf(id);
    const entry = INDEX.entries.find((e) => e.id === id);
    await page.locator('nav.library li').filter({ hasText: entry.title.trim() || 'Untitled' }).getByRole('button').first().click();
    await eventually(async () => assert.equal(await title(page).inputValue(), doc.title, `${id} opened`));
    const first = page.getByRole('textbox', { name: 'Event 1 description', exact: true });
    if (doc.timeline.length) {
      await eventually(async () => assert.equal(await first.inputValue(), doc.timeline[0].text, `${id}'s first event`));
      assert.equal(await page.locator('.timeline-rows > li').count(), doc.timeline.length, `${id}'s timeline rows`);
    } else {
      assert.equal(await page.locator('.timeline-rows > li').count(), 0, `${id} has no timeline`);
    }
  }
  await page.waitForTimeout(1500);
  // Opening remembers which postmortem is open (the index's last_open), and writes nothing else.
  const after = await storage(page);
  assert.deepEqual(Object.keys(after).sort(), Object.keys(LIBRARY).sort(), 'no key added or removed');
  for (const [k, v] of Object.entries(LIBRARY)) {
    if (k !== 'postmortem:index') assert.equal(after[k], v, `${k} unchanged`);
  }
  assert.deepEqual({ ...JSON.parse(after['postmortem:index']), last_open: INDEX.last_open }, INDEX, 'the index differs only in which is open');
  // The user writes: the open postmortem (the bare one) is stored, as an envelope.
  await title(page).fill('Written at last');
  await eventually(async () => {
    const stored = JSON.parse((await storage(page))['postmortem:doc:pm-07-blank']);
    assert.equal(stored.document.title, 'Written at last');
    assert.equal(stored.envelope, 1);
  });
  page.assertClean();
});
