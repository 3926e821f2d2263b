// A throwaway npm registry on 127.0.0.1 that knows one package, the packed tarball (so `npm install
// fklint@0.1.0` installs the build under test, as it will install the published one), and answers 404 for
// anything else. Enough for pre-commit's `language: node`, which runs `npm install -g fklint@0.1.0`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import { execFileSync } from 'node:child_process';

export async function startRegistry(tarball) {
  const bytes = fs.readFileSync(tarball);
  const manifest = JSON.parse(execFileSync('tar', ['-xOzf', tarball, 'package/package.json'], { encoding: 'utf8' }));
  const name = manifest.name;
  const file = `${name}-${manifest.version}.tgz`;
  const server = http.createServer((request, response) => {
    const url = new URL(request.url, 'http://registry');
    if (decodeURIComponent(url.pathname) === `/${name}`) {
      const base = `http://127.0.0.1:${server.address().port}`;
      const version = {
        ...manifest,
        dist: {
          tarball: `${base}/${name}/-/${file}`,
          shasum: crypto.createHash('sha1').update(bytes).digest('hex'),
          integrity: `sha512-${crypto.createHash('sha512').update(bytes).digest('base64')}`,
        },
      };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ name, 'dist-tags': { latest: manifest.version }, versions: { [manifest.version]: version } }));
    } else if (url.pathname === `/${name}/-/${file}`) {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': bytes.length });
      response.end(bytes);
    } else {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":"not found"}');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, version: manifest.version, close: () => server.close() };
}
