// Headless Debian Chromium driven by playwright-core (test tools cannot download browsers here).
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { startPagesServer } from './pages-server.mjs';
import { FULL_ARCHIVE, REQUIRED, fullArchiveDir } from './full-archive.mjs';
import path from 'node:path';

export const CHROMIUM = process.env.CHROME_PATH || '/usr/bin/chromium';

// Flags that keep Chromium off the network: this machine reaches nothing but loopback.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/// The sites scripts/build-sites builds from the full archive (tests/support/full-archive.mjs).
const FROM_FULL_ARCHIVE = new Set(['full', 'hostile']);

/// Whether the tests of the `which` site are skipped: it is built from the full archive,
/// there is none, and TWIR_REQUIRE_FULL_ARCHIVE=1 is not set (with it they run, and fail).
export function skipsSite(which) {
  return FROM_FULL_ARCHIVE.has(which) && !FULL_ARCHIVE.dir && !REQUIRED;
}

/// The node:test options of a test of the `which` site: `{ skip }` with how to get the full
/// archive when `skipsSite(which)`, so that the test is reported skipped on one line.
///   test('all 664 issues …', needsSite('full'), async () => { … });
export function needsSite(which) {
  return skipsSite(which) ? { skip: FULL_ARCHIVE.why } : {};
}

/// The release builds scripts/test makes: `sample` (the built-in archive), `full` (the full
/// archive) and `hostile` (tests/support/hostile-archive.mjs), for the sub-path /twir-explorer/.
export function siteDir(which) {
  if (FROM_FULL_ARCHIVE.has(which)) fullArchiveDir(); // throws, saying why, without the archive
  const dir = process.env[`TWIR_SITE_${which.toUpperCase()}`] ?? path.join(ROOT, 'target', 'site', which);
  if (!existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`no ${which} site at ${dir}: run scripts/test (or scripts/build-sites), which builds it`);
  }
  return dir;
}

/// Collects what the page logs as errors, so that tests can assert there were none.
export function watchConsole(page) {
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  return errors;
}

/// A build served the way GitHub Pages serves it (tests/support/pages-server.mjs), and a
/// browser to look at it: what most test files open before their tests and close after.
///   let server, browser;
///   before(async () => ({ server, browser } = await openSite('full')));
///   test('…', needsSite('full'), async () => { … });
///   after(() => closeSite({ server, browser }));
/// With `skipsSite(which)`, nothing is opened: the file's tests are skipped.
export async function openSite(which) {
  if (skipsSite(which)) return {};
  const server = await startPagesServer({ root: siteDir(which), base: '/twir-explorer/' });
  const browser = await launchBrowser();
  return { server, browser };
}

export async function closeSite({ server, browser }) {
  await browser?.close();
  await server?.close();
}

/// The built-in sample's issues as the issue list shows them, newest first: [number, date].
export const SAMPLE_ISSUES = [
  ['#576', '2024-12-04'],
  ['#572', '2024-11-06'],
  ['#569', '2024-10-16'],
  ['#532', '2024-01-31'],
  ['#520', '2023-11-08'],
];

/// The issue list's rows on `page`, as [number, date].
export function listedIssues(page) {
  return page.locator('#main .issue-row').evaluateAll((els) =>
    els.map((el) => [el.querySelector('.issue-number').textContent, el.querySelector('.issue-date').textContent]),
  );
}
