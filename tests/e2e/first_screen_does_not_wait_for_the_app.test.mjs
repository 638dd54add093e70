// The build writes the newest issues (and the newest links) into index.html, so the first
// screen shows before the wasm and the bundle load; the app replaces it once its view is ready.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, needsSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('full')));
after(() => closeSite({ server, browser }));

test('without any script the newest issues are already on the page', needsSite('full'), async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(server.url);
  const rows = page.locator('#prerender .issue-row');
  assert.equal(await rows.count(), 60);
  assert.match(await rows.first().innerText(), /#665\s+2026-08-19\s+This Week in Rust 665/);
  assert.equal(await page.locator('#prerender-links').isHidden(), true);
  await context.close();
});

test('the links view shows the newest links first, then the app takes over', needsSite('full'), async () => {
  const page = await browser.newPage();
  await page.route(/\/data\/links\.[0-9a-f]{16}\.json$/, async (route) => {
    await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
  await page.goto(`${server.url}?view=links`);
  const pre = page.locator('#prerender-links .link-row');
  await pre.first().waitFor();
  assert.equal(await pre.count(), 50);
  assert.equal(await page.locator('#prerender-issues').isHidden(), true);
  await page.locator('#main .link-row').first().waitFor();
  assert.equal(await page.locator('#prerender').count(), 0, 'the first screen is gone once the app shows the view');
  await page.close();
});

test('a filtered view does not show the unfiltered first screen', needsSite('full'), async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=links&cat=research`);
  assert.equal(await page.locator('#prerender').isHidden(), true);
  await page.locator('#main .link-row').first().waitFor();
  await page.close();
});
