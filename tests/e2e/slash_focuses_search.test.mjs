// `/` focuses the header's search box on every view, even one with text fields of its own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('sample')));
after(() => closeSite({ server, browser }));

for (const [name, query, ready] of [
  ['issues', '', '#main .issue-row'],
  ['links', '?view=links', '#main .link-row'],
]) {
  test(`slash focuses the search box on the ${name} view`, async () => {
    const page = await browser.newPage();
    await page.goto(server.url + query);
    await page.locator(ready).first().waitFor();
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-box');
    assert.equal(await page.locator('#search-box').inputValue(), '', 'the slash is not typed');
    await page.close();
  });
}
