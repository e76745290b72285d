import { serve, launch, ready, ROOT } from './harness.mjs';
import path from 'node:path';
const server = await serve(); const browser = await launch();
for (const [w, h, scheme, file] of [[1280, 900, 'light', 'tests/fixtures/corpus/13-slack-pst-summer.md'], [390, 844, 'dark', 'tests/fixtures/corpus/16-gdoc-french-clock.txt'], [1280, 900, 'light', 'tests/fixtures/foreign/twelve-hour.md']]) {
  const page = await browser.newPage({ viewport: { width: w, height: h }, colorScheme: scheme });
  await page.goto(server.url + '/'); await ready(page);
  await page.getByLabel('Import file').setInputFiles(path.join(ROOT, file));
  await page.getByRole('region', { name: 'Import review' }).waitFor();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `/tmp/shots/review-${w}-${scheme}-${path.basename(file)}.png` });
  await page.close();
}
await browser.close(); await server.close();
