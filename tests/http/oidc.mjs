#!/usr/bin/env node
// End-to-end OIDC checks of a running API in Development (demo identities seeded), with openid-client
// as the relying party and Node's fetch as the browser.
//
// Usage: node oidc.mjs BASE_URL [--consent-remembered]     e.g. node oidc.mjs http://127.0.0.1:5080
//
// (a) discovery; (b) client credentials for demo-partner and demo-staff-tool, the staff token on GraphQL,
// a wrong secret refused; (c) authorization code + PKCE (S256) for demo-portal as member@example.org:
// openid-client builds the authorization URL, this script plays the browser (login form, consent form,
// cookies, redirect: 'manual'), openid-client redeems the callback URL; then GraphQL `me` and userinfo;
// (d) refresh: the new access token works, the spent refresh token is refused.
//
// Prints one line per check (ok / FAIL, and SKIP for checks whose prerequisite failed) and a summary line.
// Exit code: 0 when every check passed, 1 when any failed, 2 when the checks could not run (bad arguments).
import * as client from 'openid-client';
import { CheckError, check as checkWith, counts, expect, fail, skip } from '../checks.mjs';

// The demo identities of src/Membership/DemoData/DemoIdentities.cs (Development only).
const MEMBER = { email: 'member@example.org', password: 'Member-Demo-2026!' };
const PORTAL = { clientId: 'demo-portal', redirectUri: 'http://127.0.0.1:5173/callback' };
const PARTNER = { clientId: 'demo-partner', secret: 'demo-partner-secret' };
const STAFF_TOOL = { clientId: 'demo-staff-tool', secret: 'demo-staff-secret' };
const PORTAL_SCOPES = 'openid profile email offline_access membership.self membership.directory';

const REQUEST_TIMEOUT_S = 15;
const BODY_LIMIT = 600;

// A fresh server (as in CI) has no stored consent, so the consent page must appear. Against a server that
// already ran these checks, the member's consent to demo-portal is remembered and authorize answers with the
// code at once: --consent-remembered accepts that instead of failing.
const args = process.argv.slice(2);
const consentRememberedOk = args.includes('--consent-remembered');
const positional = args.filter((a) => a !== '--consent-remembered');
const base = positional[0];
if (!base || positional.length > 1) {
  console.error('usage: node oidc.mjs BASE_URL [--consent-remembered]   (the API root, e.g. http://127.0.0.1:5080)');
  process.exit(2);
}
let baseUrl;
try {
  baseUrl = new URL(base);
} catch {
  console.error(`not a URL: ${base}`);
  process.exit(2);
}
const graphqlUrl = new URL('/graphql', baseUrl);

// ---------------------------------------------------------------------------------------------
// Check bookkeeping. A check throws to fail; a group stops at its first failure and the checks of
// later groups that need what it would have produced are reported as skipped.
const check = (name, fn) => checkWith(name, fn, describeError);

// Runs checks in order; after the first failure the rest are skipped. Returns true when all passed.
async function group(checks) {
  let failedAt = null;
  for (const [name, fn] of checks) {
    if (failedAt) skip(name, `needs: ${failedAt}`);
    else if (!(await check(name, fn))) failedAt = name;
  }
  return failedAt === null;
}

function describeError(err) {
  if (err instanceof CheckError) return err.message;
  if (err instanceof client.ResponseBodyError) {
    return `${err.message}: HTTP ${err.status} error=${err.error}` +
      (err.error_description ? ` error_description=${JSON.stringify(err.error_description)}` : '');
  }
  if (err instanceof client.AuthorizationResponseError) {
    return `${err.message}: error=${err.error}` +
      (err.error_description ? ` error_description=${JSON.stringify(err.error_description)}` : '');
  }
  if (err instanceof client.WWWAuthenticateChallengeError) {
    return `${err.message}: HTTP ${err.status} ${err.response?.headers.get('www-authenticate') ?? ''}`;
  }
  const cause = err?.cause ? ` (cause: ${err.cause?.message ?? err.cause})` : '';
  return `${err?.name ?? 'Error'}: ${err?.message ?? err}${cause}${err?.code ? ` [${err.code}]` : ''}`;
}

const excerpt = (text) => {
  const flat = String(text).replace(/\s+/g, ' ').trim();
  return flat.length > BODY_LIMIT ? `${flat.slice(0, BODY_LIMIT)}… (${flat.length} chars)` : flat;
};

async function describeResponse(response, body) {
  const text = body ?? (await response.text().catch((e) => `(body unreadable: ${e.message})`));
  const location = response.headers.get('location');
  return `HTTP ${response.status}${location ? `, Location: ${location}` : ''}, body: ${excerpt(text) || '(empty)'}`;
}

// ---------------------------------------------------------------------------------------------
// openid-client configuration: plain http is allowed for these checks only (loopback, Development).
const insecure = { execute: [client.allowInsecureRequests], timeout: REQUEST_TIMEOUT_S };

function configFor(serverMetadata, clientId, auth) {
  const config = new client.Configuration(serverMetadata, clientId, undefined, auth);
  client.allowInsecureRequests(config);
  config.timeout = REQUEST_TIMEOUT_S;
  return config;
}

// Expects the promise to be rejected by the server with an OAuth error; returns that error's description.
async function expectOAuthError(promise, expectedErrors, mustMention = null) {
  let result;
  try {
    result = await promise;
  } catch (err) {
    if (err instanceof client.ResponseBodyError) {
      expect(expectedErrors.includes(err.error),
        `expected error ${expectedErrors.join(' or ')}, got ${describeError(err)}`);
      expect(!mustMention || mustMention.test(err.error_description ?? ''),
        `expected an error about ${mustMention}, got ${describeError(err)}`);
      return `HTTP ${err.status} ${err.error}${err.error_description ? `: ${err.error_description}` : ''}`;
    }
    if (err instanceof client.WWWAuthenticateChallengeError) {
      // A 401 with a WWW-Authenticate challenge (OpenIddict's answer to bad client credentials) carries the error there.
      const params = err.cause?.find((c) => c.parameters?.error)?.parameters ?? {};
      expect(expectedErrors.includes(params.error), `expected error ${expectedErrors.join(' or ')}, got ${describeError(err)}`);
      expect(!mustMention || mustMention.test(params.error_description ?? ''),
        `expected an error about ${mustMention}, got ${describeError(err)}`);
      return `HTTP ${err.status} ${params.error} (WWW-Authenticate)${params.error_description ? `: ${params.error_description}` : ''}`;
    }
    throw err;
  }
  fail(`expected error ${expectedErrors.join(' or ')}, but the server issued a token (scope: ${result?.scope ?? '-'})`);
}

// GraphQL over HTTP with a bearer token; returns { status, body }.
async function graphql(accessToken, query) {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
    },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_S * 1000),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    fail(`POST ${graphqlUrl} ${query}: not JSON: ${await describeResponse(response, text)}`);
  }
  return { status: response.status, body, text, response };
}

async function graphqlData(accessToken, query) {
  const { status, body, text, response } = await graphql(accessToken, query);
  expect(status === 200 && body.data && !body.errors,
    `POST ${graphqlUrl} ${query}: ${await describeResponse(response, text)}`);
  return body.data;
}

// Expects GraphQL to refuse the query: an HTTP error, or errors without the field's data.
async function graphqlRefused(accessToken, query, field) {
  const { status, body, text, response } = await graphql(accessToken, query);
  const refused = status === 401 || status === 403 || (Array.isArray(body.errors) && body.errors.length > 0 && body.data?.[field] == null);
  expect(refused, `expected ${query} to be refused, got ${await describeResponse(response, text)}`);
  const first = body.errors?.[0];
  return `HTTP ${status}${first ? `: ${first.extensions?.code ?? ''} ${first.message}`.trimEnd() : ''}`;
}

// The scopes a token response grants: its `scope`, or else (RFC 6749 §5.1: omitted when it equals the request)
// the access token's own `scope` claim.
function grantedScopes(tokens) {
  const scope = tokens.scope ?? jwtPayload(tokens.access_token)?.scope;
  return { list: typeof scope === 'string' ? scope.split(' ') : Array.isArray(scope) ? scope : [], from: tokens.scope ? 'response' : 'access token' };
}

// Payload of a JWT, for reporting only (openid-client and the API do the validation that matters).
function jwtPayload(token) {
  const parts = String(token).split('.');
  if (parts.length !== 3) return null;
  try {
    return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The browser: fetch with redirect 'manual', a cookie jar for the one host, and a form reader.
const jar = new Map();

function storeCookies(response) {
  for (const header of response.headers.getSetCookie()) {
    const [pair, ...attributes] = header.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((a) => {
      const [key, val = ''] = a.split('=').map((s) => s.trim());
      if (key.toLowerCase() === 'max-age') return Number(val) <= 0;
      if (key.toLowerCase() === 'expires') return Date.parse(val) <= Date.now();
      return false;
    });
    if (expired || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}

async function browse(url, { method = 'GET', form } = {}) {
  const headers = { accept: 'text/html' };
  if (jar.size > 0) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  let body;
  if (form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(form).toString();
  }
  const response = await fetch(url, {
    method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(REQUEST_TIMEOUT_S * 1000),
  });
  storeCookies(response);
  const text = await response.text();
  const location = response.headers.get('location');
  return { response, text, location: location ? new URL(location, url) : null };
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

// The single POST form of a page: its action and hidden fields (in page order, repeats kept).
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
  const fields = [...inner.matchAll(/<(?:input|button)\b[^>]*>/gi)].map(([tag]) => attribute(tag, 'name')).filter(Boolean);
  return { action, hidden, fields };
}

const title = (html) => decodeHtml(/<title>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '').trim();

// ---------------------------------------------------------------------------------------------
console.log(`OIDC checks against ${baseUrl.href}`);

// (a) Discovery
let portal; // openid-client Configuration of demo-portal (public client)
let metadata;
const discovered = await group([
  ['(a) discovery: /.well-known/openid-configuration', async () => {
    portal = await client.discovery(baseUrl, PORTAL.clientId, undefined, client.None(), insecure);
    metadata = portal.serverMetadata();
    expect(metadata.issuer === baseUrl.href, `issuer ${metadata.issuer}, expected ${baseUrl.href}`);
    for (const key of ['authorization_endpoint', 'token_endpoint', 'userinfo_endpoint', 'jwks_uri']) {
      expect(typeof metadata[key] === 'string', `${key} missing`);
    }
    return `issuer ${metadata.issuer}`;
  }],
  ['(a) discovery: grant types, PKCE S256 only, scopes', async () => {
    const grants = metadata.grant_types_supported ?? [];
    for (const grant of ['authorization_code', 'refresh_token', 'client_credentials']) {
      expect(grants.includes(grant), `grant_types_supported lacks ${grant}: ${JSON.stringify(grants)}`);
    }
    const methods = metadata.code_challenge_methods_supported ?? [];
    expect(methods.length === 1 && methods[0] === 'S256', `code_challenge_methods_supported is ${JSON.stringify(methods)}, expected ["S256"]`);
    const scopes = metadata.scopes_supported ?? [];
    for (const scope of [...PORTAL_SCOPES.split(' '), 'membership.staff', 'certification.verify']) {
      expect(scopes.includes(scope), `scopes_supported lacks ${scope}: ${JSON.stringify(scopes)}`);
    }
    return `grants ${grants.join(' ')}; PKCE ${methods.join(' ')}`;
  }],
]);

if (!discovered) {
  for (const name of ['(b) client credentials', '(c) authorization code + PKCE', '(d) refresh token']) skip(name, 'needs: discovery');
} else {
  // (b) Client credentials
  const partner = configFor(metadata, PARTNER.clientId, client.ClientSecretPost(PARTNER.secret));
  const staffTool = configFor(metadata, STAFF_TOOL.clientId, client.ClientSecretPost(STAFF_TOOL.secret));
  const wrongSecret = configFor(metadata, PARTNER.clientId, client.ClientSecretPost('not-the-demo-partner-secret'));
  let partnerToken;
  let staffToken;
  await group([
    ['(b) client credentials: demo-partner, scope certification.verify', async () => {
      const tokens = await client.clientCredentialsGrant(partner, { scope: 'certification.verify' });
      partnerToken = tokens.access_token;
      expect(tokens.token_type?.toLowerCase() === 'bearer', `token_type ${tokens.token_type}`);
      const granted = grantedScopes(tokens);
      expect(granted.list.includes('certification.verify'), `scope granted (${granted.from}): ${JSON.stringify(granted.list)}`);
      const claims = jwtPayload(partnerToken);
      return `scope ${granted.list.join(' ')} (${granted.from}), expires_in ${tokens.expires_in}s` +
        (claims ? `, client_id ${claims.client_id ?? claims.azp}, aud ${claims.aud}` : '');
    }],
    ['(b) GraphQL { clients } refused with the partner token (no membership.staff)', () =>
      graphqlRefused(partnerToken, '{ clients { clientId } }', 'clients')],
  ]);
  // OpenIddict answers invalid_request (not invalid_scope) for a scope the client has no permission for.
  await check('(b) client credentials: demo-partner may not ask for membership.staff', () =>
    expectOAuthError(client.clientCredentialsGrant(partner, { scope: 'membership.staff' }), ['invalid_scope', 'invalid_request', 'unauthorized_client'], /scope/i));
  await check('(b) client credentials: a wrong secret is refused', () =>
    expectOAuthError(client.clientCredentialsGrant(wrongSecret, { scope: 'certification.verify' }), ['invalid_client']));
  await group([
    ['(b) client credentials: demo-staff-tool, scope membership.staff', async () => {
      const tokens = await client.clientCredentialsGrant(staffTool, { scope: 'membership.staff' });
      staffToken = tokens.access_token;
      const granted = grantedScopes(tokens);
      expect(granted.list.includes('membership.staff'), `scope granted (${granted.from}): ${JSON.stringify(granted.list)}`);
      return `scope ${granted.list.join(' ')} (${granted.from}), expires_in ${tokens.expires_in}s`;
    }],
    ['(b) GraphQL { clients { clientId } } with the staff-tool token', async () => {
      const data = await graphqlData(staffToken, '{ clients { clientId } }');
      expect(Array.isArray(data.clients), `data.clients is not a list: ${JSON.stringify(data)}`);
      const ids = data.clients.map((c) => c.clientId);
      for (const id of [PORTAL.clientId, PARTNER.clientId, STAFF_TOOL.clientId]) {
        expect(ids.includes(id), `clients lacks ${id}: ${JSON.stringify(ids)}`);
      }
      return `${ids.length} clients: ${ids.join(', ')}`;
    }],
  ]);

  // (c) Authorization code + PKCE, the browser part played with fetch
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  let authorizationUrl;
  let page; // the browser's last answer
  let callbackUrl;
  let tokens;
  let subject;
  const signedIn = await group([
    ['(c) authorization URL (openid-client, S256 challenge, state, nonce)', async () => {
      authorizationUrl = client.buildAuthorizationUrl(portal, {
        redirect_uri: PORTAL.redirectUri,
        scope: PORTAL_SCOPES,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      return `${authorizationUrl.origin}${authorizationUrl.pathname}`;
    }],
    ['(c) GET authorize without a session redirects to the login page', async () => {
      page = await browse(authorizationUrl);
      expect(page.response.status === 302 && page.location?.pathname === '/account/login',
        `GET ${authorizationUrl.pathname}?…: ${await describeResponse(page.response, page.text)}`);
      expect(page.location.searchParams.get('ReturnUrl')?.startsWith('/connect/authorize?'),
        `the login redirect carries no ReturnUrl to /connect/authorize: ${page.location}`);
      return `302 ${page.location.pathname}?ReturnUrl=…`;
    }],
    ['(c) login page, then POST the member\'s credentials', async () => {
      const loginUrl = page.location;
      page = await browse(loginUrl);
      expect(page.response.status === 200, `GET ${loginUrl}: ${await describeResponse(page.response, page.text)}`);
      const form = readForm(page.text, loginUrl);
      const hidden = Object.fromEntries(form.hidden);
      expect(hidden.__RequestVerificationToken, `the login form has no __RequestVerificationToken: ${JSON.stringify(form.hidden.map(([k]) => k))}`);
      expect(hidden.returnUrl?.startsWith('/connect/authorize?'), `the login form's returnUrl is ${JSON.stringify(hidden.returnUrl)}`);
      expect(form.fields.includes('email') && form.fields.includes('password'), `the login form lacks email/password: ${form.fields}`);
      page = await browse(form.action, { method: 'POST', form: [...form.hidden, ['email', MEMBER.email], ['password', MEMBER.password]] });
      expect(page.response.status === 302 && page.location?.href === new URL(hidden.returnUrl, loginUrl).href,
        `POST ${form.action.pathname}: ${await describeResponse(page.response, page.text)}`);
      expect(jar.has('membership.signin'), `no sign-in cookie after the login; cookies: ${[...jar.keys()].join(', ')}`);
      return `302 back to /connect/authorize; cookies: ${[...jar.keys()].join(', ')}`;
    }],
    ['(c) authorize shows the consent page; POST consent=accept redirects with a code', async () => {
      const authorizeUrl = page.location;
      page = await browse(authorizeUrl);
      const toCallback = page.response.status === 302 && page.location && `${page.location.origin}${page.location.pathname}` === PORTAL.redirectUri;
      if (toCallback && consentRememberedOk && page.location.searchParams.get('code')) {
        callbackUrl = page.location;
        return `no consent page: consent remembered from an earlier run (--consent-remembered); 302 ${PORTAL.redirectUri}?${[...callbackUrl.searchParams.keys()].join('&')}`;
      }
      expect(page.response.status === 200 && title(page.text) === 'Allow access?',
        `GET ${authorizeUrl.pathname}?… (signed in): expected the consent page, got ${await describeResponse(page.response, page.text)}` +
          (toCallback ? '\nno consent was asked: either consent from an earlier run against this server is remembered (then rerun with ' +
            '--consent-remembered, or against a fresh DataDirectory), or the server skipped consent for scopes beyond openid/profile/email/offline_access' : ''));
      const form = readForm(page.text, authorizeUrl);
      expect(form.action.pathname === '/connect/authorize', `the consent form posts to ${form.action}`);
      const hidden = new Map(form.hidden);
      for (const [key, value] of authorizationUrl.searchParams) {
        expect(hidden.get(key) === value, `the consent form's hidden ${key} is ${JSON.stringify(hidden.get(key))}, expected ${JSON.stringify(value)}`);
      }
      expect(hidden.get('__RequestVerificationToken'), 'the consent form has no __RequestVerificationToken');
      page = await browse(form.action, { method: 'POST', form: [...form.hidden, ['consent', 'accept']] });
      const redirect = page.location;
      expect(page.response.status === 302 && redirect && `${redirect.origin}${redirect.pathname}` === PORTAL.redirectUri,
        `POST ${form.action.pathname} consent=accept: ${await describeResponse(page.response, page.text)}`);
      expect(!redirect.searchParams.has('error'), `the redirect carries an error: ${redirect}`);
      expect(redirect.searchParams.get('code'), `the redirect has no code: ${redirect}`);
      callbackUrl = redirect;
      return `302 ${PORTAL.redirectUri}?${[...redirect.searchParams.keys()].join('&')}`;
    }],
    ['(c) authorizationCodeGrant with the PKCE verifier and the expected state', async () => {
      tokens = await client.authorizationCodeGrant(portal, callbackUrl, {
        pkceCodeVerifier: codeVerifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true,
      });
      const granted = grantedScopes(tokens);
      for (const scope of PORTAL_SCOPES.split(' ')) {
        expect(granted.list.includes(scope), `scope granted (${granted.from}): ${JSON.stringify(granted.list)}; lacks ${scope}`);
      }
      expect(tokens.refresh_token, 'no refresh token despite offline_access');
      const idToken = tokens.claims();
      expect(idToken?.sub, 'no ID token subject');
      subject = idToken.sub;
      return `sub ${subject}, scope ${granted.list.join(' ')} (${granted.from})`;
    }],
  ]);
  if (!signedIn) {
    for (const name of ['(c) GraphQL me', '(c) userinfo', '(d) refresh token']) skip(name, 'needs: the authorization code flow');
  } else {
    await check('(c) GraphQL { me { memberNumber email } } with the member\'s access token', async () => {
      const data = await graphqlData(tokens.access_token, '{ me { memberNumber email } }');
      expect(data.me?.email === MEMBER.email, `me.email is ${JSON.stringify(data.me?.email)}, expected ${MEMBER.email}`);
      expect(data.me.memberNumber, `me.memberNumber is empty: ${JSON.stringify(data.me)}`);
      return `memberNumber ${data.me.memberNumber}, email ${data.me.email}`;
    });
    await check('(c) GraphQL { clients } refused with the member\'s token (no membership.staff)', () =>
      graphqlRefused(tokens.access_token, '{ clients { clientId } }', 'clients'));
    await check('(c) userinfo (openid-client fetchUserInfo)', async () => {
      const info = await client.fetchUserInfo(portal, tokens.access_token, subject);
      expect(info.email === MEMBER.email, `userinfo email ${JSON.stringify(info.email)}, expected ${MEMBER.email}: ${JSON.stringify(info)}`);
      return `sub ${info.sub}, email ${info.email}, name ${info.name}`;
    });

    // (d) Refresh token
    const oldRefresh = tokens.refresh_token;
    let refreshed;
    await group([
      ['(d) refreshTokenGrant issues new tokens', async () => {
        refreshed = await client.refreshTokenGrant(portal, oldRefresh);
        expect(refreshed.access_token && refreshed.access_token !== tokens.access_token, 'no new access token');
        expect(refreshed.refresh_token && refreshed.refresh_token !== oldRefresh, 'no new (rolling) refresh token');
        return `scope ${refreshed.scope}`;
      }],
      ['(d) the new access token works on GraphQL me', async () => {
        const data = await graphqlData(refreshed.access_token, '{ me { memberNumber email } }');
        expect(data.me?.email === MEMBER.email, `me.email is ${JSON.stringify(data.me?.email)}, expected ${MEMBER.email}`);
        return `email ${data.me.email}`;
      }],
      ['(d) the spent refresh token is refused', async () =>
        expectOAuthError(client.refreshTokenGrant(portal, oldRefresh), ['invalid_grant'])],
    ]);
  }
}

const total = counts.ok + counts.failed + counts.skipped;
console.log(
  `OIDC checks of ${baseUrl.href}: ${total} checks, ${counts.ok} ok, ${counts.failed} failed, ${counts.skipped} skipped: ` +
    `${counts.failed + counts.skipped === 0 ? 'PASS' : 'FAIL'}`,
);
process.exit(counts.failed + counts.skipped === 0 ? 0 : 1);
