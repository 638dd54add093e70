// Loads the full-archive build in headless Chromium and prints: bytes transferred before the
// first screen, time to first screen, time until the links view's filters respond, and the
// median time to apply a filter. Not a test: figures to compare with docs/design.md.
//   node tests/support/bench-app.mjs [runs]        (needs scripts/build-sites first)
import { startPagesServer } from './pages-server.mjs';
import { launchBrowser, siteDir } from './browser.mjs';

const runs = Number(process.argv[2] ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = await startPagesServer({ root: siteDir('full'), base: '/twir-explorer/', precompress: true });
const browser = await launchBrowser();

async function measure(query, ready) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  const start = Date.now();
  await page.goto(server.url + query);
  await page.locator(ready).first().waitFor();
  const firstScreen = Date.now() - start;
  const firstBytes = bytes;
  return { context, page, firstScreen, firstBytes, bytes: () => bytes };
}

const results = { issuesBytes: [], issuesMs: [], linksBytes: [], linksMs: [], filterMs: [] };
for (let i = 0; i < runs; i++) {
  const issues = await measure('', '#main .issue-row');
  results.issuesBytes.push(issues.firstBytes);
  results.issuesMs.push(issues.firstScreen);
  await issues.context.close();

  const links = await measure('?view=links', '#main .link-row');
  results.linksBytes.push(links.firstBytes);
  results.linksMs.push(links.firstScreen);
  // Apply filters: the time from the change to the updated count being painted.
  for (const cat of ['walkthroughs', 'research', 'official', 'news-and-blog-posts', '']) {
    const before = await links.page.locator('#main .count').innerText();
    const t = await links.page.evaluate(async ([cat, before]) => {
      const select = document.querySelector('select');
      const start = performance.now();
      select.value = cat;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      while (document.querySelector('#main .count').innerText === before) {
        await new Promise((r) => requestAnimationFrame(r));
      }
      await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - start;
    }, [cat, before]);
    results.filterMs.push(t);
  }
  await links.context.close();
}
const kb = (b) => `${(b / 1000).toFixed(0)} KB`;
console.log(`runs: ${runs} (median of each), full archive, served gzipped on 127.0.0.1`);
console.log(`issues view (first screen): ${kb(median(results.issuesBytes))} transferred, ${median(results.issuesMs)} ms to first rows`);
console.log(`links view: ${kb(median(results.linksBytes))} transferred, ${median(results.linksMs)} ms until the filters respond`);
console.log(`apply a filter (links view, change to painted count): median ${median(results.filterMs).toFixed(1)} ms, max ${Math.max(...results.filterMs).toFixed(1)} ms over ${results.filterMs.length}`);
await browser.close();
await server.close();
