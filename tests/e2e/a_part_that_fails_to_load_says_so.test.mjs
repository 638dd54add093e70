// Views other than the issue list are parts of the app's wasm fetched when first opened (code
// splitting, docs/development.md). When such a part cannot be fetched (the network failed, or a
// new deploy removed it), the page says so, with a link that reloads the same address, instead
// of silently ceasing to answer.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('sample')));
after(() => closeSite({ server, browser }));

test('a view whose code cannot be fetched shows a notice with a reload link', async () => {
  const page = await browser.newPage();
  const failed = [];
  // Every split part of the app: the chunks and the loader's fetches.
  await page.route(/\/(split|chunk)_[^/]*\.wasm$/, (route) => {
    failed.push(route.request().url());
    return route.abort('failed');
  });
  await page.goto(server.url);
  await page.locator('#main .issue-row').first().waitFor();
  await page.getByRole('link', { name: 'Quotes' }).first().click();
  const notice = page.locator('#app-stopped[role=alert]');
  await notice.waitFor({ timeout: 15000 });
  assert.ok(failed.length > 0, 'the view asked for a part of the app');
  assert.match(await notice.innerText(), /could not be loaded/);
  const reload = notice.getByRole('link', { name: 'Reload' });
  assert.equal(await reload.getAttribute('href'), page.url());
  // Following it, with the network back, opens the view.
  await page.unroute(/\/(split|chunk)_[^/]*\.wasm$/);
  await reload.click();
  await page.locator('#main .quote-card').first().waitFor({ timeout: 15000 });
  assert.equal(await page.locator('#app-stopped').count(), 0);
  await page.close();
});
