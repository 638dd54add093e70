// Typing "bacon" in the header's search box on the full archive shows the crate pick of #569
// (`twir search <archive> bacon` ranks it first) first among the crates, with its count.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, watchConsole, needsSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('full')));
after(() => closeSite({ server, browser }));

test('typing bacon shows the crate pick of issue 569 first in Crates', needsSite('full'), async () => {
  const page = await browser.newPage();
  const errors = watchConsole(page);
  await page.goto(server.url);
  await page.locator('#main .issue-row').first().waitFor();
  await page.getByRole('searchbox', { name: 'Search the archive' }).pressSequentially('bacon');
  await page.waitForURL(/view=search&q=bacon$/);
  const crates = page.locator('.result-group[data-kind=crate]');
  await crates.locator('.hit').first().waitFor();
  const first = crates.locator('.hit').first();
  assert.equal(await first.getAttribute('data-issue'), '569');
  assert.equal(await first.locator('.hit-title').innerText(), 'bacon');
  assert.equal(await first.locator('.hit-title mark').innerText(), 'bacon');
  assert.equal(await crates.locator('h2 .group-count').innerText(), String(await crates.locator('.hit').count()));
  assert.match(await page.locator('#main .count').innerText(), /^\d+ results for “bacon”$/);
  assert.deepEqual(errors, []);
  await page.close();
});
