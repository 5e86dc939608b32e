#!/usr/bin/env node
// The Stripe webhook endpoint (POST /webhooks/stripe) checked from outside, with events signed by the npm package
// `stripe` (stripe.webhooks.generateTestHeaderString signs exactly as Stripe does: t=<unix seconds>,v1=HMAC-SHA256 of
// "t.body" with the endpoint secret). Runs against an API in Development without a Stripe key, where payments go to the
// local sandbox and the endpoint secret is the sandbox's (StripeOptions.SandboxWebhookSecret).
//
// Usage: node webhook.mjs BASE_URL     e.g. node webhook.mjs http://127.0.0.1:5080
//
// (a) a realistic customer.created event (a type the API does not handle) -> 200 Ignored; the same event delivered
//     again (signed anew, as Stripe signs each delivery) -> 200 Duplicate;
// (b) an event whose body was changed after signing -> 400; (c) signed 10 minutes ago -> 400 (and 4 minutes ago ->
//     200: inside the 300 s tolerance); (d) signed with another secret -> 400, no Stripe-Signature header -> 400; then
//     each refused event, signed correctly now, is accepted as new (Ignored, not Duplicate): a refusal records nothing;
// (e) end to end: as staff (demo-staff-tool), start a dues payment for M-000014 on REGULAR-ANNUAL, pay it on the
//     sandbox checkout page (cookie jar, hidden anti-forgery field, outcome=pay, a redirect back), the current term's end
//     moved one year and the payment SUCCEEDED; then a checkout.session.completed event for that session, signed by the
//     npm signer, is accepted but not Applied, and the term end does not move again.
//
// Prints one line per check (ok / FAIL, and SKIP for checks whose prerequisite failed) and a summary line.
// Exit code: 0 when every check passed, 1 when any failed or was skipped, 2 on bad arguments.
import { randomBytes, randomUUID } from 'node:crypto';
import Stripe from 'stripe';

const SANDBOX_WEBHOOK_SECRET = 'whsec_local_sandbox'; // src/Membership/Payments/Stripe/StripeGateway.cs
const WEBHOOK_PATH = '/webhooks/stripe';
const TOLERANCE_S = 300; // StripeOptions.WebhookToleranceSeconds
// The demo identities and data of src/Membership/DemoData (Development only).
const STAFF_TOOL = { clientId: 'demo-staff-tool', secret: 'demo-staff-secret', scope: 'membership.staff' };
const MEMBER_NUMBER = 'M-000014';
const PLAN_CODE = 'REGULAR-ANNUAL';
const REQUEST_TIMEOUT_MS = 15_000;
const BODY_LIMIT = 600;

const base = process.argv[2];
if (!base || process.argv.length > 3) {
  console.error('usage: node webhook.mjs BASE_URL   (the API root, e.g. http://127.0.0.1:5080)');
  process.exit(2);
}
let baseUrl;
try {
  baseUrl = new URL(base);
} catch {
  console.error(`not a URL: ${base}`);
  process.exit(2);
}

// No API key is needed to sign: the webhooks helper is the same on the class and on an instance.
const webhooks = Stripe.webhooks ?? new Stripe('sk_test_unused').webhooks;

// ---------------------------------------------------------------------------------------------
// Check bookkeeping: checks run in order; a check names the checks it needs and is skipped when one of them did not pass.
const counts = { ok: 0, failed: 0, skipped: 0 };
const passed = new Set();
class CheckError extends Error {}
const expect = (condition, message) => {
  if (!condition) throw new CheckError(message);
};

async function check(name, needs, fn) {
  const missing = needs.find((n) => !passed.has(n));
  if (missing) {
    counts.skipped++;
    console.log(`SKIP  ${name} (needs: ${missing})`);
    return;
  }
  try {
    const detail = await fn();
    counts.ok++;
    passed.add(name);
    console.log(`ok    ${name}${detail ? ` (${detail})` : ''}`);
  } catch (err) {
    counts.failed++;
    console.log(`FAIL  ${name}`);
    const text = err instanceof CheckError ? err.message : `${err?.name ?? 'Error'}: ${err?.message ?? err}${err?.cause ? ` (${err.cause})` : ''}`;
    for (const line of text.split('\n')) console.log(`      ${line}`);
  }
}

const excerpt = (text) => (text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT)}…` : text);

async function http(url, init = {}) {
  const response = await fetch(url, { redirect: 'manual', ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  const text = await response.text();
  let body = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: reported where it matters
  }
  return { response, status: response.status, body, text: excerpt(text) };
}

// ---------------------------------------------------------------------------------------------
// Stripe events and their delivery.
const nowS = () => Math.floor(Date.now() / 1000);
const stripeId = (prefix, length = 24) => {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return `${prefix}_${[...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('')}`;
};

function event(type, object) {
  return {
    id: stripeId('evt'),
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: nowS(),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: stripeId('req', 14), idempotency_key: randomUUID() },
    type,
  };
}

// A customer as Stripe's customer.created carries it; the API handles no customer events.
function customerCreated() {
  const created = nowS();
  return event('customer.created', {
    id: stripeId('cus', 14),
    object: 'customer',
    address: null,
    balance: 0,
    created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: 'webhook.check@example.org',
    invoice_prefix: randomBytes(4).toString('hex').toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: {},
    name: 'Webhook Check',
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  });
}

// Stripe sends events pretty-printed; the signature covers those exact bytes.
const serialize = (stripeEvent) => JSON.stringify(stripeEvent, null, 2);

function sign(payload, { secret = SANDBOX_WEBHOOK_SECRET, timestamp = nowS() } = {}) {
  return webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

async function deliver(payload, signature) {
  const headers = { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' };
  if (signature !== undefined) headers['stripe-signature'] = signature;
  return http(new URL(WEBHOOK_PATH, baseUrl), { method: 'POST', headers, body: payload });
}

async function expectOutcome(payload, signature, outcome) {
  const { status, body, text } = await deliver(payload, signature);
  expect(status === 200 && body?.received === true && body.outcome === outcome,
    `POST ${WEBHOOK_PATH}: expected 200 {received:true, outcome:${outcome}}, got HTTP ${status} ${text}`);
  return `HTTP 200 ${text}`;
}

async function expectRefused(payload, signature) {
  const { status, text } = await deliver(payload, signature);
  expect(status === 400, `POST ${WEBHOOK_PATH}: expected 400, got HTTP ${status} ${text}`);
  return `HTTP 400 ${text}`;
}

// ---------------------------------------------------------------------------------------------
// Staff GraphQL and the sandbox checkout page.
async function graphql(token, query, variables = {}) {
  const { status, body, text } = await http(new URL('/graphql', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  expect(status === 200 && body?.data && !body.errors, `POST /graphql ${query.replace(/\s+/g, ' ').slice(0, 100)}…: HTTP ${status} ${text}`);
  return body.data;
}

const jar = new Map();
function storeCookies(response) {
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(';')[0];
    const eq = pair.indexOf('=');
    if (eq > 0) jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
  }
}

async function browse(url, form) {
  const headers = { accept: 'text/html' };
  if (jar.size > 0) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let body;
  if (form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(form).toString();
  }
  const response = await fetch(url, { method: form ? 'POST' : 'GET', headers, body, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  storeCookies(response);
  const text = await response.text();
  const location = response.headers.get('location');
  return { status: response.status, text, location: location ? new URL(location, url) : null };
}

function decodeHtml(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (entity, code) => {
    const c = code.toLowerCase();
    if (c.startsWith('#x')) return String.fromCodePoint(parseInt(c.slice(2), 16));
    if (c.startsWith('#')) return String.fromCodePoint(parseInt(c.slice(1), 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[c];
  });
}

function attribute(tag, name) {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? decodeHtml(match[1] ?? match[2] ?? match[3]) : null;
}

// The page's single POST form: its action, hidden fields, and the values its outcome buttons submit.
function readForm(html, pageUrl) {
  const forms = [...html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)];
  expect(forms.length === 1, `expected one form on ${pageUrl}, found ${forms.length}: ${excerpt(html)}`);
  const [whole, inner] = forms[0];
  const formTag = whole.slice(0, whole.indexOf('>') + 1);
  expect((attribute(formTag, 'method') ?? '').toLowerCase() === 'post', `the form on ${pageUrl} does not POST: ${formTag}`);
  const action = new URL(attribute(formTag, 'action') ?? pageUrl.href, pageUrl);
  const hidden = [];
  for (const [tag] of inner.matchAll(/<input\b[^>]*>/gi)) {
    if ((attribute(tag, 'type') ?? '').toLowerCase() === 'hidden') hidden.push([attribute(tag, 'name'), attribute(tag, 'value') ?? '']);
  }
  const outcomes = [...inner.matchAll(/<button\b[^>]*>/gi)].map(([tag]) => tag)
    .filter((tag) => attribute(tag, 'name') === 'outcome').map((tag) => attribute(tag, 'value'));
  return { action, hidden, outcomes };
}

// DateOnly.AddMonths / AddDays as .NET computes them (the day is clamped to the target month's length).
function addMonths(iso, months) {
  const [y, m, d] = iso.split('-').map(Number);
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}
const addDays = (iso, days) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
console.log(`Webhook checks against ${new URL(WEBHOOK_PATH, baseUrl).href} (events signed by the npm package stripe ${Stripe.PACKAGE_VERSION ?? ''}, API version ${Stripe.API_VERSION})`);

// (a) An event of a type the API ignores, then the same event again.
const ignored = customerCreated();
const ignoredPayload = serialize(ignored);
const A1 = '(a) customer.created signed with the sandbox secret: 200 Ignored';
await check(A1, [], async () => {
  const signature = sign(ignoredPayload);
  expect(/^t=\d+,v1=[0-9a-f]{64}$/.test(signature), `unexpected Stripe-Signature shape: ${signature}`);
  return `${ignored.id}; ${await expectOutcome(ignoredPayload, signature, 'Ignored')}`;
});
await check('(a) the same event delivered again (signed anew): 200 Duplicate', [A1], async () =>
  expectOutcome(ignoredPayload, sign(ignoredPayload, { timestamp: nowS() + 1 }), 'Duplicate'));

// (b)-(d) Refused deliveries: each a new event, so that a 200 could only mean the check failed.
const tampered = customerCreated();
const tamperedPayload = serialize(tampered);
const B1 = '(b) body changed after signing: 400';
await check(B1, [], async () => {
  const signature = sign(tamperedPayload);
  const changed = tamperedPayload.replace('"webhook.check@example.org"', '"someone.else@example.org"');
  expect(changed !== tamperedPayload && JSON.parse(changed).data.object.email === 'someone.else@example.org', 'could not change the body');
  return `email changed after signing; ${await expectRefused(changed, signature)}`;
});

const stale = customerCreated();
const stalePayload = serialize(stale);
const C1 = '(c) signed 10 minutes ago: 400';
await check(C1, [], async () => expectRefused(stalePayload, sign(stalePayload, { timestamp: nowS() - 600 })));
await check(`(c) signed 4 minutes ago: 200 Ignored (inside the ${TOLERANCE_S} s tolerance)`, [], async () => {
  const recent = serialize(customerCreated());
  return expectOutcome(recent, sign(recent, { timestamp: nowS() - 240 }), 'Ignored');
});

const foreign = customerCreated();
const foreignPayload = serialize(foreign);
const otherSecret = `whsec_${randomBytes(24).toString('base64url')}`;
const D1 = '(d) signed with another secret: 400';
await check(D1, [], async () => expectRefused(foreignPayload, sign(foreignPayload, { secret: otherSecret })));
const D2 = '(d) no Stripe-Signature header: 400';
const unsigned = customerCreated();
const unsignedPayload = serialize(unsigned);
await check(D2, [], async () => expectRefused(unsignedPayload, undefined));

await check('(b-d) a refusal records nothing: each refused event, signed correctly now, is 200 Ignored (not Duplicate)', [B1, C1, D1, D2], async () => {
  for (const payload of [tamperedPayload, stalePayload, foreignPayload, unsignedPayload]) {
    await expectOutcome(payload, sign(payload), 'Ignored');
  }
  return [tampered, stale, foreign, unsigned].map((e) => e.id).join(', ');
});

// (e) End to end through the sandbox checkout, then a late checkout.session.completed of our own.
let staffToken;
let plan;
let member;
let before;
let payment;
let sessionId;
let checkoutPage;
let form;
let after;

const MEMBER_QUERY = `query($n: String!) { memberByNumber(number: $n) {
  id memberNumber fullName currentTerm { startsOn endsOn status plan { code } } duesPayments { id status amount { amount currency } } } }`;
const readMember = async () => {
  const { memberByNumber } = await graphql(staffToken, MEMBER_QUERY, { n: MEMBER_NUMBER });
  expect(memberByNumber, `memberByNumber(${MEMBER_NUMBER}) is null: is the demo data seeded?`);
  return memberByNumber;
};

const E1 = '(e) staff token: client credentials, demo-staff-tool, scope membership.staff';
await check(E1, [], async () => {
  const { status, body, text } = await http(new URL('/connect/token', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: STAFF_TOOL.clientId, client_secret: STAFF_TOOL.secret, scope: STAFF_TOOL.scope }),
  });
  expect(status === 200 && body?.access_token, `POST /connect/token: HTTP ${status} ${text}`);
  staffToken = body.access_token;
  return `expires_in ${body.expires_in}s`;
});

const E2 = `(e) ${PLAN_CODE} and ${MEMBER_NUMBER} with a current term`;
await check(E2, [E1], async () => {
  const { membershipPlans } = await graphql(staffToken, '{ membershipPlans { id code termKind termMonths price { amount currency } } }');
  plan = membershipPlans.find((p) => p.code === PLAN_CODE);
  expect(plan, `no plan ${PLAN_CODE} in ${JSON.stringify(membershipPlans.map((p) => p.code))}`);
  before = await readMember();
  member = before;
  expect(before.currentTerm?.endsOn, `${MEMBER_NUMBER} has no current term with an end: ${JSON.stringify(before.currentTerm)}`);
  return `${before.fullName}: term ${before.currentTerm.startsOn}..${before.currentTerm.endsOn} ${before.currentTerm.status} (${before.currentTerm.plan.code}); `
    + `${before.duesPayments.length} dues payment(s) before; plan ${plan.termKind} ${plan.termMonths} months`;
});

const E3 = `(e) startDuesPayment as staff for ${MEMBER_NUMBER}: PENDING, a sandbox checkoutUrl`;
await check(E3, [E2], async () => {
  const { startDuesPayment } = await graphql(staffToken,
    `mutation($input: StartDuesPaymentInput!) { startDuesPayment(input: $input) {
      checkoutUrl payment { id status receiptNumber amount { amount currency } } userErrors { code field message } } }`,
    { input: { planId: plan.id, memberId: member.id } });
  expect(startDuesPayment.userErrors.length === 0 && startDuesPayment.payment && startDuesPayment.checkoutUrl,
    `startDuesPayment: ${JSON.stringify(startDuesPayment)}`);
  payment = startDuesPayment.payment;
  expect(payment.status === 'PENDING', `payment status ${payment.status}`);
  const url = new URL(startDuesPayment.checkoutUrl);
  const match = /^\/sandbox\/checkout\/(cs_[A-Za-z0-9_]+)$/.exec(url.pathname);
  expect(match, `checkoutUrl is not a sandbox checkout page: ${url.href}`);
  sessionId = match[1];
  // In Development the API names itself by the request's own origin; the page is served by this API.
  checkoutPage = new URL(url.pathname + url.search, baseUrl);
  const elsewhere = url.origin !== baseUrl.origin ? `; checkoutUrl names ${url.origin} (not the origin asked), asked here instead` : '';
  return `${payment.receiptNumber} ${payment.amount.amount / 100} ${payment.amount.currency}, session ${sessionId}${elsewhere}`;
});

const E4 = '(e) GET the sandbox checkout page: a POST form with an anti-forgery field and Pay/Fail';
await check(E4, [E3], async () => {
  const { status, text } = await browse(checkoutPage);
  expect(status === 200, `GET ${checkoutPage.pathname}: HTTP ${status} ${excerpt(text)}`);
  form = readForm(text, checkoutPage);
  expect(form.hidden.length > 0, `no hidden field in the form: ${excerpt(text)}`);
  expect(form.outcomes.includes('pay') && form.outcomes.includes('fail'), `the form's outcome buttons are ${JSON.stringify(form.outcomes)}`);
  expect(jar.size > 0, 'the page set no cookie (the anti-forgery cookie is expected)');
  return `action ${form.action.pathname}; hidden ${form.hidden.map(([n]) => n).join(', ')}; cookies ${[...jar.keys()].join(', ')}`;
});

const E5 = '(e) POST the form with outcome=pay: a redirect to the success URL';
await check(E5, [E4], async () => {
  const { status, location, text } = await browse(form.action, [...form.hidden, ['outcome', 'pay']]);
  expect(status >= 300 && status < 400 && location, `POST ${form.action.pathname}: expected a redirect, got HTTP ${status} ${excerpt(text)}`);
  expect(location.href.includes(sessionId), `the redirect does not name the session ${sessionId}: ${location.href}`);
  return `HTTP ${status} -> ${location.href}`;
});

const E6 = `(e) ${MEMBER_NUMBER}: the current term ends one year later and the payment SUCCEEDED`;
await check(E6, [E5], async () => {
  after = await readMember();
  const paid = after.duesPayments.find((p) => p.id === payment.id);
  expect(paid, `payment ${payment.id} is not among ${MEMBER_NUMBER}'s dues payments: ${JSON.stringify(after.duesPayments)}`);
  expect(paid.status === 'SUCCEEDED', `payment ${payment.receiptNumber} is ${paid.status}`);
  // An anniversary plan renewed while the term runs starts the day after its end (DuesFulfilment.ExtendAsync).
  const expected = addDays(addMonths(addDays(before.currentTerm.endsOn, 1), plan.termMonths), -1);
  expect(after.currentTerm?.endsOn === expected,
    `current term ends ${after.currentTerm?.endsOn}; expected ${expected} (${before.currentTerm.endsOn} plus ${plan.termMonths} months)`);
  return `term end ${before.currentTerm.endsOn} -> ${after.currentTerm.endsOn}, term ${after.currentTerm.startsOn}..${after.currentTerm.endsOn} ${after.currentTerm.status}; ${payment.receiptNumber} SUCCEEDED`;
});

const E7 = '(e) checkout.session.completed for the paid session, signed by the npm signer: 200, not Applied';
await check(E7, [E6], async () => {
  const completed = event('checkout.session.completed', {
    id: sessionId,
    object: 'checkout.session',
    amount_subtotal: payment.amount.amount,
    amount_total: payment.amount.amount,
    client_reference_id: null,
    currency: payment.amount.currency.toLowerCase(),
    customer: null,
    livemode: false,
    metadata: {},
    mode: 'payment',
    payment_intent: null,
    payment_status: 'paid',
    status: 'complete',
    subscription: null,
    url: null,
  });
  const payload = serialize(completed);
  const { status, body, text } = await deliver(payload, sign(payload));
  expect(status === 200 && body?.received === true && typeof body.outcome === 'string',
    `POST ${WEBHOOK_PATH}: expected 200 {received:true, outcome}, got HTTP ${status} ${text}`);
  expect(body.outcome !== 'Applied', `the payment was already fulfilled, yet the event was Applied: ${text}`);
  return `${completed.id}; HTTP 200 ${text}`;
});

await check(`(e) ${MEMBER_NUMBER} after that event: the term end did not move, the payment is still SUCCEEDED`, [E7], async () => {
  const again = await readMember();
  expect(again.currentTerm?.endsOn === after.currentTerm.endsOn,
    `current term ends ${again.currentTerm?.endsOn}; it ended ${after.currentTerm.endsOn} before the event`);
  const paid = again.duesPayments.find((p) => p.id === payment.id);
  expect(paid?.status === 'SUCCEEDED', `payment ${payment.receiptNumber} is ${paid?.status}`);
  expect(again.duesPayments.length === after.duesPayments.length,
    `${MEMBER_NUMBER} had ${after.duesPayments.length} dues payment(s), now ${again.duesPayments.length}`);
  return `term end ${again.currentTerm.endsOn}; ${again.duesPayments.length} dues payment(s)`;
});

const total = counts.ok + counts.failed + counts.skipped;
console.log(
  `Webhook checks of ${baseUrl.href}: ${total} checks, ${counts.ok} ok, ${counts.failed} failed, ${counts.skipped} skipped: ` +
    `${counts.failed + counts.skipped === 0 ? 'PASS' : 'FAIL'}`,
);
process.exit(counts.failed + counts.skipped === 0 ? 0 : 1);
