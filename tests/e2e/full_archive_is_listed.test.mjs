// The release build of the whole real archive lists all 664 issues, newest first, each with
// the date of its front matter. Expectations come from a plain scan of the archive files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fullArchiveDir } from '../support/full-archive.mjs';
import { openSite, closeSite, watchConsole, needsSite, listedIssues } from '../support/browser.mjs';

/// number → YYYY-MM-DD, from each weekly file's `Title:`/`Number:` and `Date:` lines.
function scanArchive() {
  const ARCHIVE = fullArchiveDir();
  const issues = new Map();
  for (const name of readdirSync(ARCHIVE)) {
    const head = readFileSync(path.join(ARCHIVE, name), 'utf8').split('\n').slice(0, 8).join('\n');
    if (/^Category: Rust$/m.test(head)) continue;
    const number = Number(head.match(/^Number: (\d+)/m)?.[1] ?? head.match(/^Title: .* (\d+)$/m)[1]);
    const [y, m, d] = head.match(/^Date: (\d+)-(\d+)-(\d+)/m).slice(1);
    issues.set(number, `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`);
  }
  return issues;
}

let server, browser;
before(async () => ({ server, browser } = await openSite('full')));
after(() => closeSite({ server, browser }));

test('all 664 issues of the real archive are listed newest first with their dates', needsSite('full'), async () => {
  const expected = [...scanArchive()].sort((a, b) => b[0] - a[0]).map(([n, d]) => [`#${n}`, d]);
  assert.equal(expected.length, 664);
  const page = await browser.newPage();
  const errors = watchConsole(page);
  await page.goto(server.url);
  await page.locator('#main .issue-row').first().waitFor();
  const rows = await listedIssues(page);
  assert.deepEqual(rows, expected);
  assert.deepEqual(rows[0], ['#665', '2026-08-19']);
  assert.ok(!rows.some(([n]) => n === '#28'));
  assert.deepEqual(errors, []);
  await page.close();
});
