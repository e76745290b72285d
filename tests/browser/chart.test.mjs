// The timeline chart beside the form (issue 18, in part): there for a
// document with times and not without, its marks where the times are, in the
// "Show times in" zone, and a way to each event's row by mouse and by
// keyboard; its text alternative, and axe-core with the chart shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
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
  const names = () => svg.locator('.mark.diamond').evaluateAll((ms) => ms.map((m) => m.getAttribute('aria-label')));
  const tips = await names();
  assert.deepEqual(tips.map((t) => t.split(', ')[0]), ['Impact started', 'Detected', 'Acknowledged', 'Mitigated', 'Resolved']);
  assert.equal(tips[1], 'Detected, 2025-10-26 02:47 CET');
  assert.equal(await svg.locator('circle.event').count(), 6);

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
  await eventually(async () => assert.match((await names())[1] ?? '', /01:47 UTC/));
  assert.equal(await page.getByRole('img', { name: /^Timeline chart: .*times in UTC\.$/ }).count(), 1);
  assert.ok(!(await ticks()).includes('03:10'));

  // Clicking an event goes to its row.
  await svg.locator('circle.event').nth(2).click();
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement.id), 'f-timeline-2-text'));
  page.assertClean();
});

/** Opens full.json and waits for its chart. */
async function openFull(options) {
  const page = await openPage(browser, options);
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByLabel('Import file').setInputFiles(path.join(ROOT, 'tests/fixtures/full.json'));
  const chart = page.getByRole('img', { name: /^Timeline chart: / });
  await chart.waitFor();
  return { page, chart };
}

const focused = (page) => page.evaluate(() => ({
  mark: document.activeElement.classList.contains('mark'),
  name: document.activeElement.getAttribute('aria-label'),
  id: document.activeElement.id,
}));

/** The tooltip's lines, once it is drawn and visible. */
async function tooltip(page) {
  const tip = page.locator('.chart-tip');
  assert.equal(await tip.count(), 1, 'one tooltip');
  const box = await tip.locator('rect').boundingBox();
  assert.ok(box && box.width > 40 && box.height > 20, `the tooltip has a size: ${JSON.stringify(box)}`);
  assert.equal(await tip.evaluate((g) => getComputedStyle(g).visibility), 'visible');
  return tip.locator('text').allTextContents();
}

test('Tab reaches the marks (one tab stop), focus shows a tooltip with the time and text, arrows move, Enter and Space go to the row', async () => {
  const { page } = await openFull();
  // From the control before the chart, Tab goes to the first mark.
  await page.getByLabel('Show times in').focus();
  for (let i = 0; i < 60 && !(await focused(page)).mark; i++) await page.keyboard.press('Tab');
  assert.deepEqual(await focused(page), { mark: true, name: 'Impact started, 2025-10-26 02:40 CET', id: '' });
  assert.deepEqual(await tooltip(page), ['2025-10-26 02:40 CET', 'Impact started']);
  assert.equal(await page.locator('.chart .focus-ring').count(), 1, 'a focus ring');
  assert.equal(await page.locator('.chart .mark[tabindex="0"]').count(), 1, 'one tab stop');

  // Down to the events: the one nearest in time (02:40 CET, an estimate).
  await page.keyboard.press('ArrowDown');
  assert.equal((await focused(page)).name, 'Decline rate starts climbing (estimated from the dashboard)., 2025-10-26 02:40 CET (approximate)');
  const lines = await tooltip(page);
  assert.equal(lines[0], '2025-10-26 02:40 CET (approximate)');
  assert.equal(lines.slice(1).join(' '), 'Decline rate starts climbing (estimated from the dashboard).');
  await page.keyboard.press('ArrowRight');
  const tip = await tooltip(page);
  assert.equal(tip[0], '2025-10-26 02:47 CET');
  assert.match(tip.slice(1).join(' '), /^Alert \*CheckoutDeclineRate > 5%\* pages the payments on-call\.$/);
  assert.equal(await page.locator('.chart .mark[tabindex="0"]').count(), 1, 'still one tab stop');

  // Enter goes to the event's row, as a click does; the tooltip goes with the focus.
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal((await focused(page)).id, 'f-timeline-2-text'));
  assert.equal(await page.locator('.chart-tip').count(), 0);

  // Back in the chart, Tab lands on the mark last used; Space on the next one goes to its row.
  await page.getByLabel('Show times in').focus();
  for (let i = 0; i < 60 && !(await focused(page)).mark; i++) await page.keyboard.press('Tab');
  assert.match((await focused(page)).name, /^Alert \*CheckoutDeclineRate/);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press(' ');
  await eventually(async () => assert.equal((await focused(page)).id, 'f-timeline-3-text'));

  // Hover shows the same tooltip.
  await page.locator('.chart circle.update').first().hover();
  assert.match((await tooltip(page))[0], /^2025-10-26 0\d:\d\d CET$/);
  page.assertClean();
});

test('the chart points at the key times in the form as its text alternative', async () => {
  const { page, chart } = await openFull();
  const ids = (await chart.getAttribute('aria-describedby'))?.split(' ') ?? [];
  assert.deepEqual(ids, ['key-times', 'response-metrics']);
  const text = [];
  for (const id of ids) {
    const target = page.locator(`[id="${id}"]`);
    assert.equal(await target.count(), 1, `#${id} exists`);
    text.push(await target.textContent());
  }
  assert.match(text[0], /^Key times.*Impact started.*Resolved/);
  assert.match(text[1], /Time to detect.*7 min/);
  // Chromium's own reading: the description of the image carries the key times.
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const image = nodes.find((n) => n.role?.value === 'image' && /^Timeline chart: /.test(n.name?.value ?? ''));
  assert.ok(image, 'the chart is an image in the accessibility tree');
  const description = image.description?.value ?? '';
  assert.match(description, /^key times impact started 02:40 CET .*Resolved 03:32 .*Time to detect 7 min/i);
  page.assertClean();
});

const require = createRequire(import.meta.url);
for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no violation with the chart shown and a mark focused (${scheme})`, async () => {
    const { page } = await openFull({ colorScheme: scheme });
    await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const run = async () => (await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] })))
      .violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) e.g. ${v.nodes[0]?.target}`);
    assert.deepEqual(await run(), []);
    await page.locator('.chart .mark[tabindex="0"]').focus();
    await tooltip(page);
    assert.deepEqual(await run(), []);
    page.assertClean();
  });
}
