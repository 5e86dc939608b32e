// A member portal as a front-end developer would write it: oidc-client-ts (global `oidc`) signs in with code + PKCE
// on the API's pages, the access token calls /graphql, the refresh token renews it. window.portal is what the
// browser check reads.
const api = document.querySelector('meta[name="membership-api"]').content.replace(/\/$/, '');
const portal = (window.portal = { state: 'starting', me: null, accessToken: null, renewals: 0, error: null });
const manager = new oidc.UserManager({
  authority: api,
  client_id: 'demo-portal',
  redirect_uri: `${location.origin}/callback`,
  post_logout_redirect_uri: `${location.origin}/`,
  response_type: 'code',
  scope: 'openid profile email offline_access membership.self membership.directory',
  loadUserInfo: true,
  automaticSilentRenew: false,
  userStore: new oidc.WebStorageStateStore({ store: window.sessionStorage }),
});

const show = (state, text = '') => {
  portal.state = state;
  document.getElementById('state').textContent = state;
  document.getElementById('me').textContent = text;
};

async function graphql(user, query) {
  const response = await fetch(`${api}/graphql`, {
    method: 'POST',
    headers: { authorization: `Bearer ${user.access_token}`, 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  const body = await response.json();
  if (!response.ok || body.errors) throw new Error(`/graphql answered ${response.status}: ${JSON.stringify(body)}`);
  return body.data;
}

async function signedIn(user) {
  portal.accessToken = user.access_token;
  portal.refreshToken = Boolean(user.refresh_token);
  portal.profile = { email: user.profile.email, name: user.profile.name };
  const data = await graphql(user, '{ me { memberNumber fullName email certificates { number verificationCode status } } }');
  portal.me = data.me;
  show('signed-in', JSON.stringify(data.me, null, 2));
}

async function run(action) {
  try {
    await action();
  } catch (error) {
    portal.error = String(error?.stack ?? error);
    show('error', portal.error);
  }
}

document.getElementById('signin').addEventListener('click', () => run(() => manager.signinRedirect({ state: { from: 'portal' } })));
document.getElementById('renew').addEventListener('click', () => run(async () => {
  const user = await manager.signinSilent(); // with a refresh token this is a refresh_token grant, no iframe
  portal.renewals += 1;
  await signedIn(user);
}));
document.getElementById('signout').addEventListener('click', () => run(() => manager.signoutRedirect()));

run(async () => {
  if (location.pathname === '/callback') {
    const user = await manager.signinRedirectCallback();
    history.replaceState(null, '', '/');
    await signedIn(user);
    return;
  }
  const user = await manager.getUser();
  if (user && !user.expired) await signedIn(user);
  else show('signed-out');
});
