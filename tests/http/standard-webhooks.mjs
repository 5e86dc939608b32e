#!/usr/bin/env node
// Partner webhooks checked by an independent implementation: the npm package `standardwebhooks` verifies the
// deliveries that the dotnet tests received on their local listener (PartnerWebhookTests write each delivery, with the
// endpoint's secret, to the folder named by MEMBERSHIP_WEBHOOK_CAPTURE: one JSON file
// { secrets: [...], headers: { webhook-id, webhook-timestamp, webhook-signature }, body }).
//
// Usage: node standard-webhooks.mjs CAPTURE_DIR
//
// For each delivery and each secret that signed it: (a) Webhook.verify accepts it (the clock pinned to the delivery's
// timestamp: the tests ran on a fake clock, minutes before this check); (b) the body changed by one character, and
// (c) another secret, are refused. At least one delivery must be there, and one signed with two secrets (a rotation).
// Prints one line per check and a summary; exit code 0 only when every check passed, 2 on bad arguments.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node standard-webhooks.mjs CAPTURE_DIR');
  process.exit(2);
}

let passed = 0;
let failed = 0;
const check = (name, ok, detail = '') => {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
};
const refused = (fn) => { try { fn(); return false; } catch { return true; } };

const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
check('deliveries captured', files.length > 0, `${files.length} file(s) in ${dir}`);
let rotated = 0;
const realNow = Date.now;
for (const file of files) {
  const { secrets, headers, body } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const at = Number(headers['webhook-timestamp']) * 1000;
  Date.now = () => at + 1000; // verify's tolerance is five minutes around "now": pin it to the delivery
  try {
    if (secrets.length > 1) rotated++;
    for (const secret of secrets) {
      const wh = new Webhook(secret);
      check(`${file}: verify with ${secret.slice(0, 10)}…`, !refused(() => wh.verify(body, headers)));
      check(`${file}: changed body refused`, refused(() => wh.verify(body.replace('"type":"', '"type":"x'), headers)));
    }
    const stranger = new Webhook(`whsec_${randomBytes(32).toString('base64')}`);
    check(`${file}: another secret refused`, refused(() => stranger.verify(body, headers)));
  } finally {
    Date.now = realNow;
  }
}
check('a delivery signed during a rotation overlap (two secrets)', rotated > 0);
console.log(`standard webhooks: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
