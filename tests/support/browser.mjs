// Headless Debian Chromium driven by playwright-core (test tools cannot download browsers here).
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { startPagesServer } from './pages-server.mjs';
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

/// The release builds scripts/test makes: `sample` (the built-in archive) and `full`
/// (../shared/twir-archive/content), both for the sub-path /twir-explorer/.
export function siteDir(which) {
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
///   after(() => closeSite({ server, browser }));
export async function openSite(which) {
  const server = await startPagesServer({ root: siteDir(which), base: '/twir-explorer/' });
  const browser = await launchBrowser();
  return { server, browser };
}

export async function closeSite({ server, browser }) {
  await browser?.close();
  await server?.close();
}
