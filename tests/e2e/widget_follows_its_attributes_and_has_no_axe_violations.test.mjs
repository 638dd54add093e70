// The widget's attributes: `theme` absent follows the reader's system setting, a changed
// attribute redraws the widget; and every kind, light and dark, has no axe-core violations
// (axe checks inside the shadow root).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startPagesServer } from '../support/pages-server.mjs';
import { launchBrowser, siteDir, needsSite, skipsSite } from '../support/browser.mjs';
import { startHostSite } from '../support/widget-host.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let server, host, browser;
before(async () => {
  if (skipsSite('full')) return;
  server = await startPagesServer({ root: siteDir('full'), base: '/twir-explorer/' });
  const page = (body) => `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A Rust site</title>
<link rel="icon" href="data:,"><script src="${server.url}widget.js" async></script></head>
<body><main><h1>A Rust site</h1>${body}</main></body></html>`;
  host = await startHostSite({
    auto: page('<twir-widget kind="crate"></twir-widget>'),
    all: page(
      ['crate', 'quote', 'issue', 'search'].map((k) => `<twir-widget kind="${k}"></twir-widget>`).join(''),
    ),
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await host?.close();
  await server?.close();
});

const cardColour = (page) =>
  page.locator('twir-widget .card').evaluate((el) => getComputedStyle(el).backgroundColor);

test('without a theme the widget follows the system, and a changed attribute redraws it', needsSite('full'), async () => {
  const colours = {};
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(host.url('auto'));
    await page.locator('twir-widget .title').waitFor();
    colours[scheme] = await cardColour(page);
    if (scheme === 'light') {
      await page.locator('twir-widget').evaluate((el) => el.setAttribute('theme', 'dark'));
      await page.locator('twir-widget .twir[data-theme=dark]').waitFor();
      assert.notEqual(await cardColour(page), colours.light, 'theme="dark" turns it dark');
      await page.locator('twir-widget').evaluate((el) => el.setAttribute('kind', 'search'));
      await page.locator('twir-widget input[name=q]').waitFor();
      assert.equal(await page.locator('twir-widget .twir').count(), 1, 'one widget, redrawn');
    }
    await context.close();
  }
  assert.notEqual(colours.light, colours.dark);
});

for (const scheme of ['light', 'dark']) {
  test(`every widget kind has no axe violations in ${scheme} mode`, needsSite('full'), async () => {
    const context = await browser.newContext({ colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(host.url('all'));
    for (const sel of ['.title', 'blockquote', '.links', 'input']) {
      await page.locator(`twir-widget ${sel}`).first().waitFor();
    }
    await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => {
      const r = await window.axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${JSON.stringify(v.nodes[0].target)} — ${v.help}`);
    });
    assert.deepEqual(violations, []);
    await context.close();
  });
}
