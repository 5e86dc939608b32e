#!/usr/bin/env node
// GraphQL-over-HTTP conformance audit of a running endpoint, with graphql-http's own audit suite.
//
// Usage: node audit.mjs URL        e.g. node audit.mjs http://127.0.0.1:5080/graphql
//
// Prints one line per audit (ok / notice / warn / error), the reason and the server's response
// for every audit that did not pass, and a summary line. Exit code: 0 when every audit is ok or
// a notice (MAY-level suggestion), 1 when any audit is a warning (SHOULD) or an error (MUST),
// 2 when the audit could not run (bad arguments, server unreachable).
import { auditServer } from 'graphql-http';

const REQUEST_TIMEOUT_MS = 15_000;
const BODY_LIMIT = 2_000;

const url = process.argv[2];
if (!url || process.argv.length > 3) {
  console.error('usage: node audit.mjs URL   (the GraphQL endpoint, e.g. http://127.0.0.1:5080/graphql)');
  process.exit(2);
}
try {
  new URL(url);
} catch {
  console.error(`not a URL: ${url}`);
  process.exit(2);
}

// Every request gets a time limit, so a hanging endpoint fails the audit instead of the CI run.
const fetchWithTimeout = (input, init = {}) =>
  fetch(input, { ...init, signal: init.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) });

async function describeResponse(response) {
  if (!response) return '(no response)';
  const headers = [];
  for (const [key, value] of response.headers.entries()) {
    if (key !== 'date') headers.push(`${key}: ${value}`);
  }
  let body;
  try {
    body = await response.clone().text();
  } catch (err) {
    body = `(body unreadable: ${err?.message ?? err})`;
  }
  if (body.length > BODY_LIMIT) body = `${body.slice(0, BODY_LIMIT)}… (${body.length} chars)`;
  return [`HTTP ${response.status} ${response.statusText}`.trimEnd(), ...headers, '', body]
    .map((line) => `      ${line}`)
    .join('\n');
}

let results;
try {
  results = await auditServer({ url, fetchFn: fetchWithTimeout });
} catch (err) {
  console.error(`audit could not run against ${url}: ${err?.stack ?? err}`);
  process.exit(2);
}

const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
const label = { ok: 'ok    ', notice: 'notice', warn: 'WARN  ', error: 'ERROR ' };
for (const result of results) {
  counts[result.status] = (counts[result.status] ?? 0) + 1;
  console.log(`${label[result.status] ?? result.status} ${result.id} ${result.name}`);
  if (result.status !== 'ok') {
    console.log(`      reason: ${result.reason}`);
    console.log(await describeResponse(result.response));
  }
}

const failed = counts.warn + counts.error;
console.log(
  `graphql-http audit of ${url}: ${results.length} audits, ${counts.ok} ok, ${counts.notice} notices, ` +
    `${counts.warn} warnings, ${counts.error} errors: ${failed === 0 ? 'PASS' : 'FAIL'}`,
);
process.exit(failed === 0 ? 0 : 1);
