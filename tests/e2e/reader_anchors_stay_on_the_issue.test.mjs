// Under GitHub Pages' sub-path the page has `<base href="/twir-explorer/">`, against which a
// bare `#id` would resolve to the site's first page (the issue list). In the reader, a
// contents entry, a heading's anchor and the skip link keep the reader's URL
// (`?view=issue&issue=N#id`) and scroll to their target; a URL with a fragment opens the
// issue at its heading; back and forward step through the fragments on the same issue.
// The ids are read from the page, whatever form the build gives them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openSite, closeSite, watchConsole } from '../support/browser.mjs';

const ARCHIVE = path.resolve(import.meta.dirname, '..', '..', 'archive');
// The sample issue with the most headings.
const ISSUE = readdirSync(ARCHIVE)
  .map((f) => readFileSync(path.join(ARCHIVE, f), 'utf8'))
  .map((text) => [Number(/^Number: (\d+)$/m.exec(text)[1]), (text.match(/^#{2,3} /gm) ?? []).length])
  .sort((a, b) => b[1] - a[1])[0][0];

let server, browser;
before(async () => ({ server, browser } = await openSite('sample')));
after(() => closeSite({ server, browser }));

const READER = `?view=issue&issue=${ISSUE}`;

async function openReader(fragment = '') {
  const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
  const errors = watchConsole(page);
  await page.goto(server.url + READER + fragment);
  await page.locator('.reader-body h2').first().waitFor();
  return { page, errors };
}

/// Still the reader of the issue, with `fragment` (`#id`, or '' for none) in the URL.
async function onTheIssue(page, fragment) {
  await page.waitForFunction((f) => location.hash === f, fragment, { timeout: 5000 });
  const url = new URL(page.url());
  assert.equal(url.pathname, '/twir-explorer/');
  assert.equal(url.searchParams.get('view'), 'issue', page.url());
  assert.equal(url.searchParams.get('issue'), String(ISSUE), page.url());
  assert.equal(url.hash, fragment);
  assert.equal(await page.locator('#main .reader-body').count(), 1, 'the reader is still shown');
  assert.match(await page.locator('#reader-title').innerText(), new RegExp(`${ISSUE}`));
}

/// The element with this id is at the top of the viewport, or as near as the page scrolls.
async function scrolledTo(page, id) {
  await page.waitForFunction(
    (id) => {
      const el = document.getElementById(id);
      if (!el) return false;
      const r = el.getBoundingClientRect();
      const bottom = scrollY + innerHeight >= document.documentElement.scrollHeight - 2;
      return scrollY > 0 && (Math.abs(r.top) <= 2 || (bottom && r.top >= 0 && r.bottom <= innerHeight));
    },
    id,
    { timeout: 5000 },
  );
}

test('contents entries and heading anchors keep the reader on its issue and scroll to the heading', async () => {
  const { page, errors } = await openReader();
  const entries = page.locator('.toc a');
  assert.ok((await entries.count()) >= 4, 'the issue has a table of contents');
  // The last entry: a heading far below the first screen.
  const tocHref = await entries.last().getAttribute('href');
  assert.match(tocHref, /^#./);
  const tocId = decodeURIComponent(tocHref.slice(1));
  assert.equal(
    await page.evaluate((id) => !!document.getElementById(id)?.closest('.reader-body'), tocId),
    true,
    `the contents entry ${tocHref} names a heading of the issue, not an element of the app`,
  );
  await entries.last().click();
  await onTheIssue(page, tocHref);
  await scrolledTo(page, tocId);

  // A heading's own anchor, of another heading (the second of the body).
  const anchor = page.locator('.reader-body a.anchor').nth(1);
  const anchorHref = await anchor.getAttribute('href');
  const anchorId = decodeURIComponent(anchorHref.slice(1));
  assert.notEqual(anchorId, tocId);
  await anchor.click();
  await onTheIssue(page, anchorHref);
  await scrolledTo(page, anchorId);

  // Back and forward step through the fragments, on the same issue.
  await page.goBack();
  await onTheIssue(page, tocHref);
  await scrolledTo(page, tocId);
  await page.goBack();
  await onTheIssue(page, '');
  await page.goForward();
  await onTheIssue(page, tocHref);
  await scrolledTo(page, tocId);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a URL with a fragment opens the issue at its heading', async () => {
  let id;
  {
    const { page } = await openReader();
    id = decodeURIComponent((await page.locator('.toc a').last().getAttribute('href')).slice(1));
    await page.close();
  }
  const { page, errors } = await openReader(`#${encodeURIComponent(id)}`);
  await scrolledTo(page, id);
  await onTheIssue(page, `#${encodeURIComponent(id)}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the skip link keeps the reader and moves to the content', async () => {
  const { page } = await openReader();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  await onTheIssue(page, '#main');
  await page.close();
});
