// While the bundle downloads, the page shows what it is doing and how far it has got,
// rather than a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, needsSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('full')));
after(() => closeSite({ server, browser }));

test('a slow index download shows a labelled progress bar until the issues appear', needsSite('full'), async () => {
  const page = await browser.newPage();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route(/\/data\/index\.[0-9a-f]{16}\.json$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(server.url);
  // First "Loading the archive…" while the manifest loads, then bytes against its size.
  const status = page.getByRole('status').filter({ hasText: /of \d+ KB/ });
  await status.waitFor();
  assert.match(await status.innerText(), /Loading the archive… 0 of \d+ KB/);
  const bar = page.getByRole('progressbar', { name: /Loading the archive/ });
  assert.equal(await bar.count(), 1);
  release();
  await page.locator('#main .issue-row').first().waitFor();
  assert.equal(await page.getByRole('progressbar').count(), 0);
  await page.close();
});
