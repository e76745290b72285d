// The page before the app has arrived: index.html's Title field takes typing
// at once (public/early.js fills it from storage), and the app takes over
// what was typed, with the focus and the caret. Each test holds the wasm back
// to act in that window, then checks that nothing typed is lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { eventually, holdApp, serve, launch, openPage, ready } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const title = (page) => page.locator('#f-title');
const storedTitles = (page) => page.evaluate(() => Object.keys(localStorage)
  .filter((k) => k.startsWith('postmortem:doc:'))
  .map((k) => JSON.parse(localStorage.getItem(k)).document.title));

/** A page whose storage holds `items` (key → text) before it first loads. */
async function pageWith(items) {
  const page = await openPage(browser);
  await page.addInitScript((items) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
  }, items);
  return page;
}

const envelope = (document, revision = 3) => JSON.stringify({ envelope: 1, revision, saved_at: '', document });
const index = (...ids) => JSON.stringify({ entries: ids.map((id) => ({ id, title: id, status: 'draft', updated: '' })), last_open: ids[0] });

test('a title typed before the app arrives is kept, with the focus and the caret, and saved', async () => {
  const page = await openPage(browser);
  const release = await holdApp(page);
  await page.goto(server.url + '/');
  await page.locator('#early #f-title:not([readonly])').waitFor();
  await title(page).click();
  await page.keyboard.type('Bridge');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  release();
  await ready(page);
  assert.equal(await page.locator('#f-title').count(), 1, 'one Title field');
  assert.equal(await title(page).inputValue(), 'Bridge');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-title', 'the focus moved to the app');
  await page.keyboard.type('X');
  assert.equal(await title(page).inputValue(), 'BridXge', 'the caret stayed where it was');
  await eventually(async () => assert.deepEqual(await storedTitles(page), ['BridXge']));
  page.assertClean();
});

test('the stored title is there before the app arrives; an edit made there is saved', async () => {
  const doc = { format: 'postmortem', version: 1, title: 'Disk full on db-3' };
  const page = await pageWith({ 'postmortem:index': index('a'), 'postmortem:doc:a': envelope(doc) });
  const release = await holdApp(page);
  await page.goto(server.url + '/');
  await page.locator('#early #f-title:not([readonly])').waitFor();
  assert.equal(await title(page).inputValue(), 'Disk full on db-3');
  await title(page).press('End');
  await title(page).press('Backspace');
  await page.keyboard.type('4');
  release();
  await ready(page);
  assert.equal(await title(page).inputValue(), 'Disk full on db-4');
  await eventually(async () => assert.deepEqual(await storedTitles(page), ['Disk full on db-4']));
  assert.equal(await page.evaluate(() => JSON.parse(localStorage.getItem('postmortem:doc:a')).revision), 4, 'saved over revision 3');
  page.assertClean();
});

test('untouched, the early field changes nothing: no save is made', async () => {
  const doc = { format: 'postmortem', version: 1, title: 'Quiet start' };
  const stored = envelope(doc);
  const page = await pageWith({ 'postmortem:index': index('a'), 'postmortem:doc:a': stored });
  await page.goto(server.url + '/');
  await ready(page);
  assert.equal(await title(page).inputValue(), 'Quiet start');
  await page.waitForTimeout(1200);
  assert.equal(await page.evaluate(() => localStorage.getItem('postmortem:doc:a')), stored);
  page.assertClean();
});

for (const [what, items] of [
  ['the list is damaged', { 'postmortem:index': '{"entries": [' }],
  ['the document is damaged', { 'postmortem:index': index('a'), 'postmortem:doc:a': '{"envelope":1,"revision":2,"document":{"title":"Half' }],
  ['the document is from a newer editor', { 'postmortem:index': index('a'), 'postmortem:doc:a': JSON.stringify({ envelope: 2, revision: 1, saved_at: '', document: { title: 'Future' } }) }],
]) {
  test(`when ${what}, the early field stays read-only until the app decides`, async () => {
    const page = await pageWith(items);
    const release = await holdApp(page);
    await page.goto(server.url + '/');
    await page.locator('#early #f-title').waitFor();
    await page.waitForTimeout(300); // early.js has long run
    assert.equal(await title(page).getAttribute('readonly'), '');
    await title(page).focus();
    await page.keyboard.type('lost?');
    assert.equal(await title(page).inputValue(), '', 'nothing can be typed there');
    release();
    await ready(page);
    assert.notEqual(await title(page).inputValue(), 'lost?');
  });
}

test('a title typed for a postmortem that then fails to open is shown, not applied to another', async () => {
  // early.js can read this one, but the app refuses it (an unknown key), sets
  // it aside and opens a new postmortem instead.
  const doc = { format: 'postmortem', version: 1, title: 'Old title', colour: 'red' };
  const page = await pageWith({ 'postmortem:index': index('a'), 'postmortem:doc:a': envelope(doc) });
  const release = await holdApp(page);
  await page.goto(server.url + '/');
  await page.locator('#early #f-title:not([readonly])').waitFor();
  await title(page).fill('Typed too soon');
  release();
  await ready(page);
  assert.equal(await title(page).inputValue(), '', 'the new postmortem did not take it');
  const alert = page.getByRole('alert').filter({ hasText: 'Typed too soon' });
  await eventually(async () => assert.ok(await alert.isVisible(), 'the typed text is shown'));
  assert.match(await alert.innerText(), /not applied/);
});

test('if the app fails to load, the early field stops taking text, keeps what was typed and says so', async () => {
  const page = await openPage(browser);
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route(/_bg\.wasm$/, async (route) => { await gate; await route.abort(); });
  await page.goto(server.url + '/');
  await page.locator('#early #f-title:not([readonly])').waitFor();
  await title(page).fill('Typed, then the load failed');
  release();
  const note = page.locator('#early-status');
  await eventually(async () => assert.match(await note.innerText(), /could not load\. Reload the page/));
  assert.equal(await title(page).getAttribute('readonly'), '');
  assert.equal(await title(page).inputValue(), 'Typed, then the load failed');
});

const require = createRequire(import.meta.url);
for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no violation on the page before the app arrives (${scheme})`, async () => {
    const page = await openPage(browser, { colorScheme: scheme });
    const release = await holdApp(page);
    await page.goto(server.url + '/');
    await page.locator('#early #f-title:not([readonly])').waitFor();
    await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
    const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) e.g. ${v.nodes[0]?.target}`);
    assert.deepEqual(summary, []);
    release();
    await ready(page);
    page.assertClean();
  });
}

test('nothing moves when the app takes over: the Title field stays where it was, narrow or wide', async () => {
  for (const width of [360, 420, 640, 800, 1280]) {
    const page = await openPage(browser, { viewport: { width, height: 700 } });
    const release = await holdApp(page);
    await page.goto(server.url + '/');
    await page.locator('#early #f-title:not([readonly])').waitFor();
    const early = await title(page).boundingBox();
    release();
    await ready(page);
    const app = await title(page).boundingBox();
    assert.deepEqual(
      [Math.round(app.x), Math.round(app.y), Math.round(app.width)],
      [Math.round(early.x), Math.round(early.y), Math.round(early.width)],
      `at ${width} px the Title field moved from ${JSON.stringify(early)} to ${JSON.stringify(app)}`,
    );
    page.assertClean();
    await page.context().close();
  }
});

test('with postmortems stored, the early page lists them as the app will, so nothing moves either', async () => {
  const doc = (title) => envelope({ format: 'postmortem', version: 1, title });
  const entries = [
    { id: 'a', title: 'Checkout payments declined after the certificate rotation on the edge proxies', status: 'review', updated: '2026-11-20T09:14:00Z' },
    { id: 'b', title: '', status: 'draft', updated: '2026-11-21T17:02:33Z' },
    { id: 'c', title: 'Disk full on db-3', status: 'final', updated: '' },
  ];
  const items = { 'postmortem:index': JSON.stringify({ entries, last_open: 'a' }) };
  for (const e of entries) items[`postmortem:doc:${e.id}`] = doc(e.title);
  for (const width of [420, 800]) {
    const page = await openPage(browser, { viewport: { width, height: 700 } });
    await page.addInitScript((items) => {
      if (sessionStorage.getItem('seeded')) return;
      sessionStorage.setItem('seeded', '1');
      for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
    }, items);
    const release = await holdApp(page);
    await page.goto(server.url + '/');
    await page.locator('#early #f-title:not([readonly])').waitFor();
    const early = await title(page).boundingBox();
    const earlyList = await page.locator('#early nav.library li').allTextContents();
    release();
    await ready(page);
    assert.deepEqual(earlyList, await page.locator('nav.library li').allTextContents(), 'the same list');
    const app = await title(page).boundingBox();
    assert.equal(Math.round(app.y), Math.round(early.y), `at ${width} px the Title field moved from y ${early.y} to ${app.y}`);
    page.assertClean();
    await page.context().close();
  }
});

test('text an input method is composing when the app arrives is committed once: the app waits for it', async () => {
  const page = await openPage(browser);
  await page.addInitScript(() => addEventListener('TrunkApplicationStarted', () => { window.__started = true; }));
  const release = await holdApp(page);
  await page.goto(server.url + '/');
  await page.locator('#early #f-title:not([readonly])').waitFor();
  await title(page).click();
  await page.keyboard.type('Outage ');
  // Typing にほん with a Japanese input method, not yet committed.
  const ime = await page.context().newCDPSession(page);
  await ime.send('Input.imeSetComposition', { text: 'に', selectionStart: 1, selectionEnd: 1 });
  await ime.send('Input.imeSetComposition', { text: 'にほ', selectionStart: 2, selectionEnd: 2 });
  release();
  await page.waitForFunction(() => window.__started === true);
  assert.equal(await page.locator('#early').count(), 1, 'the early page stays while the composition lasts');
  // Committed as 日本: the app then takes over, with the text once.
  await ime.send('Input.insertText', { text: '日本' });
  await ready(page);
  assert.equal(await title(page).inputValue(), 'Outage 日本');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-title');
  await page.keyboard.type('!');
  assert.equal(await title(page).inputValue(), 'Outage 日本!');
  await eventually(async () => assert.deepEqual(await storedTitles(page), ['Outage 日本!']));
  page.assertClean();
});
