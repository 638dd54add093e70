// From the search box, ArrowDown and ArrowUp move through the results (ArrowUp from the first
// goes back to the box), and Enter opens the focused one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, needsSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('full')));
after(() => closeSite({ server, browser }));

const focused = (page) =>
  page.evaluate(() => {
    const a = document.activeElement;
    const all = [...document.querySelectorAll('#main [data-result]')];
    return a?.id === 'search-box' ? 'box' : all.indexOf(a);
  });

test('arrows move through the results and back to the box', needsSite('full'), async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=search&q=tokio`);
  await page.locator('#main .hit').nth(2).waitFor();
  await page.locator('#search-box').focus();
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), 0);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(page), 2);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focused(page), 'box');
  await page.close();
});

test('Enter opens the focused result', needsSite('full'), async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=search&q=569&kind=issue`);
  await page.locator('#main .hit').first().waitFor();
  await page.locator('#search-box').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(/view=issue&issue=569$/);
  await page.locator('.reader-body').waitFor();
  await page.close();
});
