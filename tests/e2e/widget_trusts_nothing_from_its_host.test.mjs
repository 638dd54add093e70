// The widget trusts nothing of the page it is on: an `explorer` that is not an http(s) URL
// (as an attribute or in widget.html's query) is replaced by the explorer the script comes
// from, with a console warning, and never becomes a link or the search form's action; an
// unknown `kind` says so instead of "Loading…" for good; and a host page that added
// properties to Object.prototype puts none of its values into the widget (the data's own
// properties only), even where the data lacks a field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPagesServer } from '../support/pages-server.mjs';
import { launchBrowser, siteDir } from '../support/browser.mjs';
import { startHostSite, widgetRecords } from '../support/widget-host.mjs';

// Each runs `window.__pwned = …` if it ever runs as script.
const HOSTILE_EXPLORERS = [
  "javascript:window.__pwned='explorer'",
  " JaVaScRiPt:window.__pwned='case'",
  "data:text/html,<script>window.__pwned='data'</script>",
  'http://[',
  '//',
  'vbscript:msgbox(1)',
];
const HOSTILE_KINDS = ['crates', '__proto__', 'constructor', '<img src=x onerror=window.__pwned=1>'];
const CUSTOM = 'https://twir.example.org/';

// Every property of the widget's data, of its own results and of the browser options it
// passes, set on Object.prototype by the host page before the widget loads.
const POLLUTED = `<script>
for (const key of ['name', 'url', 'description', 'suggested_by', 'suggested_by_url', 'author', 'source',
  'date', 'title', 'category', 'paragraphs', 'links', 'links_total', 'id', 'issue', 'number', 'crate_pick',
  'latest', 'chunks', 'quotes', 'path', 'files', 'schema', 'record', 'failure', 'failed', 'widget-crate',
  'widget-quote', 'widget-issue', 'mode', 'credentials', 'redirect', 'referrerPolicy']) {
  Object.defineProperty(Object.prototype, key, { value: "javascript:window.__pwned='" + key + "'", writable: true, configurable: true });
}
// Options the browser would read from a prototype: each breaks a fetch or an observer.
Object.prototype.method = 'POST';
Object.prototype.integrity = 'sha256-' + 'A'.repeat(43) + '=';
Object.prototype.root = 'POLLUTED';
Object.prototype.threshold = 'POLLUTED';
</script>`;

let server, host, browser, records;
before(async () => {
  server = await startPagesServer({ root: siteDir('sample'), base: '/twir-explorer/' });
  const page = (body, head = '') => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A Rust site</title>
<link rel="icon" href="data:,">${head}<script src="${server.url}widget.js" async></script></head>
<body><main><h1>A Rust site</h1>${body}</main></body></html>`;
  const attr = (s) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');
  const kinds = ['crate', 'quote', 'issue', 'search'];
  host = await startHostSite({
    explorers: page(
      HOSTILE_EXPLORERS.flatMap((e) => kinds.map((k) => `<twir-widget kind="${k}" explorer="${attr(e)}"></twir-widget>`)).join('\n'),
    ),
    custom: page(kinds.map((k) => `<twir-widget kind="${k}" explorer="${CUSTOM}"></twir-widget>`).join('\n')),
    kinds: page(HOSTILE_KINDS.map((k) => `<twir-widget kind="${attr(k)}"></twir-widget>`).join('\n')),
    polluted: page(
      ['crate', 'quote', 'issue', 'search'].map((k) => `<twir-widget kind="${k}"></twir-widget>`).join('\n') +
        '<twir-widget kind="quote" pick="random"></twir-widget>',
      POLLUTED,
    ),
  });
  browser = await launchBrowser();
  records = await widgetRecords(siteDir('sample'));
});
after(async () => {
  await browser?.close();
  await host?.close();
  await server?.close();
});

async function open(url, { route } = {}) {
  const context = await browser.newContext();
  if (route) await context.route(...route);
  const page = await context.newPage();
  const warnings = [];
  const errors = [];
  page.on('console', (m) => (m.type() === 'warning' ? warnings : m.type() === 'error' ? errors : []).push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  const dialogs = [];
  page.on('dialog', (d) => (dialogs.push(d.message()), d.dismiss()));
  await page.goto(url);
  return { context, page, warnings, errors, dialogs };
}

/// Waits until no widget of the page (or frame) says "Loading…", then returns what each
/// shows: its text, and the targets of its links and forms.
async function settled(where, count) {
  const widgets = where.locator('twir-widget');
  await assert.doesNotReject(async () => {
    for (let i = 0; i < count; i++) {
      // A widget loads when it comes near the viewport.
      await widgets.nth(i).scrollIntoViewIfNeeded();
      await widgets.nth(i).locator('.twir, p:not(:has-text("Loading This Week in Rust"))').first().waitFor({ timeout: 15000 });
    }
  }, 'every widget finishes loading');
  const shown = [];
  for (let i = 0; i < count; i++) {
    const w = widgets.nth(i);
    shown.push({
      text: await w.locator('p, li, label, blockquote').allInnerTexts().then((t) => t.join(' | ')),
      hrefs: await w.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
      actions: await w.locator('form').evaluateAll((fs) => fs.map((f) => f.getAttribute('action'))),
    });
  }
  return shown;
}

const webOnly = (urls) => urls.filter((u) => !/^https?:\/\//.test(u));

test('a hostile explorer attribute is replaced by the default, with a warning, for every kind', async () => {
  const { context, page, warnings, errors, dialogs } = await open(host.url('explorers'));
  const shown = await settled(page, HOSTILE_EXPLORERS.length * 4);
  for (const [i, w] of shown.entries()) {
    const explorer = HOSTILE_EXPLORERS[Math.floor(i / 4)];
    assert.deepEqual(webOnly([...w.hrefs, ...w.actions]), [], `${explorer}: ${JSON.stringify(w)}`);
    for (const target of [...w.actions, ...w.hrefs.filter((h) => h.includes('/twir-explorer/'))]) {
      assert.ok(target.startsWith(server.url), `${explorer}: ${target} goes to the default explorer`);
    }
    assert.doesNotMatch(w.text, /Loading This Week in Rust|Could not load/, explorer);
  }
  const searches = shown.filter((_, i) => i % 4 === 3);
  assert.deepEqual(
    searches.map((w) => w.actions),
    HOSTILE_EXPLORERS.map(() => [server.url]),
    "each search form's action is the default explorer",
  );
  for (const explorer of HOSTILE_EXPLORERS) {
    assert.ok(
      warnings.some((m) => m.includes(`explorer=${JSON.stringify(explorer.trim())} is not an http(s) URL`)),
      `a warning names ${explorer}: ${warnings.join('\n')}`,
    );
  }
  // Submitting a search of a widget given a javascript: explorer opens the default explorer.
  const [results] = await Promise.all([
    context.waitForEvent('page'),
    (async () => {
      const search = page.locator('twir-widget[kind=search]').first();
      await search.locator('input[name=q]').fill('async');
      await search.locator('button[type=submit]').click();
    })(),
  ]);
  await results.waitForLoadState('domcontentloaded');
  assert.equal(results.url(), `${server.url}?q=async`);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an http(s) explorer attribute is where links and the search go', async () => {
  const { context, page, warnings } = await open(host.url('custom'));
  const shown = await settled(page, 4);
  assert.ok(shown[0].hrefs.includes(`${CUSTOM}?view=issue&issue=${records.crate.issue}`), JSON.stringify(shown[0]));
  assert.deepEqual(shown[3].actions, [CUSTOM]);
  assert.deepEqual(warnings, []);
  await context.close();
});

test('an unknown kind says so instead of loading for good', async () => {
  const { context, page, warnings, dialogs } = await open(host.url('kinds'));
  const shown = await settled(page, HOSTILE_KINDS.length);
  for (const [i, kind] of HOSTILE_KINDS.entries()) {
    assert.equal(
      shown[i].text,
      `This Week in Rust: there is no widget of kind ${JSON.stringify(kind)}; the kinds are crate, quote, issue, search.`,
    );
    assert.ok(warnings.some((m) => m.includes(`kind ${JSON.stringify(kind)}`)), kind);
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(dialogs, []);
  await context.close();
});

test('widget.html takes only an http(s) explorer from its query, and says when a kind is unknown', async () => {
  const query = (params) => `${server.url}widget.html?${new URLSearchParams(params)}`;
  for (const explorer of HOSTILE_EXPLORERS) {
    for (const kind of ['search', 'crate']) {
      const { context, page, warnings, dialogs } = await open(query({ kind, explorer }));
      const [w] = await settled(page, 1);
      assert.deepEqual(webOnly([...w.hrefs, ...w.actions]), [], `${kind} ${explorer}: ${JSON.stringify(w)}`);
      if (kind === 'search') assert.deepEqual(w.actions, [server.url], explorer);
      else assert.ok(w.hrefs.includes(`${server.url}?view=crates`), `${explorer}: ${JSON.stringify(w)}`);
      assert.ok(warnings.some((m) => m.includes('is not an http(s) URL')), explorer);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(dialogs, []);
      await context.close();
    }
  }
  {
    const { context, page } = await open(query({ kind: 'search', explorer: CUSTOM }));
    assert.deepEqual((await settled(page, 1))[0].actions, [CUSTOM]);
    await context.close();
  }
  for (const kind of HOSTILE_KINDS) {
    const { context, page } = await open(query({ kind }));
    const [w] = await settled(page, 1);
    assert.match(w.text, /there is no widget of kind/, kind);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    await context.close();
  }
});

test("a host page's polluted Object.prototype puts nothing into the widget", async () => {
  // The crate pick without its optional fields, as a bundle might lack them: only a read of
  // inherited properties could fill them.
  const route = [
    /\/data\/widget-crate\.[0-9a-f]+\.json$/,
    async (r) => {
      const response = await r.fetch();
      const json = await response.json();
      for (const key of ['description', 'suggested_by', 'suggested_by_url']) delete json.crate_pick[key];
      await r.fulfill({ response, json });
    },
  ];
  const { context, page, errors, dialogs } = await open(host.url('polluted'), { route });
  const shown = await settled(page, 5);
  const [crate, quote, issue, search, random] = shown;
  for (const w of shown) {
    assert.doesNotMatch(w.text, /__pwned|POLLUTED|Could not load|Loading/, JSON.stringify(w));
    assert.deepEqual(webOnly([...w.hrefs, ...w.actions]), [], JSON.stringify(w));
  }
  assert.match(crate.text, new RegExp(records.crate.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.doesNotMatch(crate.text, /Suggested by/, 'no suggester where the data has none');
  assert.equal(await page.locator('twir-widget[kind=crate] .text').count(), 0, 'no description where the data has none');
  assert.ok(quote.text.includes(records.quote.paragraphs[0]), quote.text);
  assert.ok(issue.text.includes(records.issue.title), issue.text);
  assert.deepEqual(search.actions, [server.url]);
  assert.ok(records.allQuotes.some((q) => random.text.includes(q.paragraphs[0])), random.text);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await context.close();
});
