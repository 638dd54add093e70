// Screenshots of each widget kind in light and dark, embedded in a page of another origin,
// for docs/widget.md and for looking at.
//
// Usage: node tests/support/widget-screenshots.mjs [site] [out-dir]
//        (defaults: full, docs/widget; the site from scripts/build-sites)
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startPagesServer } from './pages-server.mjs';
import { launchBrowser, siteDir } from './browser.mjs';
import { startHostSite } from './widget-host.mjs';

const [site = 'full', out = 'docs/widget'] = process.argv.slice(2);
const KINDS = [
  ['crate', 'kind="crate"'],
  ['quote', 'kind="quote"'],
  ['issue', 'kind="issue"'],
  ['search', 'kind="search"'],
];

const server = await startPagesServer({ root: siteDir(site), base: '/twir-explorer/' });
const page = (theme, attrs) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,"><script src="${server.url}widget.js" async></script>
<style>body { margin: 0; padding: 16px; width: 400px; background: ${theme === 'dark' ? '#111216' : '#f3f3f5'} }</style>
</head><body><twir-widget ${attrs} theme="${theme}"></twir-widget></body></html>`;
const pages = {};
for (const [kind, attrs] of KINDS) {
  for (const theme of ['light', 'dark']) pages[`${kind}-${theme}`] = page(theme, attrs);
}
const host = await startHostSite(pages);
const browser = await launchBrowser();
await mkdir(out, { recursive: true });
try {
  for (const name of Object.keys(pages)) {
    const context = await browser.newContext({ viewport: { width: 432, height: 700 } });
    const tab = await context.newPage();
    await tab.goto(host.url(name));
    await tab.locator('twir-widget .card').waitFor();
    const file = path.join(out, `${name}.png`);
    await tab.locator('body').screenshot({ path: file });
    console.log(`wrote ${file}`);
    await context.close();
  }
} finally {
  await browser.close();
  await host.close();
  await server.close();
}
