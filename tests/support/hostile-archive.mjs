// Writes a hostile test archive: the real #665 of the full archive, and a copy
// of it as #667 with script tags, event handlers and javascript:/data: links worked into its
// intro, its community links, its crate of the week and its quote. Nothing of it is kept in
// the repository; scripts/build-sites builds a site from it for the e2e tests.
//   node tests/support/hostile-archive.mjs <out-dir>
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fullArchiveDir } from './full-archive.mjs';

const ARCHIVE = fullArchiveDir();
const BASE = '2026-08-19-this-week-in-rust.md';

const INTRO = `Hello and welcome to a hostile issue. <script>window.__pwned = 'inline script'</script>

<img src=x onerror="window.__pwned = 'onerror'">

<svg onload="window.__pwned = 'svg'"><circle r="5"/></svg>

<iframe src="javascript:window.parent.__pwned='iframe'"></iframe>

`;
const OFFICIAL = `* [Harmless official post](https://blog.rust-lang.org/2026/09/01/harmless/)
* [Click me](javascript:window.__pwned='link')
* [Sneaky](JaVaScRiPt:window.__pwned='case')
* <a href="javascript:window.__pwned='raw'" onclick="window.__pwned='click'">Raw anchor</a>
`;
const MISCELLANEOUS = `* [Data link](data:text/html,<script>window.__pwned='data'</script>)
`;
const CRATE = `This week's crate is [evil](javascript:window.__pwned='crate'), a crate that <b onmouseover="window.__pwned='b'">does things</b>.

Thanks to [Mallory](javascript:window.__pwned='thanks') for the suggestion!

`;
const QUOTE = `> <script>window.__pwned = 'quote'</script> Safe words survive.

– [Mallory on the internet](javascript:window.__pwned='quote-link')

`;

/// Inserts `text` right after the line `anchor` of `body`; fails loudly if the line is gone.
function after(body, anchor, text) {
  const at = body.indexOf(`\n${anchor}\n`);
  if (at < 0) throw new Error(`${BASE} has no line "${anchor}" to insert hostile text after`);
  const end = at + anchor.length + 2;
  return body.slice(0, end) + text + body.slice(end);
}

const out = process.argv[2];
if (!out) throw new Error('usage: node tests/support/hostile-archive.mjs <out-dir>');
const real = readFileSync(path.join(ARCHIVE, BASE), 'utf8');
let hostile = real
  .replace('Title: This Week in Rust 665', 'Title: This Week in Rust 667')
  .replace('Number: 665', 'Number: 667')
  .replace('Date: 2026-08-19', 'Date: 2026-09-02');
if (!hostile.includes('Number: 667')) throw new Error(`${BASE} no longer has the front matter of #665`);
hostile = after(hostile, 'Category: This Week in Rust', `\n${INTRO}`);
hostile = after(hostile, '### Official', OFFICIAL);
hostile = after(hostile, '### Miscellaneous', MISCELLANEOUS);
hostile = after(hostile, '## Crate of the Week', `\n${CRATE}`);
hostile = after(hostile, '# Quote of the Week', `\n${QUOTE}`);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, BASE), real);
writeFileSync(path.join(out, '2026-09-02-this-week-in-rust.md'), hostile);
console.log(`hostile archive: ${out} (#665 as published, #667 with hostile text)`);
