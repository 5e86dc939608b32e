// Helpers of the browser check: reporting, the single-page app's static server, the axe-core pass, the mail outbox.
import { createServer } from 'node:http';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheckError, expect } from '../checks.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

export { check, counts, expect, totp } from '../checks.mjs';

/** Serves the single-page app (and oidc-client-ts's browser bundle) on its own origin; resolves once listening. */
export async function serveSpa(origin, apiBase) {
  const url = new URL(origin);
  const files = {
    '/oidc-client-ts.min.js': path.join(here, 'node_modules', 'oidc-client-ts', 'dist', 'browser', 'oidc-client-ts.min.js'),
    '/app.js': path.join(here, 'spa', 'app.js'),
  };
  const escaped = apiBase.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const index = (await readFile(path.join(here, 'spa', 'index.html'), 'utf8')).replace('%API%', escaped);
  const server = createServer(async (request, response) => {
    const { pathname } = new URL(request.url, origin);
    if (files[pathname]) {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(await readFile(files[pathname]));
    } else if (pathname === '/' || pathname === '/callback') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(index);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', (err) => reject(new Error(`cannot serve the app on ${origin} (the demo-portal client's redirect URI): ${err.message}`)));
    server.listen(Number(url.port), url.hostname, resolve);
  });
  return server;
}

/** Waits until the page's URL satisfies the predicate (navigations cross origins, so poll the URL itself). */
export async function waitForUrl(page, predicate, what, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const url = new URL(page.url());
    if (predicate(url)) return url;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new CheckError(`timed out waiting for ${what}; the page is at ${page.url()}`);
}

const axeSource = readFile(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * The page as it is now, at each width: axe-core finds no serious or critical violation, nothing scrolls sideways,
 * and a full-page screenshot is saved as NAME-WIDTH.png. Returns a one-line summary.
 */
export async function examine(page, name, outDir, widths) {
  const found = [];
  for (const width of widths) {
    await page.setViewport({ width, height: width > 600 ? 900 : 844, deviceScaleFactor: 1 });
    // Evaluated over the DevTools protocol: the page's content security policy (no scripts) does not apply.
    if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(await axeSource);
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    for (const v of result.violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) {
      found.push(`${width}px ${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) found.push(`${width}px: the page scrolls sideways by ${overflow}px`);
    await page.screenshot({ path: path.join(outDir, `${name}-${width}.png`), fullPage: true });
  }
  // 360 px, the narrowest phone the pages promise: nothing may scroll sideways there either.
  await page.setViewport({ width: 360, height: 740 });
  const narrow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (narrow > 0) found.push(`360px: the page scrolls sideways by ${narrow}px`);
  await page.setViewport({ width: widths[0], height: 900 });
  expect(found.length === 0, `${name}:\n${found.join('\n')}`);
  return `axe clean at ${widths.join(' and ')} px; ${widths.map((w) => `${name}-${w}.png`).join(', ')}`;
}

/** The newest link to PATH in a mail to ADDRESS written to the outbox after SINCE (polls: mail may be sent in the background). */
export async function mailedLink(outbox, address, linkPath, since, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let names = [];
    try {
      names = (await readdir(outbox)).filter((n) => n.endsWith('.eml')).sort().reverse();
    } catch {
      // no mail yet
    }
    for (const name of names) {
      const file = path.join(outbox, name);
      if ((await stat(file)).mtimeMs < since) continue;
      let text = await readFile(file, 'utf8');
      if (!new RegExp(`^To:.*${address.replace(/[.+]/g, '\\$&')}`, 'mi').test(text)) continue;
      if (/Content-Transfer-Encoding:\s*quoted-printable/i.test(text)) {
        text = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
      }
      const link = new RegExp(`https?://[^\\s"<>]+${linkPath}\\?[^\\s"<>]+`).exec(text)?.[0];
      if (link) return link;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new CheckError(`no mail to ${address} with a ${linkPath} link in ${outbox} within ${timeoutMs / 1000}s`);
}
