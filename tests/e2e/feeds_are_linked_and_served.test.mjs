// The page advertises the issue feed in <head> and links the feeds in its footer; each link
// resolves, under the sub-path, to an Atom feed of the whole history.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, needsSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('full')));
after(() => closeSite({ server, browser }));

test('the head and the footer link Atom feeds that are served', needsSite('full'), async () => {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.locator('#main .issue-row').first().waitFor();
  const advertised = await page.evaluate(() =>
    [...document.querySelectorAll('link[rel=alternate][type="application/atom+xml"]')].map((l) => l.href));
  assert.equal(advertised.length, 1, 'one feed is advertised in <head>');
  assert.match(advertised[0], /\/twir-explorer\/feeds\/issues\.xml$/);
  const footer = await page.evaluate(() =>
    [...document.querySelectorAll('footer a[type="application/atom+xml"]')].map((a) => a.href));
  assert.ok(footer.length >= 3, `footer feed links: ${footer}`);
  for (const url of new Set([...advertised, ...footer])) {
    const res = await fetch(url);
    assert.equal(res.status, 200, url);
    const xml = await res.text();
    assert.match(xml, /<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom"/, url);
    assert.ok((xml.match(/<entry>/g) ?? []).length > 500, `${url} holds the whole history`);
  }
  await page.close();
});
