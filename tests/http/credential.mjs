#!/usr/bin/env node
// A signed certificate credential checked the way an outside verifier would: with jose, an independent JOSE library,
// against nothing but the issuer's published keys. Runs against an API in Development (demo identities seeded).
//
// Usage: node credential.mjs BASE_URL     e.g. node credential.mjs http://127.0.0.1:5080
//
// (a) discovery and a staff token (demo-staff-tool, client credentials); (b) the demo member M-000014's certificate
// and its signedCredential, read as staff (a BASIC-SRO completion is recorded first when the member has no active
// certificate); (c) offline verification: createRemoteJWKSet(/.well-known/jwks) + jwtVerify with the issuer check,
// the claims summary, the claims against the certificate, a tampered copy and a wrong issuer refused; (d) the
// credentialStatus link answers ACTIVE, then REVOKED once staff revoke the certificate.
//
// Prints one line per check (ok / FAIL, and SKIP after a failure) and a summary line.
// Exit code: 0 when every check passed, 1 when any failed or was skipped, 2 on bad arguments.
import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify } from 'jose';

// The demo identities of src/Membership/DemoData/DemoIdentities.cs (Development only).
const STAFF_TOOL = { clientId: 'demo-staff-tool', secret: 'demo-staff-secret', scope: 'membership.staff' };
const MEMBER_NUMBER = 'M-000014';
const COURSE_CODE = 'BASIC-SRO';
const REQUEST_TIMEOUT_MS = 15_000;

const base = process.argv[2];
if (!base || process.argv.length > 3) {
  console.error('usage: node credential.mjs BASE_URL   (the API root, e.g. http://127.0.0.1:5080)');
  process.exit(2);
}
let baseUrl;
try {
  baseUrl = new URL(base);
} catch {
  console.error(`not a URL: ${base}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Check bookkeeping: the checks run in order; after the first failure the rest are skipped (each needs the one before).
const counts = { ok: 0, failed: 0, skipped: 0 };
class CheckError extends Error {}
const expect = (condition, message) => {
  if (!condition) throw new CheckError(message);
};

async function run(checks) {
  let failedAt = null;
  for (const [name, fn] of checks) {
    if (failedAt) {
      counts.skipped++;
      console.log(`SKIP  ${name} (needs: ${failedAt})`);
      continue;
    }
    try {
      const detail = await fn();
      counts.ok++;
      console.log(`ok    ${name}${detail ? ` (${detail})` : ''}`);
    } catch (err) {
      counts.failed++;
      failedAt = name;
      console.log(`FAIL  ${name}`);
      const text = err instanceof CheckError ? err.message : `${err?.name ?? 'Error'}: ${err?.message ?? err}${err?.code ? ` [${err.code}]` : ''}`;
      for (const line of text.split('\n')) console.log(`      ${line}`);
    }
  }
}

async function http(url, init = {}) {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await response.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: reported below where it matters
  }
  return { status: response.status, body, text: text.length > 600 ? `${text.slice(0, 600)}…` : text };
}

async function graphql(token, query, variables = {}) {
  const { status, body, text } = await http(new URL('/graphql', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  expect(status === 200 && body?.data && !body.errors, `POST /graphql ${query.slice(0, 80)}…: HTTP ${status} ${text}`);
  return body.data;
}

// Fails unless jwtVerify refuses the token with one of the given jose error codes; returns that code.
async function refused(promise, codes) {
  try {
    await promise;
  } catch (err) {
    expect(codes.includes(err?.code), `expected ${codes.join(' or ')}, got ${err?.code ?? err}`);
    return err.code;
  }
  throw new CheckError(`expected ${codes.join(' or ')}, but the credential verified`);
}

// ---------------------------------------------------------------------------------------------
console.log(`Credential checks against ${baseUrl.href}`);
const CERTIFICATE = 'id number title status hours issuedOn expiresOn holderName signedCredential course { code name }';
let issuer;
let staffToken;
let member;
let certificate;
let payload;
let statusUrl;

await run([
  ['(a) discovery: issuer and jwks_uri', async () => {
    const { status, body, text } = await http(new URL('/.well-known/openid-configuration', baseUrl));
    expect(status === 200 && body?.issuer, `GET /.well-known/openid-configuration: HTTP ${status} ${text}`);
    issuer = body.issuer;
    expect(new URL(body.jwks_uri).pathname === '/.well-known/jwks', `jwks_uri is ${body.jwks_uri}`);
    return `issuer ${issuer}, jwks_uri ${body.jwks_uri}`;
  }],
  ['(a) client credentials: demo-staff-tool, scope membership.staff', async () => {
    const { status, body, text } = await http(new URL('/connect/token', baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: STAFF_TOOL.clientId, client_secret: STAFF_TOOL.secret, scope: STAFF_TOOL.scope }),
    });
    expect(status === 200 && body?.access_token, `POST /connect/token: HTTP ${status} ${text}`);
    staffToken = body.access_token;
    return `expires_in ${body.expires_in}s`;
  }],
  [`(b) ${MEMBER_NUMBER}: an active certificate with its signed credential`, async () => {
    const ask = () => graphql(staffToken, `query($n: String!) { memberByNumber(number: $n) { id firstName lastName certificates { ${CERTIFICATE} } } }`, { n: MEMBER_NUMBER });
    member = (await ask()).memberByNumber;
    expect(member, `memberByNumber(${MEMBER_NUMBER}) is null: is the demo data seeded?`);
    certificate = member.certificates.find((c) => c.status === 'ACTIVE');
    let recorded = '';
    if (!certificate) {
      const { courses } = await graphql(staffToken, '{ courses { id code } }');
      const course = courses.find((c) => c.code === COURSE_CODE);
      expect(course, `no course ${COURSE_CODE} in ${JSON.stringify(courses.map((c) => c.code))}`);
      // Two days back is not in the future in any time zone; against a server that already ran these checks, a
      // completion on that day is recorded (ALREADY_RECORDED): go back a day at a time.
      let recordCompletion;
      let completedOn;
      for (let daysBack = 2; daysBack < 60; daysBack++) {
        completedOn = new Date(Date.now() - daysBack * 86_400_000).toISOString().slice(0, 10);
        ({ recordCompletion } = await graphql(staffToken,
          `mutation($input: RecordCompletionInput!) { recordCompletion(input: $input) { certificate { ${CERTIFICATE} } userErrors { code field message } } }`,
          { input: { memberId: member.id, courseId: course.id, completedOn } }));
        if (!recordCompletion.userErrors.some((e) => e.code === 'ALREADY_RECORDED')) break;
      }
      expect(recordCompletion.userErrors.length === 0 && recordCompletion.certificate, `recordCompletion: ${JSON.stringify(recordCompletion.userErrors)}`);
      certificate = recordCompletion.certificate;
      recorded = `, recorded now: ${COURSE_CODE} completed ${completedOn}`;
    }
    expect(typeof certificate.signedCredential === 'string' && certificate.signedCredential.split('.').length === 3,
      `signedCredential is not a JWS: ${JSON.stringify(certificate.signedCredential)}`);
    return `${member.firstName} ${member.lastName}: ${certificate.number} ${certificate.course?.code ?? certificate.title} ${certificate.status}${recorded}`;
  }],
  ['(c) jose: jwtVerify against createRemoteJWKSet(/.well-known/jwks) with the issuer check', async () => {
    const jwks = createRemoteJWKSet(new URL('/.well-known/jwks', baseUrl));
    const verified = await jwtVerify(certificate.signedCredential, jwks, { issuer });
    payload = verified.payload;
    const header = verified.protectedHeader;
    return `alg ${header.alg}, kid ${header.kid}, typ ${header.typ}`;
  }],
  ['(c) claims summary', async () => {
    const vc = payload.vc ?? {};
    const subject = vc.credentialSubject ?? {};
    const achievement = subject.achievement ?? {};
    const summary = {
      iss: payload.iss, sub: payload.sub, jti: payload.jti, iat: payload.iat, nbf: payload.nbf, exp: payload.exp ?? null,
      type: vc.type, holder: subject.name, achievement: achievement.name, achievementType: achievement.achievementType,
      creditsAvailable: achievement.creditsAvailable, validFrom: vc.validFrom, validUntil: vc.validUntil ?? null,
      credentialStatus: vc.credentialStatus,
    };
    for (const [key, value] of Object.entries(summary)) console.log(`      ${key.padEnd(17)} ${JSON.stringify(value)}`);
    return `${Object.keys(summary).length} claims`;
  }],
  ['(c) the claims match the certificate', async () => {
    const vc = payload.vc;
    expect(Array.isArray(vc?.type) && vc.type.includes('OpenBadgeCredential'), `vc.type is ${JSON.stringify(vc?.type)}`);
    const achievement = vc.credentialSubject?.achievement ?? {};
    expect(achievement.name === certificate.course.name, `achievement.name ${JSON.stringify(achievement.name)}, course ${certificate.course.name}`);
    expect(achievement.creditsAvailable === certificate.hours, `creditsAvailable ${achievement.creditsAvailable}, hours ${certificate.hours}`);
    expect(vc.credentialSubject.name === certificate.holderName, `credentialSubject.name ${vc.credentialSubject.name}, holder ${certificate.holderName}`);
    expect(vc.validFrom === `${certificate.issuedOn}T00:00:00Z`, `validFrom ${vc.validFrom}, issuedOn ${certificate.issuedOn}`);
    expect(certificate.expiresOn ? vc.validUntil?.startsWith(`${certificate.expiresOn}T`) : vc.validUntil === undefined,
      `validUntil ${vc.validUntil}, expiresOn ${certificate.expiresOn}`);
    statusUrl = new URL(vc.credentialStatus?.id);
    expect(statusUrl.href.startsWith(`${issuer}certificates/status/`), `credentialStatus.id ${statusUrl}`);
    return `${achievement.name}, ${achievement.creditsAvailable} h, from ${vc.validFrom}${vc.validUntil ? ` until ${vc.validUntil}` : ''}`;
  }],
  ['(c) a tampered credential and a wrong issuer are refused', async () => {
    const [header, body, signature] = certificate.signedCredential.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    claims.vc.credentialSubject.achievement.creditsAvailable = 400;
    const tampered = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    const jwks = createRemoteJWKSet(new URL('/.well-known/jwks', baseUrl));
    const a = await refused(jwtVerify(tampered, jwks, { issuer }), [errors.JWSSignatureVerificationFailed.code]);
    const b = await refused(jwtVerify(certificate.signedCredential, jwks, { issuer: 'https://issuer.example.org/' }), [errors.JWTClaimValidationFailed.code]);
    return `tampered: ${a}; wrong issuer: ${b}; kid ${decodeProtectedHeader(certificate.signedCredential).kid}`;
  }],
  ['(d) the credentialStatus link answers ACTIVE', async () => {
    const { status, body, text } = await http(statusUrl);
    expect(status === 200 && body?.status === 'ACTIVE' && body.number === certificate.number, `GET ${statusUrl}: HTTP ${status} ${text}`);
    return `GET ${statusUrl.pathname}: ${text}`;
  }],
  ['(d) revokeCertificate as staff, then the link answers REVOKED', async () => {
    const { revokeCertificate } = await graphql(staffToken,
      'mutation($input: CertificateReasonInput!) { revokeCertificate(input: $input) { certificate { number status } userErrors { code field message } } }',
      { input: { certificateId: certificate.id, reason: 'CI: credential check' } });
    expect(revokeCertificate.userErrors.length === 0 && revokeCertificate.certificate?.status === 'REVOKED',
      `revokeCertificate: ${JSON.stringify(revokeCertificate)}`);
    const { status, body, text } = await http(statusUrl);
    expect(status === 200 && body?.status === 'REVOKED', `GET ${statusUrl}: HTTP ${status} ${text}`);
    expect(!text.includes('CI: credential check'), `the status link shows the revocation reason: ${text}`);
    return `GET ${statusUrl.pathname}: ${text}`;
  }],
]);

const total = counts.ok + counts.failed + counts.skipped;
console.log(
  `Credential checks of ${baseUrl.href}: ${total} checks, ${counts.ok} ok, ${counts.failed} failed, ${counts.skipped} skipped: ` +
    `${counts.failed + counts.skipped === 0 ? 'PASS' : 'FAIL'}`,
);
process.exit(counts.failed + counts.skipped === 0 ? 0 : 1);
