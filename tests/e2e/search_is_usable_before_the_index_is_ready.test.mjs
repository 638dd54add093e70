// Search never holds up the first screen: while a record file it needs is still on its way,
// the issues are listed and a query can be typed; its results appear once the index is ready.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, needsSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('full')));
after(() => closeSite({ server, browser }));

test('a query typed while the updates file is held runs once the index is ready', needsSite('full'), async () => {
  const page = await browser.newPage();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  let requested = false;
  await page.route(/\/data\/updates\.[0-9a-f]{16}\.json$/, async (route) => {
    requested = true;
    await held;
    await route.continue();
  });
  await page.goto(server.url);
  await page.locator('#main .issue-row').first().waitFor();
  await page.getByRole('searchbox', { name: 'Search the archive' }).pressSequentially('bacon');
  await page.waitForURL(/view=search&q=bacon$/);
  await page.getByRole('status').filter({ hasText: /^Preparing search… \d+%$/ }).waitFor();
  assert.ok(requested, 'search asked for the updates file after the first screen');
  assert.equal(await page.locator('#main .hit').count(), 0);
  release();
  const crate = page.locator('.result-group[data-kind=crate] .hit').first();
  await crate.waitFor();
  assert.equal(await crate.getAttribute('data-issue'), '569');
  await page.close();
});
