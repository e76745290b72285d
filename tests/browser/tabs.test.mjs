// Two tabs of one browser (one context: they share localStorage and hear each
// other's storage events). A tab with nothing unsaved follows the other's
// newer version; a tab with unsaved edits keeps every character of them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, serve, launch, ready } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const title = (page) => page.getByLabel('Title', { exact: true });
const summary = (page) => page.getByRole('textbox', { name: 'Summary', exact: true });
const notes = (page) => page.getByRole('textbox', { name: 'Notes', exact: true });
const status = (page) => page.locator('.save-state').innerText();
const conflictBar = (page) => page.getByRole('alert').filter({ hasText: 'Another tab saved a newer version' });
const stored = (page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('postmortem:doc:')).map((k) => localStorage.getItem(k)).join('\n'));

/** Tabs A and B of one context, both on the saved postmortem "Shared". */
async function twoTabs() {
  const context = await browser.newContext();
  const tab = async () => {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.assertClean = () => assert.deepEqual(errors, [], 'the page reported errors');
    await page.goto(server.url + '/');
    await ready(page);
    return page;
  };
  const a = await tab();
  await title(a).fill('Shared');
  await eventually(async () => assert.equal(await status(a), 'Saved'));
  const b = await tab();
  assert.equal(await title(b).inputValue(), 'Shared');
  return { context, a, b };
}

/** Saves tab A at once, as when it is hidden (no save delay to wait for). */
const saveNow = (page) => page.evaluate(() => {
  Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
});

test('a tab with nothing unsaved follows the newer version and says so', async () => {
  const { context, a, b } = await twoTabs();
  await summary(a).fill('Tab A wrote this.');
  await eventually(async () => assert.equal(await status(a), 'Saved'));
  // B had nothing unsaved: it shows A's version, with no conflict.
  await eventually(async () => assert.equal(await summary(b).inputValue(), 'Tab A wrote this.'));
  assert.equal(await conflictBar(b).count(), 0, 'no conflict banner in a tab with nothing unsaved');
  assert.match(await b.locator('.toast').innerText(), /Another tab saved a newer version of this postmortem: it is shown here now/);
  assert.equal(await status(b), 'Saved');
  // B's typing then saves normally, and A (nothing unsaved) follows it in turn.
  await summary(b).press('End');
  await b.keyboard.type(' Tab B added this.');
  await eventually(async () => assert.equal(await status(b), 'Saved'));
  await eventually(async () => assert.equal(await summary(a).inputValue(), 'Tab A wrote this. Tab B added this.'));
  assert.equal(await conflictBar(a).count(), 0);
  // One postmortem, not two; the lists of both tabs agree.
  for (const page of [a, b]) {
    assert.equal(await page.getByRole('navigation', { name: 'Postmortems' }).getByRole('listitem').count(), 1);
  }
  a.assertClean();
  b.assertClean();
  await context.close();
});

test('a tab with unsaved edits keeps every character, in view, and asks before closing', async () => {
  const { context, a, b } = await twoTabs();
  // B types; before its save delay is over, A saves a newer version.
  await summary(b).fill('B1 typed before the conflict.');
  await summary(a).fill('A1 wrote this in tab A.');
  await saveNow(a);
  await eventually(async () => assert.ok(await conflictBar(b).isVisible()));
  assert.ok(await conflictBar(b).getByRole('button', { name: 'Load theirs' }).isVisible());
  assert.ok(await conflictBar(b).getByRole('button', { name: 'Keep mine as a copy' }).isVisible());
  assert.equal(await status(b), 'Not saved');
  // B goes on typing, further down the form: nothing of it is dropped,
  // the status stays "Not saved" and the banner stays in view.
  await summary(b).press('End');
  const after = ' B2 typed after the conflict: 0123456789 äöü “quoted”.';
  await b.keyboard.type(after);
  await notes(b).scrollIntoViewIfNeeded();
  await notes(b).click();
  const inNotes = 'B3 notes typed far down the page.';
  await b.keyboard.type(inNotes);
  await b.waitForTimeout(1000); // past the save delay
  assert.equal(await status(b), 'Not saved');
  assert.ok(await b.evaluate(() => window.scrollY > 0), 'the page scrolled down to Notes');
  const inView = await conflictBar(b).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });
  assert.ok(inView, 'the conflict banner is in view while typing far down the page');
  assert.equal(await summary(b).inputValue(), 'B1 typed before the conflict.' + after);
  // Closing B asks first.
  const dialog = b.waitForEvent('dialog');
  await b.close({ runBeforeUnload: true });
  const asked = await dialog;
  assert.equal(asked.type(), 'beforeunload');
  await asked.dismiss();
  assert.equal(b.isClosed(), false);
  // Keep mine as a copy: stored, and there after a reload, every character.
  await conflictBar(b).getByRole('button', { name: 'Keep mine as a copy' }).click();
  await eventually(async () => assert.equal(await status(b), 'Saved'));
  assert.equal(await conflictBar(b).count(), 0);
  await b.reload();
  await ready(b);
  assert.equal(await title(b).inputValue(), 'Shared (copy)');
  assert.equal(await summary(b).inputValue(), 'B1 typed before the conflict.' + after);
  assert.equal(await notes(b).inputValue(), inNotes);
  // A's version is untouched, and A's list shows both.
  assert.equal(await summary(a).inputValue(), 'A1 wrote this in tab A.');
  assert.ok((await stored(a)).includes('A1 wrote this in tab A.'));
  await eventually(async () => assert.equal(await a.getByRole('navigation', { name: 'Postmortems' }).getByRole('listitem').count(), 2));
  a.assertClean();
  b.assertClean();
  await context.close();
});

test('Load theirs shows the other version, saving resumes, and Undo keeps mine as a copy', async () => {
  const { context, a, b } = await twoTabs();
  await summary(b).fill('Mine, from tab B.');
  await summary(a).fill('Theirs, from tab A.');
  await saveNow(a);
  await eventually(async () => assert.ok(await conflictBar(b).isVisible()));
  await conflictBar(b).getByRole('button', { name: 'Load theirs' }).click();
  assert.equal(await summary(b).inputValue(), 'Theirs, from tab A.');
  assert.equal(await status(b), 'Saved');
  await b.locator('.toast').getByRole('button', { name: 'Undo' }).click();
  await eventually(async () => assert.equal(await summary(b).inputValue(), 'Mine, from tab B.'));
  await eventually(async () => assert.equal(await status(b), 'Saved'));
  assert.equal(await title(b).inputValue(), 'Shared (copy)');
  const all = await stored(b);
  assert.ok(all.includes('Mine, from tab B.') && all.includes('Theirs, from tab A.'), 'both versions stored');
  a.assertClean();
  b.assertClean();
  await context.close();
});

test("Help's storage figure is localStorage's, not the whole site's quota", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(server.url + '/');
  await ready(page);
  await title(page).fill('Measured');
  await eventually(async () => assert.equal(await status(page), 'Saved'));
  // Two million characters more: 40% of the ~5 MB localStorage holds.
  await page.evaluate(() => localStorage.setItem('filler', 'x'.repeat(2 * 1024 * 1024)));
  await page.getByRole('button', { name: 'Help' }).click();
  const help = page.getByRole('dialog', { name: 'Help' });
  await eventually(async () => assert.match(await help.innerText(), /Postmortems use 2\.0 MB of the about 5 MB this browser keeps for them \(40%\)/));
  await context.close();
});
