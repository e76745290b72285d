// The release build loads in Chromium, reacts to typing, works from a
// sub-path, and a console error or uncaught exception fails a test.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, openPage, ready, SUB_PATH } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('the page renders with the product name and no console error', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  assert.match(await page.title(), /Postmortem/);
  assert.match(await page.locator('h1').first().innerText(), /Postmortem/);
  page.assertClean();
});

const previewHeading = (page, text) =>
  page.getByRole('region', { name: 'Preview' }).getByRole('heading', { level: 1, name: text }).waitFor({ timeout: 5000 });

test('typing a title updates the page', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await page.getByLabel('Title', { exact: true }).fill('Login outage: cache blocked');
  await previewHeading(page, 'Login outage: cache blocked');
  page.assertClean();
});

test('dist/ works when served from a sub-path', async () => {
  const page = await openPage(browser);
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400) failed.push(r.url()); });
  await page.goto(server.url + SUB_PATH);
  await ready(page);
  await page.getByLabel('Title', { exact: true }).fill('Sub-path check');
  await previewHeading(page, 'Sub-path check');
  assert.deepEqual(failed, []);
  page.assertClean();
});

test('a console error or uncaught exception fails a test', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await page.evaluate(() => { console.error('deliberate'); setTimeout(() => { throw new Error('boom'); }); });
  await page.waitForTimeout(100);
  assert.throws(() => page.assertClean(), /deliberate[\s\S]*boom/);
});
