// Check bookkeeping shared by the Node check scripts (tests/http, tests/browser): a check throws to fail; each
// prints one line (ok / FAIL / SKIP) and the counts make the summary line and the exit code.
import { createHmac } from 'node:crypto';

export const counts = { ok: 0, failed: 0, skipped: 0 };

export class CheckError extends Error {}

export const fail = (message) => {
  throw new CheckError(message);
};

export const expect = (condition, message) => {
  if (!condition) fail(message);
};

const plain = (err) => (err instanceof CheckError ? err.message : String(err?.stack ?? err));

/** Runs one check; `describe` turns a thrown error into the lines printed under FAIL. Returns whether it passed. */
export async function check(name, fn, describe = plain) {
  try {
    const detail = await fn();
    counts.ok++;
    console.log(`ok    ${name}${detail ? ` (${detail})` : ''}`);
    return true;
  } catch (err) {
    counts.failed++;
    console.log(`FAIL  ${name}`);
    for (const line of describe(err).split('\n').slice(0, 12)) console.log(`      ${line}`);
    return false;
  }
}

export function skip(name, reason) {
  counts.skipped++;
  console.log(`SKIP  ${name} (${reason})`);
}

/**
 * An authenticator app's code for a base32 key (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), computed here with
 * node's crypto, independently of the server.
 */
export function totp(base32Key, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bytes = [];
  let bits = 0;
  let value = 0;
  for (const c of base32Key.replace(/[\s=]/g, '').toUpperCase()) {
    value = ((value << 5) | alphabet.indexOf(c)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30000)));
  const hash = createHmac('sha1', Buffer.from(bytes)).update(counter).digest();
  const offset = hash[hash.length - 1] & 0x0f;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}
