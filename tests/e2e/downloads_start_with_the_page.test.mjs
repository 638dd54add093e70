// The page starts the downloads its view needs before the app's code has loaded, and the app
// takes those responses instead of asking again: each file is requested once, and the record
// files of a search are on their way before the wasm has arrived (but asked for after it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSite, closeSite, needsSite } from '../support/browser.mjs';

let server, browser;
before(async () => ({ server, browser } = await openSite('full')));
after(() => closeSite({ server, browser }));

const path = (r) => new URL(r.url()).pathname.replace('/twir-explorer/', '');

/// Opens `query` and records every request: [path, when it was sent], and when the wasm arrived.
async function open(query, ready) {
  const page = await browser.newPage();
  const sent = [];
  let wasmArrived;
  page.on('request', (r) => sent.push([path(r), Date.now()]));
  page.on('requestfinished', (r) => {
    if (path(r).endsWith('.wasm')) wasmArrived = Date.now();
  });
  await page.goto(server.url + query);
  await page.locator(ready).first().waitFor({ timeout: 30000 });
  return { page, sent, wasmArrived };
}

const count = (sent, re) => sent.filter(([p]) => re.test(p)).length;
const first = (sent, re) => sent.find(([p]) => re.test(p))?.[1];

test('a search downloads every record file once, asked for before the app code has arrived', needsSite('full'), async () => {
  const { page, sent, wasmArrived } = await open('?view=search&q=bacon', '#main [data-result]');
  // The app's code is asked for first (over HTTP/1.1's six connections the data would hold it
  // back); the page asks for the data before that code has arrived, so before the app could.
  assert.ok(wasmArrived, 'the wasm arrived');
  for (const kind of ['links', 'crates', 'quotes', 'events', 'updates']) {
    const re = new RegExp(`^data/${kind}\\.[0-9a-f]{16}\\.json$`);
    assert.equal(count(sent, re), 1, `${kind}: ${JSON.stringify(sent.map(([p]) => p))}`);
    assert.ok(first(sent, re) >= first(sent, /\.wasm$/), `the wasm is asked for before ${kind}`);
    assert.ok(first(sent, re) <= wasmArrived, `${kind} is asked for before the wasm has arrived`);
  }
  assert.equal(count(sent, /^data\/manifest\.json$/), 1);
  assert.equal(count(sent, /^data\/index\.[0-9a-f]{16}\.json$/), 1);
  // The app took every prefetched response.
  assert.deepEqual(await page.evaluate(() => Object.keys(window.__twirPrefetch)), []);
  await page.close();
});

test('the links view downloads the links, and only the record file it shows', needsSite('full'), async () => {
  const { page, sent } = await open('?view=links', '#main .link-row');
  assert.equal(count(sent, /^data\/links\.[0-9a-f]{16}\.json$/), 1);
  for (const kind of ['crates', 'quotes', 'events', 'updates']) {
    assert.equal(count(sent, new RegExp(`^data/${kind}\\.`)), 0, `${kind} is not downloaded for the links view`);
  }
  await page.close();
});

test('a failed early download is asked for again by the app, which then shows the view', needsSite('full'), async () => {
  const page = await browser.newPage();
  let failed = 0;
  await page.route(/\/data\/quotes\.[0-9a-f]{16}\.json$/, (route) => {
    if (failed++ === 0) return route.abort('failed');
    return route.continue();
  });
  await page.goto(`${server.url}?view=quotes`);
  await page.locator('#main .quote-card').first().waitFor({ timeout: 30000 });
  assert.equal(failed, 2, 'the first request (the page’s) failed, the app’s own went through');
  await page.close();
});
