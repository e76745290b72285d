// Working offline (issue 19): after one visit the editor opens with no
// network, from the root and under a sub-path; a new version waits for the
// user's Reload, in every open tab; the app is installable.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually, serve, launch, launchProfile, openPage, ready, DIST, SUB_PATH } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** A copy of the release in a folder of its own, so a test can change it. */
function copyOfDist() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-dist-'));
  for (const f of fs.readdirSync(DIST)) fs.copyFileSync(path.join(DIST, f), path.join(dir, f));
  return dir;
}

/** Waits until the service worker is activated and controls the page (it has cached every file). */
async function controlled(page) {
  // page.evaluate awaits the promise (waitForFunction would take the promise itself as true).
  await eventually(async () => assert.ok(await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    return reg?.active?.state === 'activated' && !!navigator.serviceWorker.controller;
  })), 20000);
}

const title = (page) => page.getByLabel('Title', { exact: true });
const saved = (page) => eventually(async () => assert.equal(await page.locator('.save-state').innerText(), 'Saved'));

for (const where of ['/', SUB_PATH]) {
  test(`after one visit the editor opens and keeps what is typed with no network (${where})`, async () => {
    const server = await serve();
    const page = await openPage(browser);
    await page.goto(server.url + where);
    await ready(page);
    await title(page).fill('Written before the network went');
    await saved(page);
    await controlled(page);

    await page.context().setOffline(true);
    await page.reload();
    await ready(page);
    assert.equal(await title(page).inputValue(), 'Written before the network went');
    await title(page).fill('Written on the train');
    await saved(page);
    await page.reload();
    await ready(page);
    assert.equal(await title(page).inputValue(), 'Written on the train');
    // The stored postmortems are listed.
    assert.match(await page.getByRole('navigation', { name: 'Postmortems' }).innerText(), /Written on the train/);
    page.assertClean();
    await page.context().close();
    await server.close();
  });
}

test('a new version waits for Reload in every tab, never reloads by itself, and keeps what was typed', async () => {
  const dir = copyOfDist();
  const server = await serve(dir);
  const first = await openPage(browser);
  await first.goto(server.url + '/');
  await ready(first);
  await controlled(first);
  const second = await first.context().newPage();
  await second.goto(server.url + '/');
  await ready(second);
  await controlled(second);
  for (const p of [first, second]) await p.evaluate(() => { window.__stillHere = true; });

  // A new release: its worker differs.
  fs.appendFileSync(path.join(dir, 'sw.js'), '\n// the next release\n');
  await first.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  const banner = (p) => p.getByRole('status').filter({ hasText: 'A new version of the editor is ready' });
  for (const p of [first, second]) await banner(p).waitFor({ timeout: 15000 });
  await first.waitForTimeout(1500);
  for (const p of [first, second]) assert.equal(await p.evaluate(() => window.__stillHere), true, 'the page reloaded by itself');

  // Typed just before Reload: saved first.
  await title(first).fill('Typed just before reloading');
  await banner(first).getByRole('button', { name: 'Reload' }).click();
  await first.waitForFunction(() => !window.__stillHere, null, { timeout: 15000 });
  await ready(first);
  assert.equal(await title(first).inputValue(), 'Typed just before reloading');
  // The new version's cache is the only one left.
  await eventually(async () => assert.equal((await first.evaluate(() => caches.keys())).length, 1));
  // The other tab stays as it was, still offering Reload.
  await second.waitForTimeout(1000);
  assert.equal(await second.evaluate(() => window.__stillHere), true, 'the other tab reloaded by itself');
  assert.ok(await banner(second).isVisible());
  first.assertClean();
  await first.context().close();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('Chromium finds nothing stopping an install (manifest, icons, worker)', async () => {
  const server = await serve();
  // A profile on disk: Chromium never offers to install from an incognito one.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'pm-profile-'));
  const context = await launchProfile(profile);
  const page = context.pages()[0] ?? await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(server.url + SUB_PATH);
  await ready(page);
  await controlled(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors.map((e) => e.errorId), []);
  const manifest = await (await page.request.get(server.url + SUB_PATH + 'manifest.webmanifest')).json();
  assert.equal(manifest.start_url, './');
  assert.ok(manifest.icons.some((i) => i.purpose === 'maskable' && i.sizes === '512x512'));
  assert.deepEqual(errors, []);
  await context.close();
  await server.close();
  fs.rmSync(profile, { recursive: true, force: true });
});

test('the list shows when each postmortem was exported, and reminds when changes are days old', async () => {
  const server = await serve();
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await title(page).fill('Exported once');
  await saved(page);
  const list = page.getByRole('navigation', { name: 'Postmortems' });
  await eventually(async () => assert.match(await list.innerText(), /Not exported yet/));
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON', exact: true }).first().click()]);
  const today = new Date().toISOString().slice(0, 10);
  await eventually(async () => assert.match(await list.innerText(), new RegExp(`Exported ${today}`)));
  await title(page).fill('Exported once, then changed');
  await saved(page);
  await eventually(async () => assert.match(await list.innerText(), /changed since/));

  // Changes made a week ago and never exported: a reminder.
  await page.evaluate(() => {
    const index = JSON.parse(localStorage.getItem('postmortem:index'));
    const weekAgo = new Date(Date.now() - 7 * 86400e3).toISOString();
    index.entries[0].updated = weekAgo;
    index.entries[0].exported = new Date(Date.now() - 9 * 86400e3).toISOString();
    localStorage.setItem('postmortem:index', JSON.stringify(index));
  });
  await page.reload();
  await ready(page);
  const stale = list.locator('.doc-export.stale');
  await eventually(async () => assert.match(await stale.innerText(), /Changed since its export on/));

  // Help says how safe the storage is and how much is used.
  await page.getByRole('button', { name: 'Help' }).click();
  const help = page.getByRole('dialog', { name: 'Help' });
  await eventually(async () => assert.match(await help.innerText(), /Postmortems use .* of the about 5 MB this browser keeps for them/));
  page.assertClean();
  await page.context().close();
  await server.close();
});
