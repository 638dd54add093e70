// Marked terms are text: a query matching a quote that holds a <script> tag (the hostile test
// archive's #667) shows the tag as text with the term in <mark>, and nothing of it runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, needsSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('hostile')));
after(() => closeSite({ server, browser }));

test('a hit whose text holds a script tag shows it as text', needsSite('hostile'), async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=search&q=script`);
  const hit = page.locator('.result-group[data-kind=quote] .hit').first();
  await hit.waitFor();
  assert.match(await hit.locator('.hit-text').innerText(), /<script>window\.__pwned = 'quote'<\/script> Safe words survive\./);
  assert.deepEqual(await hit.locator('mark').allInnerTexts(), ['script', 'script']);
  assert.equal(await page.locator('#main script, #main [onclick], #main [onerror]').count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.close();
});
