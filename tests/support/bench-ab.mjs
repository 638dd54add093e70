// Two or more builds of the site compared by interleaved page loads of `?view=search`, so that
// the drift of a shared machine's speed falls on all of them alike. Prints, per build, the
// median navigation → search ready, when the record files were decoded (build start), the build's
// working time, when the short prefixes came in, and every main-thread task over 50 ms
// (start+duration, ms; `-` for none) of each load. Not a test: figures for docs/search.md.
//   node tests/support/bench-ab.mjs <loads per build> <site dir> <site dir> [...]
//   e.g. node tests/support/bench-ab.mjs 7 target/site/full target/site/other
import { startPagesServer } from './pages-server.mjs';
import { launchBrowser } from './browser.mjs';

const [loads, ...dirs] = [Number(process.argv[2]), ...process.argv.slice(3)];
if (!(loads > 0) || dirs.length < 2) {
  console.error('usage: node tests/support/bench-ab.mjs <loads per build> <site dir> <site dir> [...]');
  process.exit(2);
}
const servers = await Promise.all(dirs.map((root) => startPagesServer({ root, base: '/twir-explorer/', precompress: true })));
const browser = await launchBrowser();
const res = dirs.map(() => ({ ready: [], start: [], busy: [], shorts: [], long: [] }));
try {
  for (let i = 0; i < loads; i++) {
    for (let d = 0; d < dirs.length; d++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.addInitScript(() => {
        window.__longTasks = [];
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
        }).observe({ type: 'longtask', buffered: true });
      });
      await page.goto(`${servers[d].url}?view=search`);
      await page.waitForFunction(() => window.__twirSearch?.shortsReady, null, { timeout: 60000, polling: 10 });
      const h = await page.evaluate(() => ({
        ready: window.__twirSearch.ready,
        start: window.__twirSearch.buildStart,
        busy: window.__twirSearch.buildBusy,
        shorts: window.__twirSearch.shortsReady,
        long: window.__longTasks.filter(([, t]) => t > 50).map(([s, t]) => `${s.toFixed(0)}+${t.toFixed(0)}`).join(';') || '-',
      }));
      for (const k of Object.keys(res[d])) res[d][k].push(h[k]);
      await context.close();
    }
  }
} finally {
  await browser.close();
  for (const s of servers) await s.close();
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
dirs.forEach((dir, i) => {
  const r = res[i];
  console.log(`${dir}: ready ${median(r.ready).toFixed(0)} ms (${r.ready.map((x) => x.toFixed(0)).join(' ')}), ` +
    `files decoded ${median(r.start).toFixed(0)}, build working ${median(r.busy).toFixed(0)}, ` +
    `short prefixes in ${median(r.shorts).toFixed(0)}; tasks over 50 ms: ${r.long.join(' ')}`);
});
