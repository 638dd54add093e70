// On the links view, the search narrows the filtered links: category, year and q together
// show only Rust Walkthroughs of 2023 that match "async", as many as the search view finds
// for `cat:walkthroughs year:2023 async` (`twir search` finds 13).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, watchConsole, needsSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('full')));
after(() => closeSite({ server, browser }));

test('links of a category and year that match the query, all marked', needsSite('full'), async () => {
  const page = await browser.newPage();
  const errors = watchConsole(page);
  await page.goto(`${server.url}?view=links&cat=walkthroughs&year=2023&q=async`);
  const count = page.locator('#main .count');
  await page.waitForFunction(() => /matching “async”/.test(document.querySelector('#main .count')?.innerText));
  const n = Number((await count.innerText()).split(' ')[0]);
  const rows = page.locator('#main .link-row');
  assert.ok(n > 0);
  assert.equal(await rows.count(), n);
  assert.ok((await rows.locator('.category').allInnerTexts()).every((c) => c === 'Rust Walkthroughs'));
  assert.ok((await rows.locator('time').allInnerTexts()).every((d) => d.startsWith('2023-')));
  for (const row of await rows.all()) {
    assert.ok(await row.locator('mark').count() > 0, await row.innerText());
  }
  const option = await page.locator('select >> nth=0 >> option[value=walkthroughs]').innerText();
  assert.equal(option, `Rust Walkthroughs (${n})`, 'the category count follows the search');

  await page.goto(`${server.url}?view=search&q=${encodeURIComponent('cat:walkthroughs year:2023 async')}`);
  const links = page.locator('.kind-tabs a', { hasText: 'Links' }).locator('.group-count');
  await links.waitFor();
  assert.equal(Number(await links.innerText()), n);
  assert.deepEqual(errors, []);
  await page.close();
});

test('typing in the box on the links view stays on the links view', needsSite('full'), async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=links&cat=research`);
  await page.locator('#main .link-row').first().waitFor();
  await page.getByRole('searchbox', { name: 'Search the archive' }).pressSequentially('rust');
  await page.waitForURL(/view=links&cat=research&q=rust$/);
  await page.waitForFunction(() => /matching “rust”/.test(document.querySelector('#main .count')?.innerText));
  assert.ok((await page.locator('#main .link-row .category').allInnerTexts()).every((c) => c === 'Research'));
  await page.close();
});
