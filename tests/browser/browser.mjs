#!/usr/bin/env node
// The API in Debian's chromium (puppeteer-core; never a downloaded browser), against a Development instance:
// (a) a single-page app on http://127.0.0.1:5173 (the demo-portal client's redirect URI) signs in with oidc-client-ts
//     through the server's pages, typing and clicking like a person, calls /graphql and renews its token;
// (b) every page a person sees passes axe-core (no serious or critical violation) at 1280 and 390 px, nothing scrolls
//     sideways down to 360 px, and each is saved as a screenshot (the second factor's pages included: the member turns
//     the authenticator on, the demo staff user signs in with a code from its documented key).
// usage: node browser.mjs BASE_URL --out SCREENSHOT_DIR [--data API_DATA_DIR]   (the data folder holds the mail outbox)
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import { check, counts, examine, expect, mailedLink, serveSpa, totp, waitForUrl } from './support.mjs';

const MEMBER = { email: 'member@example.org', password: 'Member-Demo-2026!' };
// The Development seed's staff user and its documented authenticator key (README, DemoIdentities.cs).
const STAFF = { email: 'staff@example.org', password: 'Staff-Demo-2026!', authenticatorKey: 'DEMOSTAFFKEYDEVELOPMENTONLYTOTP2' };
const SPA = 'http://127.0.0.1:5173';
const WIDTHS = [1280, 390];

const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const base = args[0];
const outDir = option('--out');
const dataDir = option('--data');
if (!base || base.startsWith('--') || !outDir) {
  console.error('usage: node browser.mjs BASE_URL --out SCREENSHOT_DIR [--data API_DATA_DIR]');
  process.exit(2);
}
const api = new URL(base);
const at = (p) => new URL(p, api).href;
await mkdir(outDir, { recursive: true });
console.log(`Browser checks against ${api.href}; screenshots in ${path.resolve(outDir)}`);

const server = await serveSpa(SPA, api.origin);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--disable-dev-shm-usage', '--no-first-run', '--disable-gpu', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
});
const show = (page, name, widths = WIDTHS) => examine(page, name, outDir, widths);
const heading = (page) => page.$eval('h1', (h) => h.textContent.trim());
async function submit(page, selector = 'button[type=submit]') {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
}

try {
  const page = await browser.newPage();
  const consoleErrors = [];
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  const tokenRequests = [];
  page.on('request', (r) => {
    if (r.url() === at('/connect/token') && r.method() === 'POST') tokenRequests.push(new URLSearchParams(r.postData() ?? '').get('grant_type'));
  });
  const portal = () => page.evaluate(() => window.portal);
  const settled = (states) => page.waitForFunction((s) => s.includes(window.portal?.state), { timeout: 20000 }, states)
    .then(portal, async () => { throw new Error(`the app stayed ${JSON.stringify(await portal())}; console: ${consoleErrors.join(' | ')}`); });
  let me;

  const flow = [
    ['(a) the app starts signed out and sends the browser to our sign-in page', async () => {
      await page.goto(`${SPA}/`, { waitUntil: 'load' });
      await settled(['signed-out']);
      await page.click('#signin');
      await waitForUrl(page, (u) => u.origin === api.origin && u.pathname === '/account/login', 'the sign-in page');
      await page.waitForSelector('#email');
      const title = await heading(page);
      expect(title === 'Sign in to Demo member portal', `the sign-in page's heading is ${JSON.stringify(title)}`);
      return `discovery over CORS from ${SPA}; "${title}"; ${await show(page, 'sign-in')}`;
    }],
    ['(a) a wrong password keeps the typed address and ties the message to the fields', async () => {
      await page.type('#email', MEMBER.email);
      await page.type('#password', 'Not-The-Password-1!');
      await submit(page);
      const state = await page.evaluate(() => ({
        error: document.getElementById('form-error')?.textContent, email: document.getElementById('email').value,
        describedBy: document.getElementById('email').getAttribute('aria-describedby'),
      }));
      expect(state.error?.includes('wrong'), `no error message: ${JSON.stringify(state)}`);
      expect(state.email === MEMBER.email && state.describedBy === 'form-error', `field state ${JSON.stringify(state)}`);
      return show(page, 'sign-in-error');
    }],
    ['(a) the right password leads to the consent page', async () => {
      await page.type('#password', MEMBER.password); // the failed post left the password empty and the address typed
      await submit(page);
      await waitForUrl(page, (u) => u.pathname === '/connect/authorize', 'the consent page');
      await page.waitForSelector('button[value=accept]');
      expect((await heading(page)) === 'Allow access?', `heading ${await heading(page)}`);
      return show(page, 'consent');
    }],
    ['(a) Allow returns to the app, which reads me from /graphql with the access token', async () => {
      await page.click('button[value=accept]');
      await waitForUrl(page, (u) => u.origin === SPA, 'the app', 20000);
      const state = await settled(['signed-in', 'error']);
      expect(state.state === 'signed-in', `the app failed: ${state.error}`);
      expect(state.me?.email === MEMBER.email, `me is ${JSON.stringify(state.me)}`);
      expect(state.refreshToken, 'no refresh token despite offline_access');
      me = state.me;
      return `memberNumber ${state.me.memberNumber}; token requests: ${tokenRequests.join(', ')}`;
    }],
    ['(a) the app renews its access token with the refresh token', async () => {
      const before = (await portal()).accessToken;
      await page.click('#renew');
      await page.waitForFunction(() => window.portal.renewals === 1 || window.portal.state === 'error', { timeout: 20000 });
      const state = await portal();
      expect(state.state === 'signed-in', `renewal failed: ${state.error}`);
      expect(state.accessToken !== before, 'the access token did not change');
      expect(tokenRequests.at(-1) === 'refresh_token', `the last token request was ${tokenRequests.at(-1)}`);
      return `grant types: ${tokenRequests.join(', ')}`;
    }],
    ['(a) signing out asks on our page and returns to the app', async () => {
      await page.click('#signout');
      await waitForUrl(page, (u) => u.pathname === '/connect/logout', 'the sign-out page');
      await page.waitForSelector('button[name=confirm]');
      const shots = await show(page, 'sign-out');
      await page.click('button[name=confirm]');
      await waitForUrl(page, (u) => u.origin === SPA, 'the app after signing out');
      expect((await settled(['signed-out', 'signed-in'])).state === 'signed-out', 'the app is still signed in');
      return shots;
    }],
  ];
  let going = true;
  for (const [name, fn] of flow) {
    if (going) going = await check(name, fn);
    else await check(name, () => expect(false, 'skipped: an earlier step of the sign-in failed'));
  }

  // (b) The other pages a person lands on, each as a fresh visit.
  const visit = async (url, name, expectedHeading, status) => {
    const response = await page.goto(url, { waitUntil: 'load' });
    const title = await heading(page);
    expect(title.startsWith(expectedHeading), `${url}: heading ${JSON.stringify(title)}, expected ${expectedHeading}`);
    if (status) expect(response.status() === status, `${url}: ${response.status()}, expected ${status}`);
    return `${response.status()} "${title}"; ${await show(page, name)}`;
  };
  const since = Date.now();
  await check('(b) forgotten password: the form and its answer', async () => {
    const first = await visit(at('/account/forgot-password'), 'forgot-password', 'Reset your password', 200);
    await page.type('#email', MEMBER.email);
    await submit(page);
    expect(await page.$('.notice'), 'no notice after sending');
    return `${first}; ${await show(page, 'forgot-password-sent')}`;
  });
  await check('(b) reset: the link from the mail, and a refused password', async () => {
    const link = dataDir
      ? await mailedLink(path.join(dataDir, 'outbox'), MEMBER.email, '/account/reset-password', since)
      : at('/account/reset-password?userId=00000000-0000-0000-0000-000000000000&code=x');
    const first = await visit(link, 'reset-password', 'Choose a new password', 200);
    await page.type('#password', 'onlylowercaseletters'); // long enough for the browser, refused by the server
    await submit(page);
    const invalid = await page.$eval('#password', (e) => e.getAttribute('aria-invalid'));
    expect(invalid === 'true', `the refused password field has aria-invalid=${invalid}`);
    return `${first}; ${await show(page, 'reset-password-error')}`;
  });
  await check('(b) e-mail confirmation: a new applicant\'s link, and a broken one', async () => {
    const shots = [];
    if (dataDir) {
      const email = `browser-${Date.now()}@example.org`;
      const plans = await graphql('{ membershipPlans { id category active } }');
      const plan = plans.membershipPlans.find((p) => p.active && p.category === 'ASSOCIATE') ?? plans.membershipPlans.find((p) => p.active);
      const joined = await graphql(`mutation($i: JoinAssociationInput!) { joinAssociation(input: $i) { userErrors { code message } } }`, {
        i: { email, password: 'Browser-Check-2026!', firstName: 'Avery', lastName: 'Browser', state: 'AL', swornOfficer: false, category: plan.category, planId: plan.id },
      });
      expect(joined.joinAssociation.userErrors.length === 0, `joinAssociation: ${JSON.stringify(joined.joinAssociation.userErrors)}`);
      const link = await mailedLink(path.join(dataDir, 'outbox'), email, '/account/confirm-email', since);
      shots.push(await visit(link, 'email-confirmed', 'E-mail confirmed', 200));
    }
    shots.push(await visit(at('/account/confirm-email?userId=00000000-0000-0000-0000-000000000000&code=x'), 'email-not-confirmed', 'E-mail not confirmed', 400));
    return shots.join('; ');
  });
  await check('(b) sign-out page of /account/logout', () => visit(at('/account/logout'), 'account-sign-out', 'Sign out', 200));
  await check('(b) error page: an unknown application at /connect/authorize', () =>
    visit(at('/connect/authorize?client_id=no-such-app&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fevil.example%2Fcb'),
      'error-unknown-application', 'Unknown application', 400));
  await check('(b) error page: a redirect URI demo-portal never registered', async () => {
    const shot = await visit(at('/connect/authorize?client_id=demo-portal&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fevil.example%2Fcb'
      + '&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256'), 'error-sign-in-link', 'This sign-in link cannot be used', 400);
    const back = await page.$$eval('main a', (links) => links.map((a) => `${a.textContent} -> ${a.getAttribute('href')}`));
    expect(back.includes(`Back to Demo member portal -> ${SPA}/`), `links: ${back.join(', ')}`);
    return shot;
  });
  await check('(b) error page: an unknown address under /account', () => visit(at('/account/no-such-page'), 'not-found', 'Page not found', 404));
  await check('(b) certificate status page (a browser asks for HTML)', async () => {
    expect(me?.certificates?.length > 0, `the member has no certificate to show: ${JSON.stringify(me)}`);
    const certificate = me.certificates[0];
    const shot = await visit(at(`/certificates/status/${certificate.verificationCode}`), 'certificate-status', `Certificate ${certificate.number}`, 200);
    const facts = await page.$$eval('dl.facts dt', (dts) => dts.map((d) => d.textContent));
    for (const fact of ['Certificate number', 'Holder', 'Issued', 'Valid until']) expect(facts.includes(fact), `the page lacks ${fact}: ${facts}`);
    return shot;
  });
  // The second factor's pages: the member (signed in by (a)) turns the authenticator on; the demo staff user signs in
  // with a code from the documented Development key. Codes come from node's crypto (checks.mjs), not the server.
  await check('(b) security page, authenticator setup and recovery codes (the member turns it on)', async () => {
    await page.goto(at('/account/security'), { waitUntil: 'load' }); // (a) signed out: the sign-in page comes first
    expect(new URL(page.url()).pathname === '/account/login', `/account/security without a session: ${page.url()}`);
    await page.type('#email', MEMBER.email);
    await page.type('#password', MEMBER.password);
    await submit(page);
    expect((await heading(page)) === 'Sign-in security', `after signing in: ${await heading(page)} at ${page.url()}`);
    const shots = [await show(page, 'account-security')];
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('main a.button')]);
    expect(new URL(page.url()).pathname === '/account/two-factor/setup', `the setup link led to ${page.url()}`);
    shots.push(await show(page, 'authenticator-setup'));
    const key = await page.$eval('#authenticator-key', (e) => e.textContent);
    await page.type('#code', totp(key));
    await submit(page);
    expect((await heading(page)) === 'Save your recovery codes', `after the code: ${await heading(page)}`);
    const codes = await page.$$eval('ul.codes code', (c) => c.map((e) => e.textContent));
    expect(codes.length === 10, `${codes.length} recovery codes shown`);
    shots.push(await show(page, 'recovery-codes'));
    return shots.join('; ');
  });
  await check('(b) code page: the demo staff user signs in with a code from the documented key', async () => {
    const context = await browser.createBrowserContext();
    try {
      const staff = await context.newPage();
      await staff.goto(at('/account/login'), { waitUntil: 'load' });
      await staff.type('#email', STAFF.email);
      await staff.type('#password', STAFF.password);
      await submit(staff);
      expect(new URL(staff.url()).pathname === '/account/two-factor', `after the password: ${staff.url()}`);
      const shot = await examine(staff, 'two-factor-code', outDir, WIDTHS);
      const attributes = await staff.$eval('#code', (e) => `${e.getAttribute('autocomplete')} ${e.getAttribute('inputmode')}`);
      expect(attributes === 'one-time-code numeric', `the code field has ${attributes}`);
      await staff.type('#code', totp(STAFF.authenticatorKey));
      await submit(staff);
      if (new URL(staff.url()).pathname === '/account/two-factor') expect(false, `the code was refused: ${await heading(staff)}`);
      await staff.goto(at('/account/security'), { waitUntil: 'load' });
      expect((await heading(staff)) === 'Sign-in security', `the staff user is not signed in: ${await heading(staff)}`);
      return shot;
    } finally {
      await context.close();
    }
  });
} finally {
  await browser.close();
  server.close();
}

async function graphql(query, variables = {}) {
  const response = await fetch(at('/graphql'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = await response.json();
  expect(response.ok && !body.errors, `/graphql answered ${response.status}: ${JSON.stringify(body).slice(0, 400)}`);
  return body.data;
}

console.log(`Browser checks of ${api.href}: ${counts.ok + counts.failed} checks, ${counts.ok} ok, ${counts.failed} failed: ${counts.failed === 0 ? 'PASS' : 'FAIL'}`);
process.exit(counts.failed === 0 ? 0 : 1);
