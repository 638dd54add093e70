// Events by region and online, and project updates by kind and repository, on the full archive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, needsSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('full')));
after(() => closeSite({ server, browser }));

test('the online filter shows only online events, each once', needsSite('full'), async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=events&year=2026`);
  await page.locator('.event-row').first().waitFor();
  const all = Number((await page.locator('#main .count').innerText()).split(' ')[0]);
  await page.getByLabel('Online only').check();
  await page.waitForURL(/online=1/);
  await page.waitForFunction((all) => Number(document.querySelector('#main .count').innerText.split(' ')[0]) < all, all);
  const rows = page.locator('.event-row');
  assert.ok((await rows.count()) > 0);
  for (const flag of await rows.evaluateAll((els) => els.map((e) => e.dataset.online))) {
    assert.equal(flag, '1');
  }
  const keys = await rows.evaluateAll((els) =>
    els.map((e) => `${e.querySelector('.event-date').innerText}|${e.querySelector('.event-title').innerText}|${e.querySelector('a.event-title')?.href}|${e.querySelector('.event-meta').innerText.split('listed in')[0]}`),
  );
  assert.equal(new Set(keys).size, keys.length, 'an event listed in several issues appears once');
  await page.close();
});

test('final comment period items of the Rust repository in #665 carry their group', needsSite('full'), async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=updates&kind=final_comment_period&group=Rust&year=2026`);
  await page.locator('.update-row').first().waitFor();
  const first = page.locator('.update-row').first();
  assert.match(await first.innerText(), /Rust · #665 · 2026-08-19/);
  const kinds = await page.locator('.update-row .kind').allInnerTexts();
  assert.ok(kinds.every((k) => /final comment period/i.test(k)), kinds.join());
  await page.close();
});
