// The crate gallery and the quotes of the full archive: picks with their issue, weeks
// without a pick, and quote permalinks that reload to the same quote.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, needsSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('full')));
after(() => closeSite({ server, browser }));

test('the crate gallery lists bacon for issue 569', needsSite('full'), async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=crates&year=2024`);
  const card = page.locator('.crate-card[data-issue="569"]');
  await card.waitFor();
  assert.equal(await card.locator('h2').innerText(), 'bacon');
  assert.match(await card.innerText(), /Issue #569 · 2024-10-16/);
  assert.match(await card.innerText(), /Suggested by Denys Séguret \(self-suggestion\)/);
  assert.equal(await card.locator('h2 a').getAttribute('href'), 'https://dystroy.org/bacon');
  await page.close();
});

test('weeks without a pick are shown as such', needsSite('full'), async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=crates`);
  await page.locator('.crate-card').first().waitFor();
  assert.match(await page.locator('#main .count').innerText(), /560 picks in 571 weeks; 21 weeks without a pick/);
  assert.equal(await page.locator('.crate-card.none').count(), 21);
  await page.close();
});

test('a quote permalink reloads to the same quote', needsSite('full'), async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=quotes`);
  await page.locator('.quote-card').first().waitFor();
  await page.getByRole('button', { name: 'Random quote' }).click();
  await page.waitForURL(/quote=\d+-\d+/);
  const id = new URL(page.url()).searchParams.get('quote');
  const first = page.locator('.quote-card').first();
  await page.waitForFunction((id) => document.querySelector('.quote-card')?.dataset.quote === id, id);
  const text = await first.locator('blockquote').innerText();
  await page.reload();
  await page.locator('.quote-card').first().waitFor();
  assert.equal(await page.locator('.quote-card').first().getAttribute('data-quote'), id);
  assert.equal(await page.locator('.quote-card.selected blockquote').innerText(), text);
  await page.close();
});
