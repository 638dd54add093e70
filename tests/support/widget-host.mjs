// A community site of another origin (its own port on 127.0.0.1) that embeds the widget of
// an explorer served elsewhere, with CSS as hostile as it gets.
//
// Library: startHostSite(pages) → { origin, url(name), close() }, pages being
// { name: html }; hostilePage(explorerUrl, body) is a page with the hostile CSS, the widget's
// script tag, and a last inline script that records the page's own DOM once parsed
// (window.hostBefore) and every mutation of it from then on (window.hostMutations).
import { createServer } from 'node:http';

export const HOSTILE_CSS = '* { all: unset } div { display: none }';

export function hostilePage(explorerUrl, body, { css = HOSTILE_CSS } = {}) {
  // No whitespace after the last script: the parser would add it to <body> after the
  // observer has started.
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>A Rust meetup's page</title>
<style>${css}</style>
<script src="${explorerUrl}widget.js" defer></script>
</head>
<body>
<header><h1>Rust Meetup Ruritania</h1></header>
<div id="host-div">Host content that the host's own CSS hides.</div>
<main id="host-main"><p>Our next meetup is on Thursday.</p>
${body}
<p id="host-after">See you there.</p></main>
<script>
window.hostMutations = [];
new MutationObserver((records) => {
  for (const r of records) window.hostMutations.push(r.type + ' on ' + (r.target.nodeName || '?'));
}).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
window.hostBefore = document.documentElement.outerHTML;
</script></body></html>`;
}

export async function startHostSite(pages) {
  const server = createServer((req, res) => {
    const name = new URL(req.url, 'http://host').pathname.slice(1);
    if (!(name in pages)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(pages[name]);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: (name) => `${origin}/${name}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/// The widget's records as the bundle of a built site holds them, for expectations.
export async function widgetRecords(siteDir) {
  const { readFile } = await import('node:fs/promises');
  const read = async (p) => JSON.parse(await readFile(`${siteDir}/data/${p}`, 'utf8'));
  const manifest = await read('manifest.json');
  const file = (key) => read(manifest.files[key].path);
  const quotes = await file('widget-quote');
  const all = [];
  for (const c of quotes.chunks) all.push(...(await read(c.path)).quotes);
  return {
    crate: (await file('widget-crate')).crate_pick,
    quote: quotes.latest,
    allQuotes: all,
    issue: (await file('widget-issue')).issue,
  };
}
