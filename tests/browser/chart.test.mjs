// The timeline chart beside the form (issue 18, in part): there for a
// document with times and not without, its marks where the times are, in the
// "Show times in" zone, and a way to each event's row by mouse and by
// keyboard; its text alternative, and axe-core with the chart shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
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

const focusedHtml = (page) => page.evaluate(() => document.activeElement.outerHTML.slice(0, 200));
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

/**
 * A two-day incident in London over the October clock change: 40 events
 * and 4 status updates, most of them in clusters minutes apart (the
 * tester's "41 of 44 dots overlap").
 */
function twoDays() {
  const doc = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/fixtures/full.json'), 'utf8'));
  const at = (ms) => new Date(ms).toISOString().slice(0, 19) + '+00:00[UTC]';
  const t0 = Date.UTC(2025, 9, 25, 21, 50);
  const min = 60_000;
  const offsets = [];
  for (let i = 0; i < 26; i++) offsets.push(10 + i * 3); // 22:00–23:15, every 3 minutes
  for (let i = 0; i < 4; i++) offsets.push(200 + i * 90); // the night
  for (let i = 0; i < 10; i++) offsets.push(660 + i * 4); // the next morning
  const kinds = ['event', 'detection', 'escalation', 'change', 'mitigation', 'resolution', 'communication'];
  doc.time_zone = 'Europe/London';
  doc.times = {
    started: at(t0), detected: at(t0 + 12 * min), acknowledged: at(t0 + 15 * min),
    mitigated: at(t0 + 700 * min), resolved: at(t0 + 1700 * min),
  };
  doc.timeline = offsets.map((o, i) => ({ at: at(t0 + o * min), approximate: i % 9 === 4, kind: kinds[i % kinds.length], text: `Event ${i + 1}: something happened at minute ${o}.` }));
  doc.updates = [20, 24, 28, 900].map((o, i) => ({ at: at(t0 + o * min), state: 'update', text: `Update ${i + 1}` }));
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pm-chart-')), 'two-days.json');
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));
  return file;
}

/** The marks of the chart `svg` as boxes on the page. */
const dots = (svg) => svg.locator('circle.mark').evaluateAll((ms) => ms.map((m) => {
  const b = m.getBoundingClientRect();
  return { name: m.getAttribute('aria-label'), x: b.x + b.width / 2, y: b.y + b.height / 2, r: b.width / 2 };
}));

/** Pairs of dots that overlap on the page. */
function overlaps(list) {
  const out = [];
  for (let a = 0; a < list.length; a++) {
    for (let b = a + 1; b < list.length; b++) {
      const [p, q] = [list[a], list[b]];
      if (Math.hypot(p.x - q.x, p.y - q.y) < p.r + q.r - 0.5) out.push(`${p.name} / ${q.name}`);
    }
  }
  return out;
}

/** Everything drawn in `svg` that runs past its picture's edges. */
const clipped = (svg) => svg.evaluate((s) => {
  const [, , w, h] = s.getAttribute('viewBox').split(' ').map(Number);
  return [...s.querySelectorAll('text, circle, polygon, rect')]
    .filter((e) => !e.closest('.chart-tip'))
    .map((e) => ({ e, b: e.getBBox() }))
    .filter(({ b }) => b.x < -0.5 || b.y < -0.5 || b.x + b.width > w + 0.5 || b.y + b.height > h + 0.5)
    .map(({ e, b }) => `${e.tagName}.${e.getAttribute('class')} “${e.textContent}” ${b.x.toFixed(1)}…${(b.x + b.width).toFixed(1)} of ${w}`);
});

test('close events spread over lanes: none of 44 dots overlaps, each is hoverable, nothing is clipped at the edges', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByLabel('Import file').setInputFiles(twoDays());
  await page.getByRole('img', { name: /^Timeline chart: .*40 events, 4 status updates/ }).waitFor();
  const svg = page.getByRole('region', { name: 'Timeline chart' }).locator('svg.chart');
  const list = await dots(svg);
  assert.equal(list.length, 44);
  assert.deepEqual(overlaps(list), []);
  assert.deepEqual(await clipped(svg), []);
  // Each dot is the element under its own centre: hover reaches it.
  for (const [i, d] of list.entries()) {
    await svg.locator('circle.mark').nth(i).scrollIntoViewIfNeeded();
    const hit = await svg.locator('circle.mark').nth(i).evaluate((m) => {
      const b = m.getBoundingClientRect();
      return document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2) === m;
    });
    assert.ok(hit, `${d.name} is covered`);
  }
  page.assertClean();
});

for (const scheme of ['light', 'dark']) {
  test(`the chart opens enlarged with a legend, keyboard and screen-reader usable, and Escape closes it (${scheme})`, async () => {
    const page = await openPage(browser, { colorScheme: scheme, viewport: { width: 1280, height: 900 } });
    await page.goto(server.url + '/');
    await ready(page);
    await page.getByLabel('Import file').setInputFiles(twoDays());
    const region = page.getByRole('region', { name: 'Timeline chart' });
    await region.getByRole('img', { name: /^Timeline chart: / }).waitFor();
    const open = region.getByRole('button', { name: 'Enlarge the chart' });
    await open.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Timeline chart' });
    await dialog.waitFor();
    const svg = dialog.locator('svg.chart:not(.swatch)');
    const box = await svg.boundingBox();
    assert.ok(box.width >= 1000, `the enlarged chart is ${box.width} px wide`);
    assert.equal(await dialog.getByRole('img', { name: /^Timeline chart: .*40 events, 4 status updates, times in Europe\/London/ }).count(), 1);
    // Its legend names the colours and lines, in words.
    const legend = await dialog.getByRole('list', { name: 'Legend' }).innerText();
    for (const words of ['Key time', 'Event', 'Detection or escalation', 'Change', 'Mitigation or resolution', 'Status update', 'Approximate', 'Impact', 'Midnight', 'Clock change']) {
      assert.ok(legend.includes(words), `the legend lacks “${words}”: ${legend}`);
    }
    assert.deepEqual(overlaps(await dots(svg)), []);
    assert.deepEqual(await clipped(svg), []);
    fs.mkdirSync('/tmp/shots-chart', { recursive: true });
    await page.screenshot({ path: `/tmp/shots-chart/chart-enlarged-${scheme}.png` });
    // Keyboard: Tab reaches the marks, the arrows move, the tooltip follows.
    await eventually(async () => assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'the focus is in the dialog'));
    const seen = [];
    for (let i = 0; i < 10 && !(await focused(page)).mark; i++) { await page.keyboard.press('Tab'); seen.push(await focusedHtml(page)); }
    assert.deepEqual(await focused(page), { mark: true, name: 'Impact started, 2025-10-25 22:50 BST', id: '' }, seen.join('\n'));
    await page.keyboard.press('ArrowDown');
    assert.match((await focused(page)).name, /^Event 1: /);
    assert.equal((await tooltip(page))[0], '2025-10-25 23:00 BST');
    await page.screenshot({ path: `/tmp/shots-chart/chart-enlarged-${scheme}-focused.png` });
    // Escape closes it, and the focus goes back to the button.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label') ?? document.activeElement.textContent), 'Enlarge the chart');
    // Enter on a mark of the enlarged chart closes it and goes to the row.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await eventually(async () => assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'the focus is in the dialog'));
    for (let i = 0; i < 10 && !(await focused(page)).mark; i++) await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await eventually(async () => assert.equal((await focused(page)).id, 'f-timeline-1-text'));
    page.assertClean();
  });
}
