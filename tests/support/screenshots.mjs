// Screenshots of the explorer's views at desktop and phone width, in light and dark mode.
//   node tests/support/screenshots.mjs [full|sample] [out-dir]     (VIEWS=search,links: only those)
// Needs the release builds of scripts/build-sites. Not part of the tests: look at the PNGs.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startPagesServer } from './pages-server.mjs';
import { launchBrowser, siteDir } from './browser.mjs';

const which = process.argv[2] ?? 'full';
const out = path.resolve(process.argv[3] ?? 'target/screenshots');
mkdirSync(out, { recursive: true });

const VIEWS = (process.env.VIEWS ? (v) => v.filter((x) => process.env.VIEWS.split(',').includes(x.name)) : (v) => v)([
  { name: 'issues', query: '', ready: '#main .issue-row' },
  { name: 'links', query: '?view=links', ready: '#main .link-row' },
  { name: 'crates', query: '?view=crates', ready: '.crate-card' },
  { name: 'quotes', query: '?view=quotes', ready: '.quote-card' },
  { name: 'reader', query: '?view=issue&issue=569', ready: '.reader-body' },
  { name: 'events', query: '?view=events', ready: '.event-row' },
  { name: 'updates', query: '?view=updates', ready: '.update-row' },
  { name: 'search', query: '?view=search&q=tokio', ready: '#main .hit mark' },
  { name: 'search-crates', query: '?view=search&q=async&kind=crate', ready: '#main .hit mark' },
  { name: 'search-help', query: '?view=search', ready: '.search-help' },
  { name: 'links-search', query: '?view=links&q=async', ready: '#main .link-row mark' },
]);
const SIZES = [
  { name: 'desktop', viewport: { width: 1280, height: 900 } },
  { name: 'phone', viewport: { width: 375, height: 740 } },
];

const server = await startPagesServer({ root: siteDir(which), base: '/twir-explorer/' });
const browser = await launchBrowser();
try {
  for (const view of VIEWS) {
    for (const size of SIZES) {
      for (const scheme of ['light', 'dark']) {
        const context = await browser.newContext({ viewport: size.viewport, colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(server.url + view.query);
        await page.locator(`${view.ready}, main [role=alert]`).first().waitFor();
        const file = path.join(out, `${which}-${view.name}-${size.name}-${scheme}.png`);
        await page.screenshot({ path: file });
        console.log(file);
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
