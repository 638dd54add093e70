// The widget costs a page nothing until it comes near the viewport; then its code loads once
// for all the widgets of the page, and each fetches only its own kind's data file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPagesServer } from '../support/pages-server.mjs';
import { launchBrowser, siteDir, watchConsole, needsSite, skipsSite } from '../support/browser.mjs';
import { hostilePage, startHostSite } from '../support/widget-host.mjs';

let server, host, browser;
before(async () => {
  if (skipsSite('full')) return;
  server = await startPagesServer({ root: siteDir('full'), base: '/twir-explorer/' });
  // The spacer's inline style outranks the host's `* { all: unset }`.
  const below = (tags) => `<section style="display:block;height:5000px">A long page.</section>${tags}`;
  host = await startHostSite({
    below: hostilePage(server.url, below('<twir-widget kind="crate"></twir-widget><twir-widget kind="issue"></twir-widget>')),
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await host?.close();
  await server?.close();
});

test('widgets below the fold load when scrolled near, with one load of the code and only their kinds’ data', needsSite('full'), async () => {
  const page = await browser.newPage();
  const errors = watchConsole(page);
  const requested = [];
  page.on('request', (r) => {
    if (r.url().startsWith(server.origin)) requested.push(new URL(r.url()).pathname.replace('/twir-explorer/', ''));
  });
  await page.goto(host.url('below'));
  await page.waitForLoadState('networkidle');
  assert.deepEqual(requested, ['widget.js'], 'only the loader before the widgets come near');

  await page.locator('twir-widget').first().scrollIntoViewIfNeeded();
  await page.locator('twir-widget[kind=crate] .title').waitFor();
  await page.locator('twir-widget[kind=issue] .title').waitFor();
  await page.waitForLoadState('networkidle');
  const count = (re) => requested.filter((p) => re.test(p)).length;
  assert.equal(count(/^widget\/twir-widget\.[0-9a-f]{16}\.wasm$/), 1, 'the wasm loads once');
  assert.equal(count(/^widget\/twir-widget\.[0-9a-f]{16}\.js$/), 1, 'its glue loads once');
  assert.equal(count(/^data\/manifest\.json$/), 1, 'the manifest loads once');
  assert.equal(count(/^data\/widget-crate\.[0-9a-f]{16}\.json$/), 1);
  assert.equal(count(/^data\/widget-issue\.[0-9a-f]{16}\.json$/), 1);
  assert.equal(requested.length, 6, `nothing else: ${requested.join(', ')}`);
  assert.deepEqual(errors, []);
  await page.close();
});
