// The full archive, for the end-to-end tests and the scripts written in JavaScript: where
// scripts/full-archive finds it (TWIR_FULL_ARCHIVE, else ../shared/twir-archive/content, else
// the copy scripts/fetch-archive keeps), the one lookup of the scripts and the Rust tests too.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/// `{ dir }`, or `{ why }`: one line saying that there is none and how to get it.
export const FULL_ARCHIVE = (() => {
  try {
    const out = execFileSync(path.join(ROOT, 'scripts', 'full-archive'), { stdio: ['ignore', 'pipe', 'pipe'] });
    return { dir: out.toString().trim() };
  } catch (e) {
    return { why: e.stderr?.toString().trim() || String(e) };
  }
})();

/// Whether a missing full archive fails the tests instead of skipping them (CI sets it).
export const REQUIRED = process.env.TWIR_REQUIRE_FULL_ARCHIVE === '1';

/// The full archive's folder; throws, saying how to get it, when there is none.
export function fullArchiveDir() {
  if (!FULL_ARCHIVE.dir) throw new Error(REQUIRED ? `TWIR_REQUIRE_FULL_ARCHIVE=1, and ${FULL_ARCHIVE.why}` : FULL_ARCHIVE.why);
  return FULL_ARCHIVE.dir;
}
