// One history for the whole page: Ctrl+Z inside a text field goes through
// the app's undo like the toolbar's, so nothing is undone twice, an undone
// text never comes back by itself, and undo walks back across fields.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, serve, launch, openPage, ready, DIST } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(process.env.DIST ?? DIST); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const title = (page) => page.getByLabel('Title', { exact: true });
const summary = (page) => page.getByRole('textbox', { name: 'Summary', exact: true });
// Longer than the history's typing pause (700 ms): the next keystroke starts a new step.
const pause = (page) => page.waitForTimeout(1200);

async function texts(page) {
  return [await title(page).inputValue(), await summary(page).inputValue()];
}

test('Ctrl+Z and Ctrl+Shift+Z inside fields walk one history, step by step, across fields', async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await title(page).fill('');
  await summary(page).fill('');
  await pause(page);
  await title(page).click();
  await page.keyboard.type('Disk full');
  await pause(page);
  await summary(page).click();
  await page.keyboard.type('Logs grew');
  await pause(page);
  await page.keyboard.type(' overnight');
  await pause(page);
  assert.deepEqual(await texts(page), ['Disk full', 'Logs grew overnight']);

  // Undo inside the summary, one step at a time.
  await page.keyboard.press('Control+z');
  await eventually(async () => assert.deepEqual(await texts(page), ['Disk full', 'Logs grew']));
  // The focus stays in the summary, its caret where the text was taken away.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-summary');
  await eventually(async () => assert.deepEqual(await page.evaluate(() => [document.activeElement.selectionStart, document.activeElement.selectionEnd]), [9, 9]));
  await page.keyboard.press('Control+z');
  await eventually(async () => assert.deepEqual(await texts(page), ['Disk full', '']));
  // The toolbar's Undo is the same history: its next step back is the
  // title's (the summary's undone text does not come back), and the focus
  // goes to the title, the field that changed.
  await page.locator('.toolbar').getByRole('button', { name: 'Undo', exact: true }).click();
  await eventually(async () => assert.deepEqual(await texts(page), ['', '']));
  await eventually(async () => assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-title'));
  // Nothing undone comes back by itself after a pause (the app recorded no new edit).
  await pause(page);
  assert.deepEqual(await texts(page), ['', '']);

  // Redo brings each back, in order (the toolbar, Ctrl+Y, Ctrl+Shift+Z).
  await page.locator('.toolbar').getByRole('button', { name: 'Redo', exact: true }).click();
  await summary(page).click();
  await eventually(async () => assert.deepEqual(await texts(page), ['Disk full', '']));
  await page.keyboard.press('Control+y');
  await eventually(async () => assert.deepEqual(await texts(page), ['Disk full', 'Logs grew']));
  await page.keyboard.press('Control+Shift+z');
  await eventually(async () => assert.deepEqual(await texts(page), ['Disk full', 'Logs grew overnight']));
  await pause(page);
  // Undo once more and type: the new text is a new step; the undone one never returns.
  await summary(page).click();
  await page.keyboard.press('Control+z');
  await eventually(async () => assert.deepEqual(await texts(page), ['Disk full', 'Logs grew']));
  await page.keyboard.press('End');
  await page.keyboard.type(' fast');
  await pause(page);
  await page.keyboard.press('Control+Shift+z');
  await pause(page);
  assert.deepEqual(await texts(page), ['Disk full', 'Logs grew fast']);
  await page.keyboard.press('Control+z');
  await eventually(async () => assert.deepEqual(await texts(page), ['Disk full', 'Logs grew']));
  await page.keyboard.press('Control+z');
  await eventually(async () => assert.deepEqual(await texts(page), ['Disk full', '']));
  // What is stored follows the history.
  await eventually(async () => assert.equal(await page.evaluate(() => Object.keys(localStorage)
    .filter((k) => k.startsWith('postmortem:doc:'))
    .map((k) => JSON.parse(localStorage.getItem(k)).document.summary).join('|')), ''));
  page.assertClean();
});

test("the browser's own undo (its Edit menu) goes through the same history", async () => {
  const page = await openPage(browser);
  await page.goto(server.url + '/');
  await ready(page);
  await title(page).fill('');
  await pause(page);
  await title(page).click();
  await page.keyboard.type('Cache stampede');
  await pause(page);
  await summary(page).click();
  await page.keyboard.type('Keys expired together');
  await pause(page);
  // What the Edit menu's Undo does: a historyUndo input in the focused field.
  await page.evaluate(() => document.execCommand('undo'));
  await eventually(async () => assert.deepEqual(await texts(page), ['Cache stampede', '']));
  // The toolbar's Undo goes on from there, to the title.
  await page.locator('.toolbar').getByRole('button', { name: 'Undo', exact: true }).click();
  await eventually(async () => assert.deepEqual(await texts(page), ['', '']));
  await title(page).focus();
  await page.evaluate(() => document.execCommand('redo'));
  await eventually(async () => assert.deepEqual(await texts(page), ['Cache stampede', '']));
  await pause(page);
  assert.deepEqual(await texts(page), ['Cache stampede', '']);
  page.assertClean();
});
