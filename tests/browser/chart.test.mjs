// The timeline chart beside the form (issue 18, in part): there for a
// document with times and not without, its marks where the times are, in the
// "Show times in" zone, and a way to each event's row.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { eventually, serve, launch, openPage, ready, ROOT } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the chart shows the key times, one mark per timed event, follows the times and the display zone', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  const region = page.getByRole('region', { name: 'Timeline chart' });
  await eventually(async () => assert.match(await region.innerText(), /appears once the postmortem has a time/));
  assert.equal(await region.locator('svg').count(), 0);

  await page.getByLabel('Import file').setInputFiles(path.join(ROOT, 'tests/fixtures/full.json'));
  const chart = page.getByRole('img', { name: /^Timeline chart: impact 52 min, 6 events, 3 status updates, times in Europe\/Berlin/ });
  await chart.waitFor();
  const svg = region.locator('svg');
  const tips = await chart.locator('.mark.diamond title').allTextContents();
  assert.deepEqual(tips.map((t) => t.split(' — ')[1]), ['Impact started', 'Detected', 'Acknowledged', 'Mitigated', 'Resolved']);
  assert.match(tips[1], /^2025-10-26 02:47 CET/);
  assert.equal(await chart.locator('circle.event').count(), 6);

  // A time moved later moves its mark to the right (after the pause).
  const x = () => svg.locator('circle.event').first().getAttribute('cx').then(Number);
  const before = await x();
  const time = page.getByLabel('Event 1 time', { exact: true });
  await time.fill('03:05 CET');
  await time.press('Tab');
  await eventually(async () => assert.ok((await x()) > before + 10, `${await x()} vs ${before}`));

  // "Show times in" UTC: ticks and tooltips in UTC.
  const ticks = () => svg.locator('.tick-label').allTextContents();
  assert.ok((await ticks()).includes('03:10'));
  await page.getByLabel('Show times in').selectOption('UTC');
  await eventually(async () => assert.match((await svg.locator('.mark.diamond title').allTextContents())[1] ?? '', /01:47 UTC/));
  assert.equal(await page.getByRole('img', { name: /^Timeline chart: .*times in UTC\.$/ }).count(), 1);
  assert.ok(!(await ticks()).includes('03:10'));

  // Clicking an event goes to its row.
  await svg.locator('circle.event').nth(2).click();
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'f-timeline-2-text'));
  page.assertClean();
});
