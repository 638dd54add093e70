// The release build of the built-in sample archive, served under /twir-explorer/ as GitHub
// Pages would, lists its five issues newest first with their numbers and dates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, watchConsole, listedIssues, SAMPLE_ISSUES } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('sample')));
after(() => closeSite({ server, browser }));

test('the sample archive lists its five issues, newest first, with numbers and dates', async () => {
  const page = await browser.newPage();
  const errors = watchConsole(page);
  await page.goto(server.url);
  await page.locator('#main .issue-row').first().waitFor();
  assert.deepEqual(await listedIssues(page), SAMPLE_ISSUES);
  assert.equal(await page.title(), 'This Week in Rust Explorer');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a deep link with view state in the query string is answered by the app', async () => {
  const page = await browser.newPage();
  const response = await page.goto(`${server.url}?view=issues&year=2024`);
  assert.equal(response.status(), 200);
  await page.locator('#main .issue-row').first().waitFor();
  const numbers = await page.locator('#main .issue-row .issue-number').allInnerTexts();
  assert.deepEqual(numbers, ['#576', '#572', '#569', '#532'], 'only the 2024 issues');
  await page.close();
});

test('a date range keeps the issues between its two days', async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=issues&from=2024-01-31&to=2024-10-16`);
  await page.locator('#main .issue-row').first().waitFor();
  const numbers = await page.locator('#main .issue-row .issue-number').allInnerTexts();
  assert.deepEqual(numbers, ['#569', '#532'], 'both ends included');
  await page.close();
});
