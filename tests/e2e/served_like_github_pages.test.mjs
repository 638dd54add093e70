// The built site is served the way GitHub Pages serves it: under a sub-path, gzipped, a 404 for
// unknown paths, and the app's own requests all stay under the sub-path.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('sample')));
after(() => closeSite({ server, browser }));

test('unknown paths are 404, as on GitHub Pages without a fallback', async () => {
  for (const p of ['/twir-explorer/issues/569', '/twir-explorer/nope.html', '/elsewhere/']) {
    const res = await fetch(server.origin + p);
    assert.equal(res.status, 404, p);
  }
  const res = await fetch(`${server.url}?view=quotes&author=llogiq`);
  assert.equal(res.status, 200);
});

test('every request of the app stays under the sub-path and text assets arrive gzipped', async () => {
  const page = await browser.newPage();
  const requests = [];
  page.on('response', (r) => requests.push([new URL(r.url()).pathname, r.status(), r.headers()['content-encoding']]));
  await page.goto(server.url);
  await page.locator('#main .issue-row').first().waitFor();
  assert.ok(requests.length >= 5, JSON.stringify(requests));
  for (const [p, status] of requests) {
    assert.ok(p.startsWith('/twir-explorer/'), `${p} is outside the sub-path`);
    assert.equal(status, 200, p);
  }
  const wasm = requests.find(([p]) => p.endsWith('.wasm'));
  assert.ok(wasm, 'the app loads its wasm');
  assert.equal(wasm[2], 'gzip');
  assert.ok(requests.some(([p]) => /\/data\/index\.[0-9a-f]{16}\.json$/.test(p)), 'the content-hashed index is fetched');
  await page.close();
});
