// The page before the app has arrived: index.html's static shell, the header
// and a loading state that takes no input. The tests hold the wasm back to
// look at the shell, then check that the app replaces it with a Title field
// that takes typing, and that the shell alone passes axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { eventually, holdApp, serve, launch, openPage, ready } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const title = (page) => page.getByLabel('Title', { exact: true });
const loading = (page) => page.getByRole('status').filter({ hasText: 'Loading the editor…' });

test('before the app arrives the page shows its name and says it is loading, and takes no input', async () => {
  const page = await openPage(browser);
  const release = await holdApp(page);
  await page.goto(server.url + '/');
  await loading(page).waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Postmortem editor');
  assert.equal(await page.locator('input, textarea, select, button, [contenteditable]').count(), 0, 'nothing to type into or press');
  assert.equal(await title(page).count(), 0, 'no Title field yet');
  release();
  await ready(page);
  page.assertClean();
});

test('the app replaces the loading state with a Title field that takes typing, and saves it', async () => {
  const page = await openPage(browser);
  const release = await holdApp(page);
  await page.goto(server.url + '/');
  await loading(page).waitFor();
  release();
  await ready(page);
  assert.equal(await loading(page).count(), 0, 'the loading state is gone');
  assert.equal(await page.locator('#shell').count(), 0, 'the shell is gone');
  assert.equal(await page.getByRole('heading', { name: 'Postmortem editor', exact: true }).count(), 1, "the page's name once");
  await title(page).click();
  await page.keyboard.type('Bridge down');
  assert.equal(await title(page).inputValue(), 'Bridge down');
  await eventually(async () => assert.deepEqual(await page.evaluate(() => Object.keys(localStorage)
    .filter((k) => k.startsWith('postmortem:doc:'))
    .map((k) => JSON.parse(localStorage.getItem(k)).document.title)), ['Bridge down']));
  page.assertClean();
});

test('with a postmortem stored, the app opens it in place of the shell and stores nothing on its own', async () => {
  const doc = { format: 'postmortem', version: 1, title: 'Disk full on db-3' };
  const stored = JSON.stringify({ envelope: 1, revision: 3, saved_at: '', document: doc });
  const index = JSON.stringify({ entries: [{ id: 'a', title: doc.title, status: 'draft', updated: '' }], last_open: 'a' });
  const page = await openPage(browser);
  await page.addInitScript(([index, stored]) => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('postmortem:index', index);
    localStorage.setItem('postmortem:doc:a', stored);
  }, [index, stored]);
  await page.goto(server.url + '/');
  await ready(page);
  assert.equal(await title(page).inputValue(), 'Disk full on db-3');
  await page.waitForTimeout(1200); // past the save delay
  assert.equal(await page.evaluate(() => localStorage.getItem('postmortem:doc:a')), stored);
  assert.equal(await page.evaluate(() => localStorage.getItem('postmortem:index')), index);
  page.assertClean();
});

const require = createRequire(import.meta.url);
for (const scheme of ['light', 'dark']) {
  test(`axe-core finds no violation on the loading shell (${scheme})`, async () => {
    const page = await openPage(browser, { colorScheme: scheme });
    const release = await holdApp(page);
    await page.goto(server.url + '/');
    await loading(page).waitFor();
    await page.evaluate(fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
    const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
    const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) e.g. ${v.nodes[0]?.target}`);
    assert.deepEqual(summary, []);
    release();
    await ready(page);
    page.assertClean();
  });
}
