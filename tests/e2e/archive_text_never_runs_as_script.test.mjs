// Archive text is data: a test archive full of script tags, event handlers and javascript:
// links (written by tests/support/hostile-archive.mjs from the real #665) is shown in every
// view without any of it running, no javascript: URL becomes a link, and the page's
// Content-Security-Policy reports no violation (nothing even tried to run).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, needsSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('hostile')));
after(() => closeSite({ server, browser }));

const VIEWS = [
  ['reader', '?view=issue&issue=667', '.reader-body'],
  ['links', '?view=links', '#main .link-row'],
  ['crates', '?view=crates', '.crate-card'],
  ['quotes', '?view=quotes', '.quote-card'],
];

for (const [name, query, ready] of VIEWS) {
  test(`the ${name} view shows hostile archive text without running it`, needsSite('hostile'), async () => {
    const page = await browser.newPage();
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss();
    });
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`), true);
    });
    await page.goto(server.url + query);
    await page.locator(ready).first().waitFor();
    // Hover and click everything the archive put there.
    for (const el of await page.locator('main a, main b, main img, main svg').all()) {
      await el.hover({ force: true, timeout: 1000 }).catch(() => {});
    }
    for (const el of await page.locator('main a:not([href^="http"])').all()) {
      await el.click({ force: true, timeout: 1000, noWaitAfter: true }).catch(() => {});
    }
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no Content-Security-Policy violation');
    const bad = await page.evaluate(() =>
      [...document.querySelectorAll('[href], [src]')]
        .map((e) => e.getAttribute('href') ?? e.getAttribute('src'))
        .filter((u) => /^\s*(javascript|data|vbscript):/i.test(u)),
    );
    assert.deepEqual(bad, []);
    const handlers = await page.evaluate(() =>
      [...document.querySelectorAll('main *')].flatMap((e) =>
        [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName} ${a.name}`),
      ),
    );
    assert.deepEqual(handlers, []);
    assert.equal(await page.locator('main script, main iframe, main svg').count(), 0);
    await page.close();
  });
}

test('harmless text of the hostile issue is still shown', needsSite('hostile'), async () => {
  const page = await browser.newPage();
  await page.goto(`${server.url}?view=issue&issue=667`);
  await page.locator('.reader-body').waitFor();
  const text = await page.locator('.reader-body').innerText();
  assert.match(text, /Hello and welcome to a hostile issue/);
  assert.match(text, /Safe words survive/);
  assert.match(text, /Click me/);
  assert.equal(await page.locator('.reader-body a[href="https://blog.rust-lang.org/2026/09/01/harmless/"]').count(), 1);
  await page.close();
});
