// Every page carries a Content-Security-Policy (written by `twir csp`, crates/twir-site/src/csp.rs)
// and nothing of the site breaks it: each view of the app, on the sample and on the hostile
// archive, and the widget's iframe page for each kind, with no `securitypolicyviolation`
// event. A host page whose own policy allows only what docs/widget.md says shows the widget
// without a violation too. New views and features extend the policy and this list; they
// never turn the policy off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startPagesServer } from '../support/pages-server.mjs';
import { launchBrowser, needsSite, siteDir, skipsSite, watchConsole } from '../support/browser.mjs';
import { startHostSite } from '../support/widget-host.mjs';

// Each view of the app, with what shows that it is drawn: on both sites.
const VIEWS = {
  'issues (first screen)': ['', '#main .issue-row'],
  issues: ['?view=issues', '#main .issue-row'],
  links: ['?view=links', '#main .link-row'],
  crates: ['?view=crates', '.crate-card'],
  quotes: ['?view=quotes', '.quote-card'],
  events: ['?view=events', '.event-row'],
  updates: ['?view=updates', '.update-row'],
  'search page': ['?view=search', '.search-help'],
  'search results': ['?view=search&q=rust', '#main .hit'],
  'filtered links': ['?view=links&q=rust', '#main .link-row'],
  'missing issue': ['?view=issue&issue=99999', '#main .panel.error'],
};
const READERS = { sample: 569, hostile: 667 };

let servers = {}, host, browser;
before(async () => {
  for (const site of ['sample', 'hostile']) {
    if (skipsSite(site)) continue;
    servers[site] = await startPagesServer({ root: siteDir(site), base: '/twir-explorer/' });
  }
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await host?.close();
  for (const s of Object.values(servers)) await s.close();
});

/// A page that records every policy violation from before its first script runs.
async function openRecorded(url) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`),
      true,
    );
  });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await page.goto(url);
  return { context, page, errors };
}

async function noViolations(page, frame = page) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(100);
  assert.deepEqual(await frame.evaluate(() => window.__violations), []);
}

for (const site of ['sample', 'hostile']) {
  const views = { ...VIEWS, reader: [`?view=issue&issue=${READERS[site]}`, '.reader-body h2'] };
  for (const [name, [query, ready]] of Object.entries(views)) {
    test(`the ${name} view of the ${site} site runs under its policy without a violation`, needsSite(site), async () => {
      const { context, page, errors } = await openRecorded(servers[site].url + query);
      const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      assert.match(policy, /^default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
      assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|\*/);
      await page.locator(ready).first().waitFor();
      await noViolations(page);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test("the reader's anchors and the theme toggle cause no violation", async () => {
  const { context, page } = await openRecorded(`${servers.sample.url}?view=issue&issue=${READERS.sample}`);
  await page.locator('.reader-body h2').first().waitFor();
  await page.locator('.toc a').last().click();
  await page.locator('.theme-toggle').click();
  await page.getByRole('link', { name: 'Quotes', exact: true }).click();
  await page.locator('.quote-card').first().waitFor();
  await noViolations(page);
  await context.close();
});

test('the policy is in force: a script or style the build did not hash is blocked and reported', async () => {
  const { context, page } = await openRecorded(`${servers.sample.url}?view=issue&issue=${READERS.sample}`);
  await page.locator('.reader-body h2').first().waitFor();
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__ran = true';
    document.body.append(script);
    const style = document.createElement('style');
    style.textContent = 'body { outline: 3px solid red }';
    document.head.append(style);
    document.body.insertAdjacentHTML('beforeend', '<img id="probe" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">');
  });
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__ran), undefined, 'the unhashed script did not run');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).outlineStyle), 'none');
  const violations = await page.evaluate(() => window.__violations.map((v) => v.split(' ')[0]));
  assert.deepEqual(violations.sort(), ['img-src', 'script-src-elem', 'style-src-elem']);
  await context.close();
});

const WIDGETS = ['kind=crate', 'kind=quote&pick=random&theme=dark', 'kind=issue', 'kind=search', 'kind=nonsense'];

for (const query of WIDGETS) {
  test(`widget.html?${query} runs under its policy without a violation`, async () => {
    const { context, page, errors } = await openRecorded(`${servers.sample.url}widget.html?${query}`);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(policy, /^default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
    await page.locator('twir-widget .twir, twir-widget p:not(:has-text("Loading"))').first().waitFor();
    if (query !== 'kind=nonsense') {
      // Styled: the widget's constructed style sheets apply under the page's policy.
      const radius = await page.locator('twir-widget .card').evaluate((el) => getComputedStyle(el).borderTopLeftRadius);
      assert.notEqual(radius, '0px');
    }
    await noViolations(page);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a host page with the policy docs/widget.md asks for shows every kind without a violation', async () => {
  const explorer = servers.sample.origin;
  // The host's own page: its policy allows only its own scripts, and what the widget needs.
  const policy = `default-src 'none'; script-src 'self' ${explorer} 'wasm-unsafe-eval'; connect-src ${explorer}`;
  host = await startHostSite({
    strict: `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<title>A strict Rust site</title><script src="${servers.sample.url}widget.js" async></script></head>
<body><main><h1>A strict Rust site</h1>
${['crate', 'quote', 'issue', 'search'].map((k) => `<twir-widget kind="${k}"></twir-widget>`).join('\n')}
</main></body></html>`,
  });
  const { context, page, errors } = await openRecorded(host.url('strict'));
  for (const sel of ['.title', 'blockquote', '.links', 'input']) {
    await page.locator(`twir-widget ${sel}`).first().waitFor();
  }
  const radius = await page.locator('twir-widget .card').first().evaluate((el) => getComputedStyle(el).borderTopLeftRadius);
  assert.notEqual(radius, '0px', 'the widget is styled under the host policy');
  await noViolations(page);
  assert.deepEqual(errors, []);
  await context.close();
});
