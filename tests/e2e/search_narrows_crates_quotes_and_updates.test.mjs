// On the crates, quotes and project updates views, the query narrows the view's own rows:
// each shows as many rows as the search view counts for that kind, every one with the
// query's terms marked, and the view's other filters still apply.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, watchConsole, needsSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('full')));
after(() => closeSite({ server, browser }));

/// The search view's count of `tab` (Crates, Quotes, Project updates) for query `q`.
async function searchCount(page, q, tab) {
  await page.goto(`${server.url}?view=search&q=${encodeURIComponent(q)}`);
  const count = page.locator('.kind-tabs a', { hasText: tab }).locator('.group-count');
  await count.waitFor();
  return Number(await count.innerText());
}

async function narrowed(page, query, rowSelector) {
  await page.goto(`${server.url}${query}`);
  await page.waitForFunction(() => /matching “/.test(document.querySelector('#main .count')?.innerText));
  const rows = page.locator(`#main ${rowSelector}`);
  const n = Number((await page.locator('#main .count').innerText()).split(' ')[0]);
  return { n, rows };
}

test('the crate gallery with q=tokio shows only the matching picks, tokio of #147 among them', needsSite('full'), async () => {
  const page = await browser.newPage();
  const errors = watchConsole(page);
  const expected = await searchCount(page, 'tokio', 'Crates');
  const { n, rows } = await narrowed(page, '?view=crates&q=tokio', '.crate-card');
  assert.ok(n > 0);
  assert.equal(n, expected);
  assert.equal(await rows.count(), n, 'no "no pick this week" cards while searching');
  assert.ok(await page.locator('#main .crate-card[data-issue="147"] h2 mark').count() > 0);
  for (const row of await rows.all()) assert.ok(await row.locator('mark').count() > 0, await row.innerText());
  assert.deepEqual(errors, []);
  await page.close();
});

test('the quotes view with q=unsafe shows the matching quotes, and the author filter still applies', needsSite('full'), async () => {
  const page = await browser.newPage();
  const expected = await searchCount(page, 'unsafe', 'Quotes');
  const { n, rows } = await narrowed(page, '?view=quotes&q=unsafe', '.quote-card');
  assert.ok(n > 1);
  assert.equal(n, expected);
  assert.equal(await rows.count(), Math.min(n, 30), "one page of 30");
  for (const row of await rows.all()) assert.ok(await row.locator('mark').count() > 0, await row.innerText());
  // One author of those quotes: the author filter narrows further, to that author only.
  const attribution = await rows.first().locator('.quote-attribution').innerText();
  const author = (await page.locator('#main select option').allInnerTexts()).find((a) => a !== 'Anyone' && attribution.includes(a));
  assert.ok(author, attribution);
  await page.goto(`${server.url}?view=quotes&q=unsafe&author=${encodeURIComponent(author)}`);
  await page.waitForFunction(() => /matching “/.test(document.querySelector('#main .count')?.innerText));
  const m = Number((await page.locator('#main .count').innerText()).split(' ')[0]);
  assert.ok(m >= 1 && m <= n);
  await page.close();
});

test('the project updates view with q and a kind shows only matching items of that kind', needsSite('full'), async () => {
  const page = await browser.newPage();
  const expected = await searchCount(page, 'kind:pr const generics', 'Project updates');
  const { n, rows } = await narrowed(page, '?view=updates&kind=pull_request&q=const+generics', '.update-row');
  assert.ok(n > 0);
  assert.equal(n, expected);
  assert.ok((await rows.evaluateAll((rs) => rs.map((r) => r.dataset.kind))).every((k) => k === 'pull_request'));
  for (const row of await rows.all()) assert.ok(await row.locator('mark').count() >= 2, await row.innerText());
  await page.close();
});
