// Filtering the links of the full archive by category and year shows only such links, with
// counts that follow the other filters, and the filters live in the URL.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, watchConsole, needsSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('full')));
after(() => closeSite({ server, browser }));

test('filtering by Rust Walkthroughs in 2023 shows only such links', needsSite('full'), async () => {
  const page = await browser.newPage();
  const errors = watchConsole(page);
  await page.goto(`${server.url}?view=links`);
  await page.locator('#main .link-row').first().waitFor();
  await page.getByLabel('Category').selectOption('walkthroughs');
  await page.getByLabel('Year').selectOption('2023');
  await page.waitForURL(/cat=walkthroughs/);
  await page.waitForURL(/year=2023/);
  const rows = page.locator('#main .link-row');
  await rows.first().waitFor();
  const categories = await rows.locator('.category').allInnerTexts();
  assert.ok(categories.length > 0);
  assert.ok(categories.every((c) => c === 'Rust Walkthroughs'), categories.join());
  const dates = await rows.locator('time').allInnerTexts();
  assert.ok(dates.every((d) => d.startsWith('2023-')), dates.join());
  const count = Number((await page.locator('#main .count').innerText()).split(' ')[0]);
  const option = await page.locator('select >> nth=0 >> option[value=walkthroughs]').innerText();
  assert.equal(option, `Rust Walkthroughs (${count})`, 'the category count follows the year filter');
  assert.deepEqual(errors, []);
  await page.close();
});

test('back restores the previous filters', needsSite('full'), async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=links&cat=research`);
  await page.locator('#main .link-row').first().waitFor();
  const researchCount = await page.locator('#main .count').innerText();
  await page.getByLabel('Year').selectOption('2022');
  await page.waitForURL(/year=2022/);
  await page.waitForFunction((before) => document.querySelector('#main .count')?.innerText !== before, researchCount);
  await page.goBack();
  await page.waitForURL((u) => !u.search.includes('year='));
  await page.waitForFunction((before) => document.querySelector('#main .count')?.innerText === before, researchCount);
  assert.equal(await page.getByLabel('Year').inputValue(), '');
  assert.equal(await page.getByLabel('Category').inputValue(), 'research');
  await page.close();
});
