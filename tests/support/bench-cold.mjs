// A cold visitor on a phone (docs/design.md): Lighthouse's mobile conditions applied through the
// DevTools protocol — 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, CPU slowed 4×, empty
// cache, a 412×823 viewport — on a release build served gzipped as GitHub Pages serves it.
// Prints, for each scenario, the median over the runs of the time from navigation start and the
// bytes and requests transferred by then (resource timing's transferSize, headers included, of
// the page's downloads and its workers'; what came from a cache counts 0):
//   first-screen   the issue list's first row (prerendered)
//   search         for each query: the box typed into (one string, as soon as it exists) on the
//                  front page, then the first result shown; whether the 10 results shown first
//                  are the 10 shown once every download has finished (exact)
//   links          ?view=links&cat=research (and others): the first link row
//   repeat         a second visit in the same browser: search results
//   offline        after one complete visit, the network cut: whether a search still answers
// Times come from the page's own clock: a MutationObserver installed before any script of the
// page marks `performance.now()` when the element is inserted.
//   node tests/support/bench-cold.mjs [--site full] [--runs 3] [--queries 'tokio|async trait']
//        [--only search,links] [--unthrottled]
// `--site` names a build of scripts/build-sites (target/site/<name>) or a folder.
import { existsSync } from 'node:fs';
import { startPagesServer } from './pages-server.mjs';
import { launchBrowser, siteDir } from './browser.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const flag = (name) => args.includes(name);
const site = opt('--site', 'full');
const runs = Number(opt('--runs', '3'));
const only = new Set((opt('--only', 'first-screen,search,links,repeat,offline')).split(','));
const throttled = !flag('--unthrottled');

// Every kind of query the engine takes (docs/search.md).
const QUERIES = opt('--queries', null)?.split('|') ?? [
  'tokio', // one word
  'serde',
  'bevy',
  'clippy',
  'wasm',
  'async trait', // two words
  'error handling',
  'const generics',
  'tokoi', // typos
  'asnyc',
  '"zero cost"', // phrases
  '"rust foundation"',
  'crate:serde', // scopes
  'author:kornel',
  'year:2023 async',
  'a', // one-letter prefixes
  't',
  'ru', // two-letter prefixes
  'as',
  'https://blog.rust-lang.org/2024/02/08/Rust-1.76.0.html', // a pasted URL
];
const LINK_VIEWS = ['?view=links&cat=research', '?view=links&year=2019', '?view=links&site=github.com'];

const PHONE = {
  latency: 150,
  downloadThroughput: (1.6e6 / 8) | 0,
  uploadThroughput: (750e3 / 8) | 0,
  cpu: 4,
  viewport: { width: 412, height: 823 },
};

// Installed before the page's scripts: marks when elements first appear, and types `query`
// into the search box as soon as it exists.
function pageProbe({ query }) {
  const marks = {};
  window.__bench = { marks, shownFirst: null };
  const bytesAt = {};
  window.__bench.bytesAt = bytesAt;
  // Bytes over the network by now: the document and every resource finished (transferSize is
  // 0 for what came from a cache, the service worker's included).
  const finished = () =>
    [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].filter((e) => e.responseEnd > 0);
  const transferred = () => finished().reduce((n, e) => n + e.transferSize, 0);
  const requestsAt = {};
  window.__bench.requestsAt = requestsAt;
  const mark = (name) => {
    if (!(name in marks)) {
      marks[name] = performance.now();
      bytesAt[name] = transferred();
      requestsAt[name] = finished().filter((e) => e.transferSize > 0).length;
    }
  };
  const titles = () => [...document.querySelectorAll('#main .hit')].slice(0, 10).map((h) => h.querySelector('.hit-title')?.textContent ?? h.textContent);
  const check = () => {
    if (document.querySelector('.issue-row')) mark('issueRow');
    if (document.querySelector('#main .link-row')) mark('linkRow');
    const box = document.querySelector('input[type=search]');
    if (box) {
      mark('box');
      if (query !== null && !window.__bench.typed) {
        window.__bench.typed = true;
        box.value = query;
        box.dispatchEvent(new Event('input', { bubbles: true }));
        mark('typed');
      }
    }
    if (document.querySelector('#main .hit')) {
      if (!('hit' in marks)) window.__bench.shownFirst = titles();
      mark('hit');
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
  window.__benchTitles = titles;
}

const median = (xs) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN);
const kb = (b) => `${(b / 1000).toFixed(0)} KB`;
const ms = (t) => (Number.isFinite(t) ? `${(t / 1000).toFixed(2)} s` : 'never');

const dir = existsSync(site) ? site : siteDir(site);
const server = await startPagesServer({ root: dir, base: '/twir-explorer/', precompress: true });
const browser = await launchBrowser();

async function newPhone() {
  const context = await browser.newContext({ viewport: PHONE.viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 1.75 });
  return context;
}

async function throttle(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PHONE.latency,
      downloadThroughput: PHONE.downloadThroughput,
      uploadThroughput: PHONE.uploadThroughput,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpu });
  }
  return cdp;
}

// Opens `query` (a URL suffix) on a fresh page of `context`, waits for `until` (a mark name)
// and returns the marks and what had been transferred by then.
async function visit(context, suffix, { query = null, until, timeout = 60000 }) {
  const page = await context.newPage();
  await page.addInitScript(pageProbe, { query });
  await throttle(context, page);
  let marks;
  try {
    await page.goto(server.url + suffix, { waitUntil: 'commit' });
    await page.waitForFunction((m) => m in (window.__bench?.marks ?? {}), until, { timeout, polling: 50 });
  } catch {
    // `never`, below.
  }
  const probe = await page.evaluate(() => ({ ...(window.__bench ?? {}), origin: performance.timeOrigin }));
  marks = probe.marks ?? {};
  const at = marks[until] ?? NaN;
  // Workers' downloads by the mark, from their own resource timing.
  let workerBytes = 0;
  let workerRequests = 0;
  for (const w of page.workers()) {
    const [b, r] = await w
      .evaluate((end) => {
        const done = performance.getEntriesByType('resource').filter((e) => e.transferSize > 0 && performance.timeOrigin + e.responseEnd <= end);
        return [done.reduce((n, e) => n + e.transferSize, 0), done.length];
      }, probe.origin + at)
      .catch(() => [0, 0]);
    workerBytes += b;
    workerRequests += r;
  }
  // Not counted: requests that the page's clock cannot see (a service worker's own fetches).
  return {
    page,
    at,
    marks,
    bytes: (probe.bytesAt?.[until] ?? NaN) + workerBytes,
    requests: (probe.requestsAt?.[until] ?? NaN) + workerRequests,
  };
}

async function quiet(page, idleMs = 1500, limitMs = 120000) {
  const start = Date.now();
  let last = server.requests();
  let since = Date.now();
  while (Date.now() - start < limitMs) {
    await page.waitForTimeout(250);
    const now = server.requests();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since > idleMs) return;
  }
}

const line = (what, times, bytes, requests, extra = '') => {
  const s = `${what.padEnd(58)} ${ms(median(times)).padStart(8)}  ${kb(median(bytes)).padStart(8)}  ${String(median(requests)).padStart(3)} req ${extra}`;
  console.log(s);
};

console.log(`site ${dir}; ${throttled ? 'phone: 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up, CPU 4×, 412×823' : 'unthrottled'}; median of ${runs}`);
console.log(`${'what'.padEnd(58)} ${'time'.padStart(8)}  ${'bytes'.padStart(8)}  req`);

if (only.has('first-screen')) {
  const t = [], b = [], r = [];
  for (let i = 0; i < runs; i++) {
    const context = await newPhone();
    const v = await visit(context, '', { until: 'issueRow' });
    t.push(v.at), b.push(v.bytes), r.push(v.requests);
    await context.close();
  }
  line('first screen: first issue row', t, b, r);
}

if (only.has('search')) {
  for (const q of QUERIES) {
    const t = [], b = [], r = [];
    let exact = true;
    let shownAny = false;
    for (let i = 0; i < runs; i++) {
      const context = await newPhone();
      const v = await visit(context, '', { query: q, until: 'hit' });
      t.push(v.at), b.push(v.bytes), r.push(v.requests);
      if (Number.isFinite(v.at)) {
        shownAny = true;
        const first = await v.page.evaluate(() => window.__bench.shownFirst);
        await quiet(v.page);
        const settled = await v.page.evaluate(() => window.__benchTitles());
        if (JSON.stringify(first) !== JSON.stringify(settled)) exact = false;
      }
      await context.close();
    }
    line(`search ${JSON.stringify(q)}: first result`, t, b, r, shownAny ? (exact ? 'exact' : 'NOT EXACT') : '');
  }
}

if (only.has('links')) {
  for (const suffix of LINK_VIEWS) {
    const t = [], b = [], r = [];
    for (let i = 0; i < runs; i++) {
      const context = await newPhone();
      const v = await visit(context, suffix, { until: 'linkRow' });
      t.push(v.at), b.push(v.bytes), r.push(v.requests);
      await context.close();
    }
    line(`links ${suffix}: first link row`, t, b, r);
  }
}

if (only.has('repeat') || only.has('offline')) {
  const t = [], b = [], r = [];
  const offline = [];
  for (let i = 0; i < runs; i++) {
    const context = await newPhone();
    // One complete visit: search, then let every download finish.
    const first = await visit(context, '', { query: 'tokio', until: 'hit' });
    await quiet(first.page);
    await first.page.close();
    const again = await visit(context, '', { query: 'serde', until: 'hit' });
    t.push(again.at), b.push(again.bytes), r.push(again.requests);
    await again.page.close();
    if (only.has('offline')) {
      await context.setOffline(true);
      const cut = await visit(context, '?view=links&cat=research', { query: 'bevy', until: 'hit', timeout: 20000 });
      offline.push(Number.isFinite(cut.at));
      await context.setOffline(false);
    }
    await context.close();
  }
  if (only.has('repeat')) line('repeat visit: search "serde", first result', t, b, r);
  if (only.has('offline')) console.log(`offline after one visit: search answered in ${offline.filter(Boolean).length} of ${offline.length} runs`);
}

await browser.close();
await server.close();
