// The editor as a newcomer meets it: write a postmortem, see problems come and
// go, switch the display zone, reload, export; import foreign files; do it all
// with the keyboard; and pass axe-core in light and dark schemes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
import { eventually, serve, launch, openPage, ready, ROOT, tabTo as tabToIn } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });


/** The native core's export of a JSON document (independent of the page's wasm). */
function nativeExport(kind, jsonText) {
  return execFileSync('cargo', ['run', '--quiet', '-p', 'postmortem-core', '--example', 'convert', kind],
    { cwd: ROOT, input: jsonText, encoding: 'utf8' });
}

const problems = (page) => page.getByRole('region', { name: 'Problems' });
async function problemTexts(page) {
  return (await problems(page).locator('.problem-list li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** A new page with tests/fixtures/full.json imported and open. */
async function openFull() {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByLabel('Import file').setInputFiles(path.join(ROOT, 'tests/fixtures/full.json'));
  await eventually(async () => assert.match(await page.getByLabel('Title', { exact: true }).inputValue(), /Checkout/));
  return page;
}

async function download(page, button) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button, exact: true }).first().click()]);
  return { name: dl.suggestedFilename(), text: fs.readFileSync(await dl.path(), 'utf8') };
}

test('newcomer flow: write, see problems, change display zone, reload, export', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByRole('button', { name: 'New postmortem' }).click();
  await page.getByRole('button', { name: 'Blank' }).click();

  await page.getByLabel('Title', { exact: true }).fill('Login outage after cache eviction');
  const zone = page.getByLabel('Document time zone');
  await zone.fill('America/Los_Angeles');
  await zone.press('Tab');

  // Key times, typed in the document zone. 02:30 on 2026-03-08 does not exist there.
  await page.getByLabel('Impact started', { exact: true }).fill('2026-03-08T01:50');
  await page.getByLabel('Detected', { exact: true }).fill('2026-03-08T02:30');
  const detected = page.getByLabel('Detected', { exact: true });
  await eventually(async () => assert.equal(await detected.getAttribute('aria-invalid'), 'true'));
  // A time the clocks skipped is told at once (it needs a choice), even while typed.
  await eventually(async () => assert.match(await page.locator('#f-times-detected-problems').textContent(), /does not exist.*01:59 PST.*03:00 PDT/));
  await detected.fill('2026-03-08T03:05');
  await eventually(async () => assert.equal(await detected.getAttribute('aria-invalid'), 'false'));
  await page.getByLabel('Resolved', { exact: true }).fill('2026-03-08T04:10');

  // Three timeline events, the second typed in UTC.
  for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Add timeline event' }).click();
  await page.getByLabel('Event 1 time', { exact: true }).fill('2026-03-08T01:50');
  await page.getByLabel('Event 1 description').fill('Cache eviction job starts on all nodes.');
  await page.getByLabel('Event 2 time zone').fill('UTC');
  await page.getByLabel('Event 2 time zone').press('Tab');
  await page.getByLabel('Event 2 time', { exact: true }).fill('2026-03-08T11:05');
  await page.getByLabel('Event 2 description').fill('Login error alert pages the on-call.');
  await page.getByLabel('Event 2 kind').selectOption('detection');
  await page.getByLabel('Event 3 time', { exact: true }).fill('2026-03-08T04:10');
  await page.getByLabel('Event 3 description').fill('Logins back to normal.');
  await page.getByLabel('Event 3 kind').selectOption('resolution');

  // Two actions, the second missing its owner, due date and kind.
  await page.getByRole('button', { name: 'Add action item' }).click();
  await page.getByRole('button', { name: 'Add action item' }).click();
  await page.getByLabel('Action 1', { exact: true }).fill('Rate-limit the eviction job');
  await page.getByLabel('Action 1 owner').fill('Cache team');
  await page.getByLabel('Action 1 due date').fill('2026-03-20');
  await page.getByLabel('Action 1 kind').selectOption('prevent');
  await page.getByLabel('Action 2', { exact: true }).fill('Alert on login error rate per region');

  // A draft is told only about wrong data; in review, about what review needs too.
  await page.getByLabel('Action 2', { exact: true }).press('Tab');
  await page.waitForTimeout(400);
  assert.deepEqual(await problemTexts(page), []);
  await page.getByLabel('Status', { exact: true }).selectOption('review');
  const actionTwo = async () => (await problemTexts(page)).filter((t) => /Action 2/.test(t));
  await eventually(async () => assert.deepEqual(await actionTwo(), [
    'Warning Action 2 (“Alert on login error rate per region”) has no owner. Name the person or team who will do it.',
    'Warning Action 2 (“Alert on login error rate per region”) has no due date. Say by when it will be done.',
    'Warning Action 2 (“Alert on login error rate per region”) has no kind. Say whether it prevents, mitigates or detects.',
  ]));
  // Clicking a problem focuses its field, which says what is wrong.
  await problems(page).getByRole('button', { name: /has no owner/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-actions-1-owner');
  assert.equal(await page.getByLabel('Action 2 owner').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#f-actions-1-owner-problems').innerText(), /has no owner/);

  await page.getByLabel('Action 2 owner').fill('SRE');
  await page.getByLabel('Action 2 due date').fill('2026-03-27');
  await page.getByLabel('Action 2 kind').selectOption('detect');
  await page.getByLabel('Action 2 kind').press('Tab');
  await eventually(async () => assert.deepEqual(await actionTwo(), []));
  await page.getByLabel('Status', { exact: true }).selectOption('draft');
  await eventually(async () => {
    assert.deepEqual(await problemTexts(page), []);
    assert.match(await problems(page).innerText(), /No problems found/);
  });
  // The field that had a problem says so no more (each field wakes only when its own problems change).
  assert.equal(await page.getByLabel('Action 2 owner').getAttribute('aria-invalid'), 'false');
  assert.equal(await page.locator('#f-actions-1-owner-problems').innerText(), '');

  // Display zone: UTC shows converted times; the typed values do not change.
  assert.match(await page.locator('#f-timeline-0-at-local').textContent(), /2026-03-08 01:50 PST/);
  await page.getByLabel('Show times in').selectOption('UTC');
  await eventually(async () => assert.match(await page.locator('#f-timeline-0-at-local').textContent(), /2026-03-08 09:50 UTC/));
  assert.match(await page.locator('#f-times-detected-local').textContent(), /2026-03-08 10:05 UTC/);
  // Each time shows its time of day alone, as it reads back after the row above.
  assert.equal(await page.getByLabel('Event 1 time', { exact: true }).inputValue(), '01:50');

  // Metrics from the key times.
  const metrics = await page.getByRole('region', { name: 'Metrics' }).textContent();
  assert.match(metrics, /Duration\s*1 h 20 min/);
  assert.match(metrics, /Time to detect\s*15 min/);

  // Reload: everything is back.
  await eventually(async () => assert.equal(await page.locator('.save-state').innerText(), 'Saved'));
  await page.reload();
  await ready(page);
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Login outage after cache eviction');
  assert.equal(await page.getByLabel('Event 2 time zone').inputValue(), 'UTC');
  assert.equal(await page.getByLabel('Event 2 time', { exact: true }).inputValue(), '11:05');
  assert.equal(await page.getByLabel('Action 2 owner').inputValue(), 'SRE');

  // Export: the bytes equal the native core's export of the same document.
  const json = await download(page, 'Export JSON');
  assert.equal(json.name, '2026-03-08-login-outage-after-cache-eviction.json');
  assert.equal(json.text, nativeExport('json', json.text));
  const doc = JSON.parse(json.text);
  assert.equal(doc.timeline[1].at, '2026-03-08T11:05:00+00:00[UTC]');
  assert.equal(doc.times.detected, '2026-03-08T03:05:00-07:00[America/Los_Angeles]');
  const md = await download(page, 'Export Markdown');
  assert.equal(md.name, '2026-03-08-login-outage-after-cache-eviction.md');
  assert.equal(md.text, nativeExport('md', json.text));
  page.assertClean();
});

test('keyboard only: the newcomer flow without the mouse', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  const kb = page.keyboard;
  const tabTo = (name) => tabToIn(page, name);
  await tabTo('New postmortem');
  await kb.press('Enter');
  // The menu opens with its first choice, Blank, focused.
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.innerText), 'Blank'));
  await kb.press('Enter');
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'f-title'));
  await kb.type('Queue stall during deploy');
  await tabTo('Document time zone');
  await kb.press('Control+A');
  await kb.type('Europe/Berlin');
  await tabTo('Impact started');
  await kb.type('2026-06-01T10:00');
  await tabTo('Resolved');
  await kb.type('2026-06-01T10:45');
  await tabTo('Add timeline event');
  await kb.press('Enter');
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'f-timeline-0-at'));
  await kb.type('2026-06-01T10:05');
  await tabTo('Event 1 description');
  await kb.type('Deploy of queue workers starts.');
  await kb.press('Enter'); // Enter in the last row's text adds a row, focused
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'f-timeline-1-at'));
  await kb.type('2026-06-01T10:40');
  await tabTo('Event 2 description');
  await kb.type('Workers rolled back; queue drains.');
  await tabTo('Add action item');
  await kb.press('Enter');
  await kb.type('Canary queue workers before full deploy');
  await tabTo('Action 1 owner');
  await kb.type('Platform');
  await eventually(async () => assert.equal(await page.locator('.save-state').innerText(), 'Saved'));
  await tabTo('Export JSON');
  const [dl] = await Promise.all([page.waitForEvent('download'), kb.press('Enter')]);
  const doc = JSON.parse(fs.readFileSync(await dl.path(), 'utf8'));
  assert.equal(doc.title, 'Queue stall during deploy');
  assert.equal(doc.time_zone, 'Europe/Berlin');
  assert.deepEqual(doc.timeline.map((e) => e.at), ['2026-06-01T10:05:00+02:00[Europe/Berlin]', '2026-06-01T10:40:00+02:00[Europe/Berlin]']);
  assert.equal(doc.actions[0].owner, 'Platform');
  page.assertClean();
});

const FOREIGN = {
  'statuspage.txt': { title: 'Webhook Incident: delivery stalled', section: 'Status updates', text: /full disk on one queue broker/ },
  'statuspage-bullets.txt': { title: 'Orbitly - Sync delays – Incident details', section: 'Root cause', text: /reconnect storm had no jitter/ },
  'plain-sections.txt': { title: '', section: 'Timeline', text: null, field: ['Event 5 description', 'Slow query log showed a sequential scan on sales_daily.'] },
  'obsidian.md': { title: 'Search Outage Retro — 2024-09-18', section: 'Action items', field: ['Action 2', 'Page search on-call on a zero-results spike'] },
  'twelve-hour.md': { title: 'A checkout outage in the storefront', section: 'Timeline', field: ['Event 2 description', 'Feature flag changed in the admin console.'] },
};

test('importing each seed-shaped fixture opens it as a new document with its sections filled', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  for (const [file, want] of Object.entries(FOREIGN)) {
    await page.getByLabel('Import file').setInputFiles(path.join(ROOT, 'tests/fixtures/foreign', file));
    await eventually(async () => assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), want.title, file));
    if (want.field) {
      assert.equal(await page.getByLabel(want.field[0], { exact: true }).inputValue(), want.field[1], file);
    }
    if (want.text) {
      const values = await page.locator(`#s-${want.section === 'Status updates' ? 'updates' : 'root_cause'} textarea`).evaluateAll((els) => els.map((e) => e.value).join('\n'));
      assert.match(values, want.text, file);
    }
  }
  // Each import is a new document; nothing was overwritten.
  const listed = await page.getByRole('navigation', { name: 'Postmortems' }).getByRole('listitem').count();
  assert.ok(listed >= Object.keys(FOREIGN).length, `library has ${listed}`);
  // The twelve-hour fixture's narrative entry timed before the start (sorted
  // first) shows as a problem at once.
  assert.ok((await problemTexts(page)).some((t) => /Event 1 is timed before the impact started/.test(t)));
  page.assertClean();
});

test('a bad import file is refused with a sentence and changes nothing', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByLabel('Title', { exact: true }).fill('Keep me');
  const bad = path.join(ROOT, 'tests/fixtures/hostile.json');
  const text = fs.readFileSync(bad, 'utf8').replace('"format": "postmortem"', '"format": "postmortem", "ownr": 1');
  await page.getByLabel('Import file').setInputFiles({ name: 'typo.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  await eventually(async () => assert.match(await alert.innerText(), /typo\.json.*Line 2, column 32 \(ownr\).*unknown key `ownr`/s));
  assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Keep me');
  page.assertClean();
});

const require = createRequire(import.meta.url);
for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no violation with a filled document (${scheme})`, async () => {
    const page = await openPage(browser, { colorScheme: scheme });
    await page.goto(server.url + '/');
    await ready(page);
    await page.getByLabel('Import file').setInputFiles(path.join(ROOT, 'tests/fixtures/full.json'));
    await eventually(async () => assert.match(await page.getByLabel('Title', { exact: true }).inputValue(), /Checkout/));
    await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
    const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) e.g. ${v.nodes[0]?.target}`);
    assert.deepEqual(summary, []);
    page.assertClean();
  });
}

test('deleting rows and opening a shorter document keeps the page alive and the rows right', async () => {
  const page = await openFull();
  await page.getByRole('button', { name: 'Delete event 2', exact: true }).click();
  await eventually(async () => assert.match(await page.getByLabel('Event 2 description').inputValue(), /^Alert \*CheckoutDeclineRate/));
  assert.equal(await page.getByLabel('Event 6 description').count(), 0);
  await page.getByRole('button', { name: 'Remove went wrong 1' }).click();
  assert.match(await page.getByLabel('Went wrong 1', { exact: true }).inputValue(), /^# of retries/);
  // A blank document has no rows at all: every row of the old one must go quietly.
  await page.getByRole('button', { name: 'New postmortem' }).click();
  await page.getByRole('button', { name: 'Blank' }).click();
  await eventually(async () => assert.equal(await page.getByLabel('Event 1 description').count(), 0));
  // And back: the library reopens the imported document with its edits.
  await page.getByRole('navigation', { name: 'Postmortems' }).getByRole('button', { name: /Checkout payments/ }).click();
  await eventually(async () => assert.equal(await page.getByLabel('Event 5 description').inputValue(), 'Decline rate back under 0.5% for 8 minutes; incident resolved.'));
  page.assertClean();
});

test('a time still being typed in a row stays while the rest of the row is edited', async () => {
  const page = await openFull();
  const time = page.getByLabel('Event 2 time', { exact: true });
  const stored = await time.inputValue();
  // Not a time yet: stored as typed, and the field keeps the text.
  await time.fill('2025-03-1');
  const text = page.getByLabel('Event 2 description');
  const before = await text.inputValue();
  await text.click();
  // The end of the text, not of the line clicked on (the text wraps).
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Paged the owner.');
  await page.getByLabel('Event 2 kind').selectOption({ index: 1 });
  await page.getByLabel('Event 2 approximate').check();
  assert.equal(await text.inputValue(), `${before} Paged the owner.`);
  assert.equal(await time.inputValue(), '2025-03-1', 'the time being typed was replaced');
  // Another document opens in the same rows, with the same time stored in
  // this one: the field shows that document's time, not the draft.
  // (The same file again: it is offered as an update of the open one; it
  // is added as a new postmortem here.)
  await page.getByLabel('Import file').setInputFiles(path.join(ROOT, 'tests/fixtures/full.json'));
  await page.getByRole('button', { name: 'Add as a new postmortem' }).click();
  await eventually(async () => assert.equal(await page.getByLabel('Event 2 description').inputValue(), before));
  assert.equal(await time.inputValue(), stored);
  page.assertClean();
});

test("a first visit starts a blank postmortem in the browser's own zone, stored only once written in", async () => {
  const page = await openPage(browser, { timezoneId: 'Asia/Tokyo' });
  await page.goto(server.url + '/');
  await ready(page);
  // Start-up asks the browser for its zone after the first frame.
  await eventually(async () => assert.equal(await page.getByLabel('Document time zone', { exact: true }).inputValue(), 'Asia/Tokyo'));
  await eventually(async () => assert.ok(await page.getByRole('option', { name: 'This browser (Asia/Tokyo)' }).count()));
  await page.waitForTimeout(700); // longer than the save delay
  const docs = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('postmortem:doc:')).map((k) => localStorage.getItem(k)));
  assert.deepEqual(await docs(), [], 'opening the page alone stores nothing');
  await page.getByLabel('Title', { exact: true }).fill('Queue stall in Tokyo');
  await eventually(async () => {
    const [raw] = await docs();
    assert.ok(raw, 'the document is stored after typing');
    const doc = JSON.parse(raw).document;
    assert.equal(doc.title, 'Queue stall in Tokyo');
    assert.equal(doc.time_zone, 'Asia/Tokyo');
  });
  page.assertClean();
  await page.context().close();
});

test('an untitled, undated postmortem from a template exports no empty heading, no empty rows, no date in its name', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByRole('button', { name: 'New postmortem' }).click();
  await page.getByRole('button', { name: 'Full (Google SRE style)' }).click();
  await eventually(async () => assert.equal(await page.getByLabel('Event 4 description').count(), 1));
  await page.getByLabel('Event 2 description').fill('Lag alert fires');
  await page.getByRole('textbox', { name: 'Summary', exact: true }).fill('The queue stalled.');
  const md = await download(page, 'Export Markdown');
  // No time reads, so no date: not the day of the export.
  assert.equal(md.name, 'postmortem.md');
  assert.doesNotMatch(md.text, /^#\s*$/m, 'an empty # heading');
  assert.match(md.text, /^\| \| \| detection \| Lag alert fires \|$/m);
  assert.doesNotMatch(md.text, /^\| \| \| (change|mitigation|resolution) \| \|$/m, 'an empty timeline row');
  assert.doesNotMatch(md.text, /^-$/m, 'an empty list item');
  assert.doesNotMatch(md.text, /## Action items/, 'empty action rows');
  // The JSON, the lossless file, keeps the template's rows.
  const json = await download(page, 'Export JSON');
  assert.equal(json.name, 'postmortem.json');
  const doc = JSON.parse(json.text);
  assert.equal(doc.timeline.length, 4);
  assert.equal(doc.actions.length, 2);
  assert.equal(md.text, nativeExport('md', json.text), 'the page writes what the core writes');
  page.assertClean();
});
