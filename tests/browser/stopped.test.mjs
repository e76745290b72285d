// A panic anywhere (the release aborts: a wasm trap after the panic hook)
// shows a sentence, stops claiming "Saved", and loses nothing already stored.
// The panic is the build's own fault drill (`pm_fault_drill`, exported for
// script in the page only: see src/ui/stopped.rs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, serve, launch, openPage, ready, DIST } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(process.env.DIST ?? DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const title = (page) => page.getByLabel('Title', { exact: true });
const status = (page) => page.locator('.save-state');

// Typing after the editor stopped does not bring "Saved" back and writes
// nothing; the alert's own Reload link opens what was saved before.
async function nothingMoreIsSavedAndReloadFinds(page, alert, saved) {
  const storedBefore = await page.evaluate(() => JSON.stringify(localStorage));
  await title(page).fill('Typed after the editor stopped');
  await page.waitForTimeout(1500);
  assert.equal(await status(page).innerText(), 'Not saved');
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), storedBefore);
  await alert.getByRole('link', { name: 'Reload' }).click();
  await ready(page);
  await eventually(async () => assert.equal(await title(page).inputValue(), saved));
}

test('after a panic the page says the editor stopped, says "Not saved", and a reload finds what was saved', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await title(page).fill('Kept through a fault');
  await eventually(async () => assert.equal(await status(page).innerText(), 'Saved'));

  const thrown = await page.evaluate(() => {
    try { window.wasmBindings.pm_fault_drill(); return 'returned'; } catch (e) { return String(e); }
  });
  // The release aborts on a panic: the call ends in a trap.
  assert.match(thrown, /unreachable|RuntimeError/);
  const alert = page.getByRole('alert').filter({ hasText: 'The editor stopped' });
  assert.match(await alert.innerText(), /The editor stopped because of a fault in it.*What was saved before is safe.*Reload the page/s);
  assert.equal(await status(page).innerText(), 'Not saved');
  // Typing after the fault does not bring "Saved" back, and writes nothing.
  await nothingMoreIsSavedAndReloadFinds(page, alert, 'Kept through a fault');
  assert.equal(await page.getByText('The editor stopped').count(), 0);
  assert.equal(await status(page).innerText(), 'Saved');
  // The page reported the panic (console) and the trap; nothing else.
  assert.ok(page.errors.every((e) => /fault drill|unreachable|RuntimeError/.test(e)), page.errors.join('\n'));
});

test('a trap with no panic (as running out of memory ends) also says the editor stopped, and nothing more is written', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await title(page).fill('Kept through a trap');
  await eventually(async () => assert.equal(await status(page).innerText(), 'Saved'));
  // The trap happens in a task of its own, as a fault in an event handler
  // or a timer would: nobody catches it but the page.
  await page.evaluate(() => setTimeout(() => window.wasmBindings.pm_trap_drill(), 0));
  const alert = page.getByRole('alert').filter({ hasText: 'The editor stopped' });
  await eventually(async () => assert.equal(await alert.count(), 1));
  assert.equal(await status(page).innerText(), 'Not saved');
  await nothingMoreIsSavedAndReloadFinds(page, alert, 'Kept through a trap');
  assert.ok(page.errors.every((e) => /unreachable|RuntimeError/.test(e)), page.errors.join('\n'));
});
