// A new user's first minute: clone the repository, run the first command of README.md's first
// code block exactly as the README writes it (`scripts/serve`), and find the five sample issues
// at http://127.0.0.1:8080 in headless Chromium.
//
// The clone is of the committed HEAD (uncommitted changes are not in it), in a temporary
// folder without ../shared beside it. Its setup is the real one: `scripts/setup` finds the
// tools installed and runs `npm ci` (the clone has no node_modules). Compiled dependencies are
// shared through CARGO_TARGET_DIR (.ci/run exports it; otherwise this checkout's target/), as
// a cache that cargo rebuilds from the clone's own sources.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser, watchConsole, listedIssues, SAMPLE_ISSUES } from '../support/browser.mjs';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const URL = 'http://127.0.0.1:8080/';
// A cold debug build of the app, the widget and the `twir` build step on 2 cores, with the
// dependencies cached; a fresh cache takes longer, so the bound is generous.
const SERVE_TIMEOUT_MS = 25 * 60 * 1000;

/// The first command of README.md's first code block, as written there (comment included:
/// the shell ignores it, as it does when a user pastes the line).
function readmeFirstCommand() {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = readme.match(/^```[a-z]*\n([\s\S]*?)^```/m);
  assert.ok(block, 'README.md has a code block');
  const line = block[1].split('\n').find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  assert.ok(line, "README.md's first code block has a command");
  return line.trim();
}

/// Fails with a clear message when something already listens on 127.0.0.1:8080: the
/// server the test starts could not bind, and the page found there would not be its.
async function assertPortFree(port) {
  await new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err) =>
      reject(
        new Error(
          err.code === 'EADDRINUSE'
            ? `port ${port} is in use (another \`scripts/serve\` or \`trunk serve\`?): stop it, then run this test again`
            : `cannot listen on 127.0.0.1:${port}: ${err.message}`,
        ),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(resolve));
  });
}

/// The command, run by bash in `cwd` in a process group of its own (trunk serve starts
/// cargo, the hook and its builds), with its output kept for failure messages.
function start(command, cwd, env) {
  const child = spawn('bash', ['-c', command], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  child.stdout.on('data', (d) => output.push(d));
  child.stderr.on('data', (d) => output.push(d));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const tail = (lines = 80) => Buffer.concat(output).toString('utf8').split('\n').slice(-lines).join('\n');
  return { child, exited, tail };
}

/// Stops the whole process group: SIGTERM, then SIGKILL if it is still there after 10 s.
async function stop({ child, exited }) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch (err) {
      if (err.code !== 'ESRCH') throw err;
    }
  };
  signal('SIGTERM');
  const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
  if (!done) signal('SIGKILL');
  // Children that outlive bash (trunk's cargo) are in the same group.
  signal('SIGKILL');
}

/// Resolves once the server answers the page with 200, or rejects with the server's output
/// when it exits first or takes longer than the timeout.
async function waitForServer(server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  let exit = null;
  server.exited.then((e) => (exit = e));
  while (Date.now() < deadline) {
    if (exit) {
      throw new Error(
        `the README's first command exited (code ${exit.code}, signal ${exit.signal}) before serving ${URL}:\n${server.tail()}`,
      );
    }
    try {
      const response = await fetch(URL, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200 && (await response.text()).includes('<html')) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
  throw new Error(`nothing served ${URL} within ${timeoutMs / 60_000} minutes:\n${server.tail()}`);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'twir-readme-'));
let server;
after(async () => {
  if (server) await stop(server);
  rmSync(work, { recursive: true, force: true });
});

test("a fresh clone serves the five sample issues with the README's first command", { timeout: SERVE_TIMEOUT_MS + 5 * 60_000 }, async () => {
  const command = readmeFirstCommand();
  assert.match(command, /^scripts\/serve\b/, `the README's first command is scripts/serve (found: ${command})`);
  await assertPortFree(8080);

  const clone = path.join(work, 'twir-explorer');
  execFileSync('git', ['clone', '--quiet', ROOT, clone], { stdio: 'inherit' });
  assert.equal(
    execFileSync('git', ['-C', clone, 'rev-parse', 'HEAD']).toString().trim(),
    execFileSync('git', ['-C', ROOT, 'rev-parse', 'HEAD']).toString().trim(),
    "the clone is this checkout's HEAD",
  );

  // A user's shell: none of the variables the scripts read, except the shared build cache.
  const env = { ...process.env, CARGO_TARGET_DIR: process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target') };
  for (const name of ['TWIR_ARCHIVE', 'TWIR_SITE_URL', 'TWIR_FULL_ARCHIVE', 'TWIR_REQUIRE_FULL_ARCHIVE', 'TRUNK_STAGING_DIR', 'TRUNK_PROFILE']) {
    delete env[name];
  }
  const started = Date.now();
  server = start(command, clone, env);
  await waitForServer(server, SERVE_TIMEOUT_MS);
  console.log(`# the README's first command served ${URL} after ${Math.round((Date.now() - started) / 1000)} s`);

  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const errors = watchConsole(page);
    await page.goto(URL);
    await page.locator('#main .issue-row').nth(4).waitFor({ timeout: 60_000 });
    assert.deepEqual(await listedIssues(page), SAMPLE_ISSUES);
    assert.equal(await page.title(), 'This Week in Rust Explorer');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
