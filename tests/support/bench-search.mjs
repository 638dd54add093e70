// Search in the browser, over the full-archive build in headless Chromium, with MiniSearch
// (npm, prefix on, fuzzy 0.2) indexing the same records in the same browser run as the
// reference. Prints: navigation → search ready, the longest build step and main-thread task,
// memory after ready (wasm memory + JS heap in use), per-query compute p50/p95/max over the
// query set of `twir bench-search` (crates/twir-search/src/bench.rs, QUERIES), keystroke
// to painted results, then MiniSearch's figures and the ratios. Not a test: figures for
// docs/search.md.
//   node tests/support/bench-search.mjs [runs]        (needs scripts/build-sites first)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startPagesServer } from './pages-server.mjs';
import { launchBrowser, siteDir } from './browser.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const runs = Number(process.argv[2] ?? 3);
const ROUNDS = 20;
const BATCH = 10;
const MINISEARCH = readFileSync(path.join(ROOT, 'node_modules/minisearch/dist/umd/index.js'), 'utf8');

// The native bench's query set, read from its source so that both measure the same.
const source = readFileSync(path.join(ROOT, 'crates/twir-search/src/bench.rs'), 'utf8');
const list = source.slice(source.indexOf('pub const QUERIES'));
const QUERIES = [...list.slice(0, list.indexOf('];')).matchAll(/^\s*("(?:[^"\\]|\\.)*"),$/gm)].map((m) => JSON.parse(m[1]));
if (QUERIES.length < 40) throw new Error(`read only ${QUERIES.length} queries from QUERIES`);
const TYPED = ['tokio', 'async trait', 'a'];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))];
};
const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
const f = (x, d = 2) => x.toFixed(d);

// In the page: time each query of `names` as batches of BATCH calls of `run(q)`.
async function timeQueries(page, engine) {
  return page.evaluate(
    ([queries, rounds, batch, engine]) => {
      const run = engine === 'twir' ? (q) => window.__twirSearch.query(q) : (q) => window.__mini.search(q).length;
      const all = [];
      const perQuery = [];
      for (const q of queries) run(q); // warm
      for (const q of queries) {
        const times = [];
        let hits = 0;
        for (let r = 0; r < rounds; r++) {
          const t = performance.now();
          for (let i = 0; i < batch; i++) hits = run(q);
          times.push((performance.now() - t) / batch);
        }
        times.sort((a, b) => a - b);
        all.push(...times);
        perQuery.push([q, times[Math.floor(times.length / 2)], hits]);
      }
      return { all, perQuery };
    },
    [QUERIES, ROUNDS, BATCH, engine],
  );
}

async function heapUsed(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

const server = await startPagesServer({ root: siteDir('full'), base: '/twir-explorer/', precompress: true });
const browser = await launchBrowser();
const r = { timeline: [], wasmEnd: [], ready: [], shortsReady: [], buildStart: [], buildBusy: [], long: [], longTask: [], longStep: [], steps: [], wasm: [], live: [], heap: [], q: [], perQuery: [], keys: [], typingTask: [],
  miniBuild: [], miniHeap: [], miniQ: [], miniPerQuery: [] };
try {
  for (let run = 0; run < runs; run++) {
    // MiniSearch, the comparison, is injected inline: the page's policy is set aside for it.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((l) => {
        for (const e of l.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
      }).observe({ type: 'longtask', buffered: true });
    });
    // The search view: search is prepared as soon as a reader asks for it.
    await page.goto(`${server.url}?view=search`);
    // Ready is when the index answers every query; the short prefixes' precomputed results
    // (a cache of the general search) come in after: queries and memory are measured then.
    await page.waitForFunction(() => window.__twirSearch?.shortsReady, null, { timeout: 60000, polling: 10 });
    const hook = await page.evaluate(() => ({
      ready: window.__twirSearch.ready,
      shortsReady: window.__twirSearch.shortsReady,
      buildStart: window.__twirSearch.buildStart,
      buildBusy: window.__twirSearch.buildBusy,
      long: window.__longTasks.filter(([, d]) => d > 50).map(([s, d]) => `${s.toFixed(0)}+${d.toFixed(0)}`),
      steps: window.__twirSearch.steps,
      longestStep: window.__twirSearch.longestStep,
      wasm: window.__twirSearch.memory(),
      live: window.__twirSearch.live(),
      tasks: window.__longTasks.filter(([s]) => s <= window.__twirSearch.shortsReady).map(([, d]) => d),
      marks: performance.getEntriesByType('mark').filter((m) => m.name.startsWith('twir:')).map((m) => [m.name.slice(5), m.startTime, m.detail]),
      wasmEnd: performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm')).map((e) => e.responseEnd)[0] ?? 0,
    }));
    r.timeline.push(hook.marks);
    r.wasmEnd.push(hook.wasmEnd);
    r.ready.push(hook.ready);
    r.shortsReady.push(hook.shortsReady);
    r.buildStart.push(hook.buildStart);
    r.buildBusy.push(hook.buildBusy);
    r.long.push(hook.long.join(' '));
    r.steps.push(hook.steps);
    r.longStep.push(hook.longestStep);
    r.longTask.push(Math.max(0, ...hook.tasks));
    r.wasm.push(hook.wasm);
    r.live.push(hook.live);
    r.heap.push(await heapUsed(cdp));

    const twir = await timeQueries(page, 'twir');
    r.q.push(...twir.all);
    r.perQuery = twir.perQuery;

    // Keystroke to painted results: from the keydown's time stamp to a frame after the
    // first change of the main content that it caused.
    await page.evaluate(() => {
      window.__keys = [];
      const main = document.querySelector('#main');
      document.addEventListener('keydown', (e) => {
        if (e.key.length !== 1) return;
        const t0 = e.timeStamp;
        const mo = new MutationObserver(() => {
          mo.disconnect();
          requestAnimationFrame(() => setTimeout(() => window.__keys.push(performance.now() - t0)));
        });
        mo.observe(main, { subtree: true, childList: true, characterData: true });
      }, true);
    });
    const typingFrom = await page.evaluate(() => performance.now());
    for (const word of TYPED) {
      await page.locator('#search-box').fill('');
      await page.waitForTimeout(100);
      await page.locator('#search-box').pressSequentially(word, { delay: 120 });
      await page.waitForTimeout(200);
    }
    const typing = await page.evaluate((from) => ({
      keys: window.__keys,
      tasks: window.__longTasks.filter(([s]) => s >= from).map(([, d]) => d),
    }), typingFrom);
    r.keys.push(...typing.keys);
    r.typingTask.push(Math.max(0, ...typing.tasks));

    // MiniSearch over the same records, in the same page.
    await page.addScriptTag({ content: MINISEARCH });
    await page.evaluate(() => {
      window.__docs = window.__twirSearch.records().map(([kind, title, text], id) => ({ id, kind, title, text }));
    });
    const before = await heapUsed(cdp);
    const build = await page.evaluate(() => {
      const t = performance.now();
      const ms = new window.MiniSearch({ fields: ['title', 'text'], searchOptions: { prefix: true, fuzzy: 0.2 } });
      ms.addAll(window.__docs);
      window.__mini = ms;
      return performance.now() - t;
    });
    r.miniBuild.push(build);
    r.miniHeap.push((await heapUsed(cdp)) - before);
    const mini = await timeQueries(page, 'mini');
    r.miniQ.push(...mini.all);
    r.miniPerQuery = mini.perQuery;
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const memory = median(r.wasm) + median(r.heap);
console.log(`search in headless Chromium, full archive, ${runs} runs (median of each; queries: all samples)`);
console.log(`navigation → search ready: ${f(median(r.ready), 0)} ms (runs: ${r.ready.map((x) => f(x, 0)).join(', ')}); ${median(r.steps)} build steps, longest ${f(median(r.longStep), 1)} ms`);
console.log(`  of which: record files loaded and decoded at ${f(median(r.buildStart), 0)} ms, index build ${f(median(r.ready) - median(r.buildStart), 0)} ms (${f(median(r.buildBusy), 0)} ms of it working)`);
console.log(`  short prefixes' results precomputed after ready: at ${f(median(r.shortsReady), 0)} ms (runs: ${r.shortsReady.map((x) => f(x, 0)).join(', ')})`);
// The loading timeline of the median run: performance.mark()s of src/api.rs and src/store.rs.
const mid = r.ready.indexOf(median(r.ready));
console.log(`  timeline (ms after navigation): app wasm downloaded ${f(r.wasmEnd[mid], 0)}, ` +
  r.timeline[mid].map(([n, t, [wasm, live]]) => `${n} ${f(t, 0)} (${mb(wasm)}, live ${mb(live)})`).join(', '));
console.log(`longest main-thread task until the short prefixes are in: ${f(median(r.longTask), 0)} ms (runs: ${r.longTask.map((x) => f(x, 0)).join(', ')})`);
console.log(`  tasks over 50 ms (start+duration, ms): ${r.long.join(' | ')}`);
console.log(`memory after ready and the short prefixes: wasm ${mb(median(r.wasm))} + JS heap in use ${mb(median(r.heap))} = ${mb(memory)}` +
  ` (of the wasm memory, ${mb(median(r.live))} allocated and not freed; the rest is the peak's free space)`);
console.log(`queries: ${QUERIES.length} × ${ROUNDS} × ${runs} (batches of ${BATCH}), limit 50: p50 ${f(median(r.q), 3)} ms, p95 ${f(pct(r.q, 95), 3)} ms, max ${f(Math.max(...r.q), 3)} ms`);
const slow = [...r.perQuery].sort((a, b) => b[1] - a[1]).slice(0, 4);
console.log(`  slowest: ${slow.map(([q, t, n]) => `${JSON.stringify(q)} ${f(t, 3)} ms (${n})`).join(', ')}`);
console.log(`keystroke → painted results: median ${f(median(r.keys), 1)} ms, p95 ${f(pct(r.keys, 95), 1)} ms, max ${f(Math.max(...r.keys), 1)} ms over ${r.keys.length}; longest task while typing ${f(Math.max(...r.typingTask), 0)} ms`);
console.log(`MiniSearch ${JSON.parse(readFileSync(path.join(ROOT, 'node_modules/minisearch/package.json'), 'utf8')).version} (prefix, fuzzy 0.2), same ${r.miniPerQuery.length} queries over the same records:`);
console.log(`  index build ${f(median(r.miniBuild), 0)} ms (one task), heap ${mb(median(r.miniHeap))}`);
console.log(`  queries: p50 ${f(median(r.miniQ), 3)} ms, p95 ${f(pct(r.miniQ, 95), 3)} ms, max ${f(Math.max(...r.miniQ), 1)} ms`);
const mslow = [...r.miniPerQuery].sort((a, b) => b[1] - a[1]).slice(0, 4);
console.log(`  slowest: ${mslow.map(([q, t, n]) => `${JSON.stringify(q)} ${f(t, 1)} ms (${n})`).join(', ')}`);
console.log(`ratios (MiniSearch / twir): index build ${f(median(r.miniBuild) / (median(r.ready) - median(r.buildStart)), 1)}×, ` +
  `ready ${f(median(r.miniBuild) / median(r.ready), 1)}× (its build alone vs our navigation → ready), ` +
  `memory ${f(median(r.miniHeap) / memory, 1)}× (its index alone vs our index + all data), ` +
  `query p50 ${f(median(r.miniQ) / median(r.q), 0)}×, p95 ${f(pct(r.miniQ, 95) / pct(r.q, 95), 0)}×, max ${f(Math.max(...r.miniQ) / Math.max(...r.q), 0)}×`);
