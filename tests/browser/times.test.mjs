// Times and zones (issue 24, items 2 to 4 and "times as people type them"):
// a time with no zone takes the zone of the time it takes its date from, and
// its row shows it readably; a person's GMT+1 is +01:00 as the document zone
// too; EST on a summer date keeps the digits typed and offers New York's
// clock in one click; dates and times as people write them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, serve, launch, openBlank, storedDocument } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** A fresh page (its own storage) with a blank postmortem, the browser in `zone`. */
const blank = (zone, options = {}) => openBlank(browser, server.url, zone, options);
const stored = storedDocument;

/** Whether the input shows all of its value (nothing cut at its right edge). */
const showsAll = (input) => input.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);

/** Rows 1-2-3 of the issue, typed in a browser in London. */
async function londonTimeline(options = {}) {
  const page = await blank('Europe/London', options);
  await page.getByRole('button', { name: 'Add timeline event' }).click();
  await page.getByLabel('Event 1 time', { exact: true }).fill('2025-03-12 03:15 WAT');
  await page.getByLabel('Event 1 description').fill('Alert fires');
  await page.getByLabel('Event 1 description').press('Enter');
  await page.getByLabel('Event 2 time', { exact: true }).fill('3:20am');
  await page.getByLabel('Event 2 description').fill('Paged');
  await page.getByLabel('Event 2 description').press('Enter');
  await page.getByLabel('Event 3 time', { exact: true }).fill('03:40');
  await page.getByLabel('Event 3 description').fill('Restarted');
  return page;
}

for (const [name, viewport] of [['desktop', { width: 1280, height: 900 }], ['a 390 px phone', { width: 390, height: 844 }]]) {
  test(`rows with no zone take the zone of the row above, and show it readably (${name})`, async () => {
    const page = await londonTimeline({ viewport });
    const doc = await stored(page);
    // Five minutes apart, in West Africa, not sixty-five in London.
    assert.deepEqual(doc.timeline.map((e) => e.at), [
      '2025-03-12T03:15:00+01:00[Africa/Lagos]',
      '2025-03-12T03:20:00+01:00[Africa/Lagos]',
      '2025-03-12T03:40:00+01:00[Africa/Lagos]',
    ]);
    assert.match(await page.locator('#f-timeline-1-at-local').innerText(), /2025-03-12 03:20 WAT/);
    await page.getByLabel('Event 3 time', { exact: true }).press('Tab');
    await page.getByLabel('Event 3 description').focus();
    assert.match(await page.locator('#f-timeline-2-at-local').innerText(), /Read as 2025-03-12 03:40 WAT/);
    // Each row shows its zone, whole: the abbreviation, and the full name in focus.
    for (const i of [1, 2, 3]) {
      const zone = page.getByLabel(`Event ${i} time zone`);
      assert.equal(await zone.inputValue(), 'WAT');
      assert.ok(await showsAll(zone), `event ${i}'s zone is cut`);
    }
    const zone = page.getByLabel('Event 2 time zone');
    await zone.focus();
    assert.equal(await zone.inputValue(), 'Africa/Lagos');
    assert.ok(await showsAll(zone), 'Africa/Lagos is cut in its column');
    await zone.press('Tab');
    // The first row keeps its date (nothing before it gives one): it is shown whole.
    const first = page.getByLabel('Event 1 time', { exact: true });
    assert.match(await first.inputValue(), /^2025-03-12T03:15/);
    assert.ok(await showsAll(first), `“${await first.inputValue()}” is cut in the time column`);
    // No problem: the rows are in order.
    await page.waitForTimeout(500);
    assert.equal(await page.locator('[aria-invalid="true"]').count(), 0);
    await page.screenshot({ path: `/tmp/times-rows-${viewport.width}.png`, fullPage: false });
    page.assertClean();
  });
}

test('EST on a summer date keeps the digits typed, says what it is, and offers New York\u2019s clock in one click', async () => {
  const page = await blank('America/New_York');
  await page.getByLabel('Impact started', { exact: true }).fill('2025-07-01 01:00');
  await page.getByRole('button', { name: 'Add timeline event' }).click();
  const time = page.getByLabel('Event 1 time', { exact: true });
  await time.fill('2:30 EST');
  await page.getByLabel('Event 1 description').fill('Deploy starts');
  const line = page.locator('#f-timeline-0-at-local');
  assert.equal(await line.innerText(), 'EST is UTC\u221205:00; New York was on EDT then, so this is 03:30 EDT.');
  // The instant EST means, with the digits typed.
  assert.equal((await stored(page)).timeline[0].at, '2025-07-01T02:30:00-05:00[EST]');
  assert.equal(await time.inputValue(), '02:30');
  assert.equal(await page.getByLabel('Event 1 time zone').inputValue(), 'EST');
  // The other reading: 02:30 on New York's wall clock.
  await page.getByRole('button', { name: 'Read as 02:30 EDT, New York\u2019s clock' }).click();
  await eventually(async () => assert.equal((await stored(page)).timeline[0].at, '2025-07-01T02:30:00-04:00[America/New_York]'));
  assert.equal(await time.inputValue(), '02:30');
  assert.equal(await page.getByLabel('Event 1 time zone').inputValue(), 'EDT');
  assert.equal(await page.getByRole('button', { name: /New York\u2019s clock/ }).count(), 0);
  page.assertClean();
});

test('GMT+1 as the document zone is UTC+01:00, as in a time field; Etc/GMT+1 is shown as UTC\u221201:00', async () => {
  const page = await blank('UTC');
  const zone = page.getByLabel('Document time zone', { exact: true });
  const hint = page.locator('#f-time_zone-hint');
  await zone.fill('GMT+1');
  await zone.press('Tab');
  await eventually(async () => assert.equal(await zone.inputValue(), '+01:00'));
  assert.match(await hint.innerText(), /Times are shown in UTC\+01:00/);
  await page.getByLabel('Impact started', { exact: true }).fill('2025-03-12 03:15');
  await page.getByLabel('Resolved', { exact: true }).fill('2025-03-12 03:45 GMT+1');
  await page.getByLabel('Resolved', { exact: true }).press('Tab');
  let doc = await stored(page);
  assert.equal(doc.time_zone, '+01:00');
  assert.equal(doc.times.started, '2025-03-12T03:15:00+01:00[+01:00]');
  assert.equal(doc.times.resolved, '2025-03-12T03:45:00+01:00[+01:00]');
  assert.match(await page.getByLabel('Show times in').innerText(), /Document zone \(UTC\+01:00/);
  // The IANA name keeps its meaning, and says it.
  await zone.fill('Etc/GMT+1');
  await zone.press('Tab');
  await eventually(async () => assert.match(await hint.innerText(), /Times are shown in UTC\u221201:00/));
  doc = await stored(page);
  assert.equal(doc.time_zone, 'Etc/GMT+1');
  assert.match(await page.getByLabel('Show times in').innerText(), /Document zone \(UTC\u221201:00, Etc\/GMT\+1\)/);
  page.assertClean();
});

test('dates and times as people type them: day or month first is said and the other offered; a near miss suggests the value', async () => {
  const page = await blank('Africa/Lagos');
  const started = page.getByLabel('Impact started', { exact: true });
  await started.fill('12/03/2025 03:15');
  const line = page.locator('#f-times-started-local');
  assert.equal(await line.innerText(), '12/03/2025 is read day first: 12 March 2025.');
  assert.equal((await stored(page)).times.started, '2025-03-12T03:15:00+01:00[Africa/Lagos]');
  await page.getByRole('button', { name: 'Read as 3 December 2025, month first' }).click();
  await eventually(async () => assert.equal((await stored(page)).times.started, '2025-12-03T03:15:00+01:00[Africa/Lagos]'));
  await started.fill('12 Mar 2025 03:15');
  await started.press('Tab');
  await eventually(async () => assert.equal((await stored(page)).times.started, '2025-03-12T03:15:00+01:00[Africa/Lagos]'));
  await page.getByRole('button', { name: 'Add timeline event' }).click();
  const time = page.getByLabel('Event 1 time', { exact: true });
  // With the year of the time before it.
  await time.fill('Mar 12 3.20pm');
  await time.press('Tab');
  await eventually(async () => assert.equal((await stored(page)).timeline[0].at, '2025-03-12T15:20:00+01:00[Africa/Lagos]'));
  await time.fill('0500');
  await time.press('Tab');
  await eventually(async () => assert.equal((await stored(page)).timeline[0].at, '2025-03-12T05:00:00+01:00[Africa/Lagos]'));
  await time.fill('5');
  await time.press('Tab');
  await eventually(async () => assert.equal(await page.locator('#f-timeline-0-at-problems').innerText(), "Event 1's time: \u201c5\u201d is not a time. Did you mean 05:00?"));
  assert.equal((await stored(page)).timeline[0].at, '5');
  page.assertClean();
});
