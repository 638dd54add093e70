// The search is in the URL: reloading ?view=search&q=tokio shows the same results, and after
// typing another query, back brings the previous one (box and results) back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, needsSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('full')));
after(() => closeSite({ server, browser }));

const titles = (page) => page.locator('#main .hit-title').allInnerTexts();

test('a reload shows the same results and back restores the previous query', needsSite('full'), async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=search&q=tokio`);
  await page.locator('#main .hit').first().waitFor();
  const before = await titles(page);
  const status = await page.locator('#main .count').innerText();
  assert.ok(before.length > 0);
  await page.reload();
  await page.locator('#main .hit').first().waitFor();
  assert.deepEqual(await titles(page), before);
  assert.equal(await page.locator('#main .count').innerText(), status);
  const box = page.getByRole('searchbox', { name: 'Search the archive' });
  assert.equal(await box.inputValue(), 'tokio');

  await box.fill('');
  await box.pressSequentially('serde');
  await page.waitForURL(/q=serde$/);
  await page.waitForFunction(() => document.querySelector('#main .count')?.innerText.includes('“serde”'));
  await page.goBack();
  await page.waitForURL(/q=tokio$/);
  await page.waitForFunction((s) => document.querySelector('#main .count')?.innerText === s, status);
  assert.equal(await box.inputValue(), 'tokio');
  assert.deepEqual(await titles(page), before);
  await page.close();
});
