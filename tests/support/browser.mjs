// Headless Debian Chromium driven by playwright-core (test tools cannot download browsers here).
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
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
