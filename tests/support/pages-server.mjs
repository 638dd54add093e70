// A static server that answers like GitHub Pages: the site lives under a sub-path, files are
// gzipped when the browser accepts it, a folder answers with its index.html, the query string
// is ignored, every unknown path is a 404 (there is no single-page-app fallback), and any
// origin may fetch the files (Access-Control-Allow-Origin: *).
//
// Library: startPagesServer({ root, base, port, precompress }) → { origin, url, close(), requests() }.
// `requests()` is how many requests the server has answered so far: the benchmarks wait for the
// page, its workers and its service worker to stop fetching.
// With `precompress`, every file is gzipped before the server answers, as a CDN has it cached:
// benchmarks and Lighthouse then measure the site, not node compressing a 2.5 MB file while
// the other requests wait (gzipSync blocks the server). Tests compress on first request.
// Command: node tests/support/pages-server.mjs <dist> [--base /twir-explorer/] [--port 8081]
import { createServer } from 'node:http';
import { readFile, readdir, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.mjs': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.xml', '.svg', '.wasm', '.txt']);

export async function startPagesServer({ root, base = '/twir-explorer/', port = 0, host = '127.0.0.1', precompress = false }) {
  const rootDir = path.resolve(root);
  if (!base.startsWith('/') || !base.endsWith('/')) throw new Error(`base must start and end with /: ${base}`);
  const gzCache = new Map();
  const gzKey = (file, info) => `${file}:${info.mtimeMs}:${info.size}`;
  if (precompress) {
    for (const entry of await readdir(rootDir, { recursive: true, withFileTypes: true })) {
      const file = path.join(entry.parentPath ?? entry.path, entry.name);
      if (!entry.isFile() || !COMPRESSIBLE.has(path.extname(file).toLowerCase())) continue;
      gzCache.set(gzKey(file, await stat(file)), gzipSync(await readFile(file), { level: 6 }));
    }
  }

  const server = createServer(async (req, res) => {
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!DOCTYPE html><title>404</title><h1>404: File not found</h1>');
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405).end();
        return;
      }
      const url = new URL(req.url, `http://${req.headers.host}`);
      let pathname = decodeURIComponent(url.pathname);
      if (pathname === base.slice(0, -1)) {
        res.writeHead(301, { location: base + url.search }).end();
        return;
      }
      if (!pathname.startsWith(base)) return notFound();
      let file = path.join(rootDir, pathname.slice(base.length));
      if (!file.startsWith(rootDir)) return notFound();
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { location: pathname + '/' + url.search }).end();
          return;
        }
        file = path.join(file, 'index.html');
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) return notFound();
      const ext = path.extname(file).toLowerCase();
      let body = await readFile(file);
      const headers = {
        'content-type': TYPES[ext] ?? 'application/octet-stream',
        'cache-control': 'max-age=600',
        vary: 'Accept-Encoding',
        // As GitHub Pages does: any origin may fetch the files (the widget on other sites).
        'access-control-allow-origin': '*',
      };
      if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        const key = gzKey(file, info);
        if (!gzCache.has(key)) gzCache.set(key, gzipSync(body, { level: 6 }));
        body = gzCache.get(key);
        headers['content-encoding'] = 'gzip';
      }
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    }
  });

  let answered = 0;
  server.on('request', () => answered++);

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const origin = `http://${host}:${server.address().port}`;
  return {
    origin,
    url: origin + base,
    requests: () => answered,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : dflt;
  };
  const base = opt('--base', '/twir-explorer/');
  const port = Number(opt('--port', '8081'));
  const root = args[0] ?? 'dist';
  const { url } = await startPagesServer({ root, base, port, precompress: true });
  console.log(`serving ${root} as GitHub Pages would, at ${url}`);
}
