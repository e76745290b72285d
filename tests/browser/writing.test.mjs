// Writing a postmortem under pressure (issue 16): nothing typed is lost, times
// are typed as people write them, a timeline can be pasted, problems wait
// until a field is left, every edit can be undone, dialogs hold the focus, and
// a phone reaches Problems in one tap.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { eventually, serve, launch, openPage, ready, ROOT, tabTo as tabToIn, openBlank, storedDocument } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const require = createRequire(import.meta.url);
const problems = (page) => page.getByRole('region', { name: 'Problems' });
const problemTexts = async (page) =>
  (await problems(page).locator('.problem-list > li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());

/** A fresh page (its own storage) with a blank postmortem, the browser in `zone`. */
const blank = (zone = 'Africa/Lagos', options = {}) => openBlank(browser, server.url, zone, options);
const stored = storedDocument;

/** Pastes `text` into the element as a browser does (a paste event with clipboard data). */
async function paste(locator, text) {
  await locator.focus();
  await locator.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

async function download(page, button) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).first().click()]);
  return { name: dl.suggestedFilename(), text: fs.readFileSync(await dl.path(), 'utf8') };
}

test('a blank document shows no problem, and a new empty row none either', async () => {
  const page = await blank();
  await eventually(async () => assert.match(await problems(page).innerText(), /No problems found/));
  await page.getByRole('button', { name: 'Add action item' }).click();
  await page.getByRole('button', { name: 'Add timeline event' }).click();
  await page.waitForTimeout(500);
  assert.deepEqual(await problemTexts(page), []);
  assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
  page.assertClean();
});

test('a time that does not read is kept as typed: after leaving, after reload, in Problems and in the export', async () => {
  const page = await blank();
  await page.getByLabel('Title', { exact: true }).fill('Typo in a time');
  await page.getByRole('button', { name: 'Add timeline event' }).click();
  const time = page.getByLabel('Event 1 time', { exact: true });
  await time.fill('25:99');
  // While the field is being typed in, its problem waits.
  await page.waitForTimeout(500);
  assert.deepEqual(await problemTexts(page), []);
  await time.press('Tab');
  await eventually(async () => assert.match((await problemTexts(page)).join('\n'), /Event 1.*“25:99” is not a time/));
  assert.equal(await time.getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#f-timeline-0-at-problems').innerText(), /“25:99” is not a time/);
  assert.equal((await stored(page)).timeline[0].at, '25:99');

  await page.reload();
  await ready(page);
  assert.equal(await page.getByLabel('Event 1 time', { exact: true }).inputValue(), '25:99');
  await eventually(async () => assert.match((await problemTexts(page)).join('\n'), /“25:99” is not a time/));

  // The export asks first, naming the time, and writes it as typed.
  await page.getByRole('button', { name: 'Export JSON', exact: true }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Export with errors?' });
  await eventually(async () => assert.match(await dialog.innerText(), /“25:99” is not a time/));
  const [dl] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export anyway' }).click()]);
  assert.equal(JSON.parse(fs.readFileSync(await dl.path(), 'utf8')).timeline[0].at, '25:99');
  page.assertClean();
});

test('a time without a date takes the date of the start, in the zone beside it, and says so', async () => {
  const page = await blank();
  await page.getByLabel('Impact started', { exact: true }).fill('2025-03-12 03:15');
  await page.getByRole('button', { name: 'Add timeline event' }).click();
  const time = page.getByLabel('Event 1 time', { exact: true });
  await time.fill('03:20');
  await eventually(async () => assert.match(await page.locator('#f-timeline-0-at-local').innerText(), /Read as 2025-03-12 03:20 WAT/));
  await page.getByLabel('Event 1 description').fill('Engineers start investigating.');
  // Enter adds the next row; 00:10 after 23:50 is the next day.
  await page.getByLabel('Event 1 description').press('Enter');
  await page.getByLabel('Event 2 time', { exact: true }).fill('23:50');
  await page.getByLabel('Event 2 description').press('Enter');
  await page.getByLabel('Event 3 time', { exact: true }).fill('00:10');
  await eventually(async () => assert.match(await page.locator('#f-timeline-2-at-local').innerText(), /2025-03-13 00:10 WAT: the next day/));
  // With the zone word typed, that zone wins.
  await page.getByLabel('Event 3 description').press('Enter');
  await page.getByLabel('Event 4 time', { exact: true }).fill('01:00 UTC');
  await page.getByLabel('Event 4 description').fill('x');
  const doc = await stored(page);
  assert.deepEqual(doc.timeline.map((e) => e.at), [
    '2025-03-12T03:20:00+01:00[Africa/Lagos]',
    '2025-03-12T23:50:00+01:00[Africa/Lagos]',
    '2025-03-13T00:10:00+01:00[Africa/Lagos]',
    '2025-03-13T01:00:00+00:00[UTC]',
  ]);
  // Out of focus the field keeps the short form (it reads back the same here);
  // the line under it shows the date.
  assert.equal(await time.inputValue(), '03:20');
  assert.match(await page.locator('#f-timeline-0-at-local').innerText(), /2025-03-12 03:20/);
  page.assertClean();
});

test('with no date anywhere, a bare time is kept and the field says it needs a date', async () => {
  const page = await blank();
  await page.getByRole('button', { name: 'Add timeline event' }).click();
  const time = page.getByLabel('Event 1 time', { exact: true });
  await time.fill('03:20');
  await time.press('Tab');
  await eventually(async () => assert.match(await page.locator('#f-timeline-0-at-problems').innerText(), /no date/));
  assert.equal((await stored(page)).timeline[0].at, '03:20');
  page.assertClean();
});

test('three pasted lines become three events, and one Undo takes them all back', async () => {
  const page = await blank();
  await page.getByLabel('Impact started', { exact: true }).fill('2025-03-12 03:15');
  await paste(page.getByLabel('Paste a timeline'), [
    '03:15 WAT - Monitoring alerts triggered',
    '[03:42 AM] Dana: restarted the auth service',
    'Someone noticed the queue was growing',
  ].join('\n'));
  await eventually(async () => assert.equal(await page.getByLabel('Event 3 description').inputValue(), 'Someone noticed the queue was growing'));
  assert.equal(await page.locator('.timeline-row').count(), 3);
  assert.equal(await page.getByLabel('Event 1 description').inputValue(), 'Monitoring alerts triggered');
  assert.equal(await page.getByLabel('Event 2 description').inputValue(), 'Dana: restarted the auth service');
  const doc = await stored(page);
  assert.deepEqual(doc.timeline.map((e) => e.at), ['2025-03-12T03:15:00+01:00[Africa/Lagos]', '2025-03-12T03:42:00+01:00[Africa/Lagos]', null]);

  // Pasting into a row's time adds the lines there.
  await paste(page.getByLabel('Event 3 time', { exact: true }), '11:00 Rolled back\n11:30 Resolved');
  await eventually(async () => assert.equal(await page.getByLabel('Event 5 description').inputValue(), 'Resolved'));

  await page.locator('.toolbar').getByRole('button', { name: 'Undo', exact: true }).click();
  await eventually(async () => assert.equal(await page.getByLabel('Event 4 description').count(), 0));
  assert.equal(await page.getByLabel('Event 3 description').inputValue(), 'Someone noticed the queue was growing');
  // One more Undo takes back the whole first paste: the timeline is empty again.
  await page.locator('.toolbar').getByRole('button', { name: 'Undo', exact: true }).click();
  await eventually(async () => assert.equal(await page.locator('.timeline-row').count(), 0));
  assert.ok(await page.getByLabel('Paste a timeline').isVisible());
  page.assertClean();
});

test('Ctrl+Z brings back a deleted event; the focus never lands on another Delete button', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByLabel('Import file').setInputFiles(path.join(ROOT, 'tests/fixtures/full.json'));
  await eventually(async () => assert.match(await page.getByLabel('Title', { exact: true }).inputValue(), /Checkout/));
  const second = await page.getByLabel('Event 2 description').inputValue();
  const count = await page.locator('.timeline-row').count();
  await page.getByRole('button', { name: 'Delete event 2', exact: true }).click();
  await eventually(async () => assert.equal(await page.locator('.timeline-row').count(), count - 1));
  const focused = await page.evaluate(() => document.activeElement.getAttribute('aria-label') ?? document.activeElement.innerText);
  assert.doesNotMatch(focused, /Delete/);
  assert.match(await page.locator('.toast').innerText(), /Deleted event 2/);
  await page.keyboard.press('Control+z');
  await eventually(async () => assert.equal(await page.getByLabel('Event 2 description').inputValue(), second));
  assert.equal(await page.locator('.timeline-row').count(), count);
  // Redo deletes it again; the message's own Undo restores it.
  await page.keyboard.press('Control+Shift+z');
  await eventually(async () => assert.equal(await page.locator('.timeline-row').count(), count - 1));
  await page.keyboard.press('Control+z');
  await eventually(async () => assert.equal(await page.locator('.timeline-row').count(), count));
  const first = await page.getByLabel('Event 1 description').inputValue();
  await page.getByRole('button', { name: 'Delete event 1', exact: true }).click();
  await page.locator('.toast').getByRole('button', { name: 'Undo' }).click();
  await eventually(async () => assert.equal(await page.getByLabel('Event 1 description').inputValue(), first));
  assert.equal(await page.locator('.timeline-row').count(), count);
  // After another edit, the message's Undo no longer takes back that edit instead.
  await page.getByRole('button', { name: 'Delete event 1', exact: true }).click();
  const undoInToast = page.locator('.toast').getByRole('button', { name: 'Undo' });
  await undoInToast.waitFor();
  await page.getByLabel('Event 1 description').fill('Edited after the deletion');
  await page.waitForTimeout(900); // the typing step ends
  await undoInToast.click();
  await eventually(async () => assert.match(await page.locator('.toast').innerText(), /Other changes came after it/));
  assert.equal(await page.getByLabel('Event 1 description').inputValue(), 'Edited after the deletion');
  page.assertClean();
});

test('after a reload, Undo goes back to the stored document, never to a blank one', async () => {
  const page = await blank();
  await page.getByLabel('Title', { exact: true }).fill('Stored title');
  await stored(page);
  await page.reload();
  await ready(page);
  await page.getByLabel('Title', { exact: true }).fill('Stored title, then more');
  await page.getByLabel('Title', { exact: true }).press('Tab');
  await page.waitForTimeout(900);
  await page.locator('.toolbar').getByRole('button', { name: 'Undo', exact: true }).click();
  await eventually(async () => assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Stored title'));
  assert.equal(await page.getByLabel('Document time zone', { exact: true }).inputValue(), 'Africa/Lagos');
  // A fresh page's own zone is where it starts, not a step to undo.
  const fresh = await blank('Asia/Tokyo');
  await fresh.getByLabel('Title', { exact: true }).fill('x');
  await fresh.getByLabel('Title', { exact: true }).press('Tab');
  await fresh.waitForTimeout(900);
  await fresh.locator('.toolbar').getByRole('button', { name: 'Undo', exact: true }).click();
  await eventually(async () => assert.equal(await fresh.getByLabel('Title', { exact: true }).inputValue(), ''));
  assert.equal(await fresh.getByLabel('Document time zone', { exact: true }).inputValue(), 'Asia/Tokyo');
  page.assertClean();
  fresh.assertClean();
});

test('the export dialog is modal: focus inside, Tab kept inside, Escape closes, focus returns', async () => {
  const page = await blank();
  await page.getByRole('button', { name: 'Add timeline event' }).click();
  await page.getByLabel('Event 1 time', { exact: true }).fill('yesterday-ish');
  await page.getByLabel('Event 1 description').fill('x');
  const exportButton = page.getByRole('button', { name: 'Export Markdown', exact: true }).first();
  await exportButton.click();
  const dialog = page.getByRole('dialog', { name: 'Export with errors?' });
  await dialog.waitFor();
  const inside = () => page.evaluate(() => !!document.activeElement.closest('dialog[open]'));
  await eventually(async () => assert.ok(await inside(), 'the focus is in the dialog'));
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab');
    await page.keyboard.press('Tab');
    assert.ok(await inside(), `Tab ${i} left the dialog`);
  }
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await dialog.count(), 0));
  assert.equal(await page.evaluate(() => document.activeElement.innerText), 'Export Markdown');
  page.assertClean();
});

test('re-reading the times in Europe/London keeps 03:15 and moves it to London', async () => {
  const page = await blank();
  await page.getByLabel('Impact started', { exact: true }).fill('2025-03-12 03:15');
  await page.getByRole('button', { name: 'Add timeline event' }).click();
  await page.getByLabel('Event 1 time', { exact: true }).fill('2025-03-12 04:00');
  await page.getByLabel('Event 1 description').fill('Rolled back.');
  await page.getByRole('button', { name: 'Re-read times in another zone…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Re-read times in another zone' });
  await dialog.getByLabel('Zone the times were really in').fill('london');
  await eventually(async () => assert.match(await dialog.innerText(), /Impact started: 2025-03-12 03:15 WAT → 2025-03-12 03:15 GMT/));
  await dialog.getByRole('button', { name: 'Re-read times' }).click();
  await eventually(async () => assert.equal(await dialog.count(), 0));
  let doc = await stored(page);
  assert.equal(doc.times.started, '2025-03-12T03:15:00+00:00[Europe/London]');
  assert.equal(doc.timeline[0].at, '2025-03-12T04:00:00+00:00[Europe/London]');
  assert.equal(doc.time_zone, 'Europe/London');
  await page.locator('.toolbar').getByRole('button', { name: 'Undo', exact: true }).click();
  await eventually(async () => assert.equal((await stored(page)).times.started, '2025-03-12T03:15:00+01:00[Africa/Lagos]'));
  page.assertClean();
});

test('the document zone takes any capitalisation, a city or an abbreviation, and waits while typed', async () => {
  const page = await blank('UTC');
  const zone = page.getByLabel('Document time zone', { exact: true });
  // A prefix left as it is gets suggestions, not a bare refusal.
  await zone.fill('Africa/L');
  await zone.press('Tab');
  await eventually(async () => assert.match(await page.locator('#f-time_zone-hint').innerText(), /Did you mean .*Africa\/Lagos/));
  await zone.fill('lagos');
  await zone.press('Tab');
  await eventually(async () => assert.equal(await zone.inputValue(), 'Africa/Lagos'));
  await zone.fill('Mars/Olympus');
  await zone.press('Tab');
  await eventually(async () => assert.equal(await zone.getAttribute('aria-invalid'), 'true'));
  page.assertClean();
});

test('Enter in the last row of factors, lessons and actions adds the next row', async () => {
  const page = await blank();
  await page.getByRole('button', { name: 'Add contributing factor' }).click();
  await page.keyboard.type('No memory alarm');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'f-root_cause-contributing_factors-1'));
  await page.getByRole('button', { name: 'Add action item' }).click();
  await page.keyboard.type('Alert on memory growth');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'f-actions-1-title'));
  page.assertClean();
});

test('at 390×844 Problems is one tap away from the first screen, with its count', async () => {
  const page = await blank('Africa/Lagos', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const tab = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /Problems/ });
  const box = await tab.boundingBox();
  assert.ok(box && box.y + box.height <= 844 && box.y >= 0, `Problems tab at ${JSON.stringify(box)}`);
  await tab.tap();
  const region = problems(page);
  await region.waitFor({ state: 'visible' });
  const r = await region.boundingBox();
  assert.ok(r.y < 844, `Problems start at ${r.y}`);
  // A problem opens the form at its field.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Form' }).tap();
  await page.getByRole('button', { name: 'Add timeline event' }).tap();
  await page.getByLabel('Event 1 time', { exact: true }).fill('25:99');
  await page.getByLabel('Event 1 description').fill('x');
  await tab.tap();
  await problems(page).getByRole('button', { name: /25:99/ }).tap();
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'f-timeline-0-at'));
  assert.ok(await page.getByLabel('Event 1 time', { exact: true }).isVisible());
  // The toolbar is folded behind a menu.
  assert.equal(await page.getByRole('button', { name: 'Export JSON', exact: true }).first().isVisible(), false);
  await page.getByRole('button', { name: 'Menu' }).tap();
  assert.equal(await page.getByRole('button', { name: 'Export JSON', exact: true }).first().isVisible(), true);
  page.assertClean();
});

for (const scheme of ['light', 'dark']) {
  for (const [name, viewport] of [['desktop', { width: 1280, height: 800 }], ['phone', { width: 390, height: 844 }]]) {
    test(`axe-core finds no violation, with a dialog open too (${scheme}, ${name})`, async () => {
      const page = await openPage(browser, { colorScheme: scheme, viewport });
      await page.goto(server.url + '/');
      await ready(page);
      await page.getByLabel('Import file').setInputFiles(path.join(ROOT, 'tests/fixtures/full.json'));
      await eventually(async () => assert.match(await page.getByLabel('Title', { exact: true }).inputValue(), /Checkout/));
      await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
      const run = async () => (await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] })))
        .violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) e.g. ${v.nodes[0]?.target}`);
      assert.deepEqual(await run(), []);
      await page.getByRole('button', { name: 'Re-read times in another zone…' }).click();
      await page.getByRole('dialog').getByLabel('Zone the times were really in').fill('Europe/London');
      await page.waitForTimeout(200);
      assert.deepEqual(await run(), []);
      page.assertClean();
    });
  }
}

test('keyboard only: a postmortem shaped like an API outage report, its times typed without dates', async () => {
  const page = await blank('UTC');
  const kb = page.keyboard;
  const tabTo = (name) => tabToIn(page, name);
  await page.getByLabel('Title', { exact: true }).focus();
  await kb.type('API outage from a memory leak in authentication');
  await tabTo('Severity');
  await kb.press('ArrowDown');
  await tabTo('Document time zone');
  await kb.press('Control+A');
  await kb.type('lagos');
  await tabTo('Summary');
  await kb.type('A memory leak in the authentication service made 80% of requests fail with 503 for two and a half hours.');
  await tabTo('Impact started');
  await kb.type('2025-03-12 03:15');
  await tabTo('Resolved');
  await kb.type('05:45');
  await tabTo('Add timeline event');
  await kb.press('Enter');
  const events = [
    ['03:15', 'Monitoring alerts fire on response time and error rate.'],
    ['03:20 WAT', 'Engineers start investigating, suspecting the database.'],
    ['03:40', 'Database scaled up; no improvement.'],
    ['4:15am', 'Logs show the authentication service using all its memory.'],
    ['04:30', 'Authentication service restarted; brief relief.'],
    ['05:00', 'Rolled back to the previous release.'],
    ['05:45', 'Incident declared resolved.'],
  ];
  for (const [i, [time, text]] of events.entries()) {
    await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), `f-timeline-${i}-at`));
    await kb.type(time);
    await tabTo(`Event ${i + 1} description`);
    await kb.type(text);
    if (i + 1 < events.length) await kb.press('Enter');
  }
  await tabTo('Root cause');
  await kb.type('Session caching in the new release kept every token forever.');
  await tabTo('Add action item');
  await kb.press('Enter');
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'f-actions-0-title'));
  await kb.type('Alert on memory growth of backend services');
  await kb.press('Enter');
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'f-actions-1-title'));
  await kb.type('Load-test releases before rollout');
  await tabTo('Action 2 owner');
  await kb.type('Platform');
  const doc = await stored(page);
  assert.equal(doc.time_zone, 'Africa/Lagos');
  assert.equal(doc.times.resolved, '2025-03-12T05:45:00+01:00[Africa/Lagos]');
  assert.deepEqual(doc.timeline.map((e) => e.at), [
    '2025-03-12T03:15:00+01:00[Africa/Lagos]', '2025-03-12T03:20:00+01:00[Africa/Lagos]',
    '2025-03-12T03:40:00+01:00[Africa/Lagos]', '2025-03-12T04:15:00+01:00[Africa/Lagos]',
    '2025-03-12T04:30:00+01:00[Africa/Lagos]', '2025-03-12T05:00:00+01:00[Africa/Lagos]',
    '2025-03-12T05:45:00+01:00[Africa/Lagos]',
  ]);
  assert.deepEqual(doc.actions.map((a) => a.title), ['Alert on memory growth of backend services', 'Load-test releases before rollout']);
  assert.equal(doc.actions[1].owner, 'Platform');
  // Exported by keyboard, named by the incident's date.
  await tabTo('Export JSON');
  const [dl] = await Promise.all([page.waitForEvent('download'), kb.press('Enter')]);
  assert.equal(dl.suggestedFilename(), '2025-03-12-api-outage-from-a-memory-leak-in-authentication.json');
  page.assertClean();
});

test('the list shows incident date, severity and status, newest incident first, and searches', async () => {
  const page = await blank();
  for (const f of ['full.json', 'hostile.json']) {
    await page.getByLabel('Import file').setInputFiles(path.join(ROOT, 'tests/fixtures', f));
    await page.waitForTimeout(300);
  }
  const list = page.getByRole('navigation', { name: 'Postmortems' });
  const items = async () => (await list.locator('li .doc-meta').allInnerTexts());
  await eventually(async () => assert.equal((await items()).length, 2));
  const full = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/full.json'), 'utf8'));
  const day = full.times.started.slice(0, 10);
  assert.ok((await items()).some((t) => t.startsWith(day)), (await items()).join(' | '));
  await list.getByLabel('Search postmortems').fill('checkout');
  await eventually(async () => assert.equal(await list.locator('li').count(), 1));
  assert.match(await list.locator('li').innerText(), /Checkout/);
  await list.getByLabel('Search postmortems').fill('zzzz-nothing');
  await eventually(async () => assert.match(await list.innerText(), /No postmortem matches/));
  page.assertClean();
});
