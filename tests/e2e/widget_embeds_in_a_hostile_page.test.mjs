// The widget on a community site of another origin whose CSS is hostile (`* { all: unset }`,
// `div { display: none }`): each kind renders its content from the full archive's bundle,
// leaves the host page's DOM as it was, and downloads under 80 KB gzipped, code and data
// (printed per kind). The search box opens the explorer's results; the iframe embed works
// where a site cannot add scripts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPagesServer } from '../support/pages-server.mjs';
import { launchBrowser, siteDir, watchConsole, needsSite, skipsSite } from '../support/browser.mjs';
import { hostilePage, startHostSite, widgetRecords } from '../support/widget-host.mjs';

const BUDGET = 80_000;
const KINDS = {
  crate: '<twir-widget kind="crate"></twir-widget>',
  quote: '<twir-widget kind="quote" theme="light"></twir-widget>',
  'random quote': '<twir-widget kind="quote" pick="random"></twir-widget>',
  issue: '<twir-widget kind="issue" theme="dark"></twir-widget>',
  search: '<twir-widget kind="search"></twir-widget>',
};

let server, host, browser, records;
const bytes = {};
before(async () => {
  if (skipsSite('full')) return;
  server = await startPagesServer({ root: siteDir('full'), base: '/twir-explorer/' });
  const pages = Object.fromEntries(
    Object.entries(KINDS).map(([kind, tag]) => [kind.replace(' ', '-'), hostilePage(server.url, tag)]),
  );
  pages.iframe = hostilePage(
    server.url,
    `<iframe title="This Week in Rust" src="${server.url}widget.html?kind=issue&theme=dark" style="display:block;width:420px;height:420px;border:0"></iframe>`,
  );
  host = await startHostSite(pages);
  assert.notEqual(new URL(host.origin).port, new URL(server.origin).port, 'two origins');
  browser = await launchBrowser();
  records = await widgetRecords(siteDir('full'));
});
after(async () => {
  if (Object.keys(bytes).length) {
    console.log('bytes downloaded from the explorer per widget kind (gzipped, code + data):');
    for (const [kind, b] of Object.entries(bytes)) {
      console.log(`  ${kind.padEnd(13)} ${String(b.total).padStart(6)} B  (${b.files.join(', ')})`);
    }
  }
  await browser?.close();
  await host?.close();
  await server?.close();
});

/// Opens a host page, counting what it downloads from the explorer's origin.
async function openHostPage(name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = watchConsole(page);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const urls = new Map();
  const received = [];
  cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
  cdp.on('Network.loadingFinished', (e) => {
    const url = urls.get(e.requestId) ?? '';
    if (url.startsWith(server.origin)) received.push([new URL(url).pathname, e.encodedDataLength]);
  });
  await page.goto(host.url(name));
  return { context, page, errors, received };
}

async function hostIsUntouched(page) {
  const [same, mutations, hiddenDiv] = await page.evaluate(() => [
    document.documentElement.outerHTML === window.hostBefore,
    window.hostMutations,
    getComputedStyle(document.getElementById('host-div')).display,
  ]);
  assert.ok(same, "the host page's DOM is as it was parsed");
  assert.deepEqual(mutations, [], 'no mutation of the host page');
  assert.equal(hiddenDiv, 'none', "the host's own CSS still rules the host's elements");
}

const EXPECT = {
  crate: async (page) => {
    await assert.doesNotReject(page.locator('twir-widget .title').waitFor());
    assert.equal(await page.locator('twir-widget .title').innerText(), records.crate.name);
    assert.equal(
      await page.locator('twir-widget .meta a').last().getAttribute('href'),
      `${server.url}?view=issue&issue=${records.crate.issue}`,
    );
  },
  quote: async (page) => {
    await page.locator('twir-widget blockquote p').first().waitFor();
    assert.equal(await page.locator('twir-widget blockquote p').first().innerText(), records.quote.paragraphs[0]);
  },
  'random quote': async (page, received) => {
    await page.locator('twir-widget blockquote p').first().waitFor();
    const shown = await page.locator('twir-widget blockquote p').first().innerText();
    assert.ok(records.allQuotes.some((q) => q.paragraphs[0] === shown), `${shown} is a quote of the archive`);
    assert.equal(received.filter(([p]) => /quotes-widget-\d+\./.test(p)).length, 1, 'one chunk of quotes');
  },
  issue: async (page) => {
    await page.locator('twir-widget .title').waitFor();
    assert.equal(await page.locator('twir-widget .title').innerText(), records.issue.title);
    const links = page.locator('twir-widget .links li a');
    assert.equal(await links.count(), records.issue.links.length);
    assert.equal(await links.first().getAttribute('href'), records.issue.links[0].url);
    assert.equal(await page.locator('twir-widget .twir').getAttribute('data-theme'), 'dark');
  },
  search: async (page) => {
    await page.getByLabel('Search This Week in Rust').waitFor();
    assert.ok(await page.getByRole('button', { name: 'Search' }).isVisible());
  },
};

for (const kind of Object.keys(KINDS)) {
  test(`the ${kind} widget renders in a hostile page of another origin, leaves the page untouched and downloads under 80 KB`, needsSite('full'), async () => {
    const { context, page, errors, received } = await openHostPage(kind.replace(' ', '-'));
    await EXPECT[kind](page, received);
    const box = await page.locator('twir-widget').boundingBox();
    assert.ok(box && box.height > 40 && box.width > 200, `the widget has room: ${JSON.stringify(box)}`);
    await hostIsUntouched(page);
    await page.waitForLoadState('networkidle');
    const total = received.reduce((n, [, b]) => n + b, 0);
    bytes[kind] = { total, files: received.map(([p, b]) => `${p.split('/').pop()} ${b}`) };
    assert.ok(received.some(([p]) => p.endsWith('.wasm')), 'the wasm is counted');
    assert.ok(total < BUDGET, `${kind}: ${total} bytes`);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("the search widget opens the explorer's results for the query in a new tab", needsSite('full'), async () => {
  const { context, page } = await openHostPage('search');
  await page.getByLabel('Search This Week in Rust').fill('async fn');
  const [results] = await Promise.all([
    context.waitForEvent('page'),
    page.getByRole('button', { name: 'Search' }).click(),
  ]);
  await results.waitForLoadState('domcontentloaded');
  assert.equal(results.url(), `${server.url}?q=async+fn`);
  assert.equal(page.url(), host.url('search'), 'the host page stays');
  await context.close();
});

test('the iframe embed shows the widget of its query string in a hostile page', needsSite('full'), async () => {
  const { context, page, errors } = await openHostPage('iframe');
  const frame = page.frameLocator('iframe');
  await frame.locator('twir-widget .title').waitFor();
  assert.equal(await frame.locator('twir-widget .title').innerText(), records.issue.title);
  assert.equal(await frame.locator('twir-widget .twir').getAttribute('data-theme'), 'dark');
  await hostIsUntouched(page);
  assert.deepEqual(errors, []);
  await context.close();
});
