// Check bookkeeping shared by the Node check scripts (tests/http, tests/browser): a check throws to fail; each
// prints one line (ok / FAIL / SKIP) and the counts make the summary line and the exit code.
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
