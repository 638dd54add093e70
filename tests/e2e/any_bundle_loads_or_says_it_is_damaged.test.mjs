// The app survives any bundle: the sample's bundle edited to carry issue 4294967295 (the
// largest u32; `twir bundle` refuses it, a hand-edited or damaged bundle may hold it) loads and
// works in every view, and an events file whose numbers overflow shows the damaged-bundle
// message with a retry. Never a trap, never a blank page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, watchConsole } from '../support/browser.mjs';

const HUGE = 4294967295;
// The sample's newest issue, renumbered to HUGE.
const NEWEST = 576;

let server, browser;
before(async () => ({ server, browser } = await openSite('sample')));
after(() => closeSite({ server, browser }));

/// Serves the sample's bundle with issue NEWEST renumbered to HUGE: in the index, in the
/// issue runs of every record file, and its body under the new number.
async function renumberNewest(page) {
  await page.route(/\/data\/(index|links|crates|quotes|events|updates|others)\.[0-9a-f]{16}\.json$/, async (route) => {
    const response = await route.fetch();
    const json = await response.json();
    if (json.issues) {
      const numbers = json.issues.number;
      assert.equal(numbers.at(-1), NEWEST);
      numbers[numbers.length - 1] = HUGE;
    } else if (Array.isArray(json.issue) && Array.isArray(json.issue[0])) {
      // Issue runs: [number, count] pairs.
      for (const run of json.issue) if (run[0] === NEWEST) run[0] = HUGE;
    } else if (Array.isArray(json.issue)) {
      json.issue = json.issue.map((n) => (n === NEWEST ? HUGE : n));
    }
    await route.fulfill({ response, json });
  });
  await page.route(new RegExp(`/data/issues/${HUGE}\\.`), (route) =>
    route.continue({ url: route.request().url().replace(`/issues/${HUGE}.`, `/issues/${NEWEST}.`) }),
  );
}

test('a bundle with issue 4294967295 loads in every view', async () => {
  const page = await browser.newPage();
  const errors = watchConsole(page);
  await renumberNewest(page);

  // The list: the app (not the prerendered first screen, which has #576) shows the number.
  await page.goto(server.url);
  const huge = page.locator(`#main .issue-row[data-number="${HUGE}"]`);
  await huge.waitFor();
  assert.equal(await page.locator('#main .issue-row').count(), 5);
  assert.equal(await page.locator(`#main .issue-row[data-number="${NEWEST}"]`).count(), 0);
  assert.match(await huge.innerText(), /#4294967295/);

  // The reader opens it, with its date and body.
  await page.goto(`${server.url}?view=issue&issue=${HUGE}`);
  await page.locator('#reader-title').waitFor();
  assert.equal(await page.locator('#reader-title').innerText(), 'This Week in Rust 576');
  await page.locator('.reader-body').waitFor();
  assert.match(await page.locator('.reader-meta').innerText(), /2024-12-04/);

  // Links take their issue's date from the look-up by number.
  await page.goto(`${server.url}?view=links`);
  await page.locator('#main .link-row').first().waitFor();
  const rows = page.locator('#main .link-row', { has: page.locator(`a[href$="issue=${HUGE}"]`) });
  assert.ok((await rows.count()) > 0, 'links of the renumbered issue are listed');
  const dates = await rows.locator('time').allInnerTexts();
  assert.ok(dates.every((d) => d === '2024-12-04'), dates.join());

  // The search index is built over it, and its issue filter finds its records.
  await page.goto(`${server.url}?view=search&q=${encodeURIComponent(`rust issue:${HUGE}`)}`);
  const hits = page.locator('#main .hit');
  await hits.first().waitFor();
  const issues = await hits.evaluateAll((hs) => hs.map((h) => h.dataset.issue));
  assert.ok(issues.length > 0 && issues.every((n) => n === String(HUGE)), issues.join());

  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an events file that overflows shows the damaged message, and retry recovers', async () => {
  const page = await browser.newPage();
  const errors = watchConsole(page);
  const events = /\/data\/events\.[0-9a-f]{16}\.json$/;
  const damage = async (edit) => {
    await page.unroute(events);
    await page.route(events, async (route) => {
      const response = await route.fetch();
      const text = await response.text();
      const body = edit(text);
      assert.notEqual(body, text);
      await route.fulfill({ response, body });
    });
  };
  const alert = page.getByRole('alert');

  // The first two day deltas: 1, then i64::MAX, whose sum overflows (a debug build panicked).
  // Edited as text: JSON numbers in JS are doubles.
  await damage((text) => text.replace(/"date":\[(-?\d+|null),(-?\d+|null)/, '"date":[1,9223372036854775807'));
  await page.goto(`${server.url}?view=events`);
  await alert.waitFor();
  assert.match(await alert.innerText(), /The archive could not be loaded/);
  assert.match(await alert.innerText(), /data\/events\.[0-9a-f]{16}\.json is damaged \(.*date: a day out of range/);
  // The rest of the app still works: the other views are a click away.
  assert.ok((await page.locator('nav.tabs a').count()) > 0);

  // The first event on the last day an i32 holds, lasting 3 days: its end is past any date
  // (a release build wrapped it into a wrong date, silently).
  await damage((text) => {
    const json = JSON.parse(text);
    assert.equal(JSON.stringify(json), text, 'the file reads back exactly as JSON in JS');
    json.date = json.date.map((_, i) => (i === 0 ? 2147483647 : null));
    json.days[0] = 3;
    return JSON.stringify(json);
  });
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.waitForFunction(() => /run past the last date/.test(document.querySelector('[role=alert]')?.innerText));
  assert.match(await alert.innerText(), /damaged \(the bundle is inconsistent: an event's `days` run past the last date\)/);

  await page.unroute(events);
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.locator('#main .event-row').first().waitFor();
  assert.equal(await page.getByRole('alert').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});
