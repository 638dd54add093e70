// A reader who opens an issue whose body is slow to come, then moves on to the previous issue,
// sees that issue's body at once: its download does not wait for the one they left, and the
// left issue's body, when it finally comes, is never shown in its place.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, watchConsole, SAMPLE_ISSUES } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('sample')));
after(() => closeSite({ server, browser }));

const [NEWEST, PREVIOUS] = SAMPLE_ISSUES.map(([n]) => n.slice(1));

test("the previous issue's body shows while the left issue's body is still on its way", async () => {
  const page = await browser.newPage();
  const errors = watchConsole(page);
  // The newest issue's body answers only when the test lets it.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(new RegExp(`/data/issues/${NEWEST}\\.[^/]*$`), async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${server.url}?view=issue&issue=${NEWEST}`);
  await page.locator('.reader .loading').waitFor();
  await page.getByRole('link', { name: `‹ #${PREVIOUS}` }).click();
  await page.locator('#reader-title').filter({ hasText: `${PREVIOUS}` }).waitFor();
  // The previous issue's body, while the newest one's is still held.
  await page.locator('.reader-body').first().waitFor({ timeout: 10000 });
  const shown = await page.locator('#reader-title').innerText();
  release();
  // Let the held answer arrive: the reader stays on the previous issue's body.
  await page.waitForTimeout(500);
  assert.equal(await page.locator('#reader-title').innerText(), shown);
  assert.equal(await page.locator('.reader-body').count(), 1);
  assert.match(new URL(page.url()).searchParams.get('issue'), new RegExp(`^${PREVIOUS}$`));
  assert.deepEqual(errors, []);
  await page.close();
});
