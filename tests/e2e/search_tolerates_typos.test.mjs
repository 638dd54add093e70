// A typo finds what was meant: "tokoi" finds the tokio crate pick, with "tokio" (and the other
// word one edit away, "tokei") marked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, needsSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('full')));
after(() => closeSite({ server, browser }));

test('tokoi finds tokio', needsSite('full'), async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=search&q=tokoi`);
  const crates = page.locator('.result-group[data-kind=crate]');
  await crates.locator('.hit').first().waitFor();
  // `twir search <archive> tokoi`: the pick of #147, "tokio", first.
  assert.equal(await crates.locator('.hit-title').first().innerText(), 'tokio');
  assert.equal(await crates.locator('.hit').first().getAttribute('data-issue'), '147');
  const marks = await page.locator('#main .hit-title mark').allInnerTexts();
  assert.ok(marks.includes('tokio'), marks.join());
  assert.ok(marks.every((m) => ['tokio', 'tokei'].includes(m.toLowerCase())), marks.join());
  await page.close();
});
