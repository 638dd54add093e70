// axe-core, run in the same browser against each view of the full-archive build, in light and
// dark mode: zero violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { openSite, closeSite, needsSite } from '../support/browser.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const VIEWS = [
  ['issues', '', '#main .issue-row'],
  ['links', '?view=links', '#main .link-row'],
  ['reader', '?view=issue&issue=569', '.reader-body'],
  ['crates', '?view=crates', '.crate-card'],
  ['quotes', '?view=quotes', '.quote-card'],
  ['events', '?view=events', '.event-row'],
  ['updates', '?view=updates', '.update-row'],
  ['search', '?view=search&q=tokio', '#main .hit mark'],
  ['search help', '?view=search', '.search-help'],
  ['links search', '?view=links&q=async', '#main .link-row mark'],
];

let server, browser;
before(async () => ({ server, browser } = await openSite('full')));
after(() => closeSite({ server, browser }));

for (const scheme of ['light', 'dark']) {
  for (const [name, query, ready] of VIEWS) {
    test(`the ${name} view has no axe violations in ${scheme} mode`, needsSite('full'), async () => {
      // axe is the test's own tool, injected as an inline script, which the page's
      // Content-Security-Policy rightly blocks: the policy is set aside for it here, and
      // every_page_keeps_its_content_security_policy.test.mjs tests the policy itself.
      const context = await browser.newContext({ colorScheme: scheme, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(server.url + query);
      await page.locator(ready).first().waitFor();
      await page.addScriptTag({ content: AXE });
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.length} × ${v.nodes[0].target.join(' ')} — ${v.help}`);
      });
      assert.deepEqual(violations, []);
      await context.close();
    });
  }
}
