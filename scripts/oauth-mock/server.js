// An OAuth2 / OpenID Connect provider on loopback for Carrefour's integration tests,
// built on oauth2-mock-server: discovery, /authorize (approves at once), /token
// (authorization code with PKCE), /userinfo and RS256-signed tokens.
//
//   node scripts/oauth-mock/server.js [PORT]      (PORT 0 or absent: the system picks)
//
// Prints one JSON line on stdout once listening: {"issuer":"http://127.0.0.1:PORT","port":PORT}.
// Stops on SIGTERM/SIGINT and when its standard input closes (its parent went away).
//
// Who signs in is chosen per authorization request by extra query parameters on
// /authorize, which a test appends to the URL the app redirected to:
//   mock_sub             the subject (default "mock-user")
//   mock_email           the address (login_hint is read too; default "<sub>@example.org")
//   mock_email_verified  "true" (default) or "false"
//   mock_name            the display name (default "Mock User"; "" leaves it out)
// The profile follows the code to the token endpoint, lands in the access and ID tokens,
// and /userinfo answers it for the bearer access token.
import { OAuth2Server } from 'oauth2-mock-server';

const port = Number.parseInt(process.argv[2] ?? '0', 10);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`usage: node server.js [PORT]; got ${process.argv[2]}`);
  process.exit(2);
}

const server = new OAuth2Server();
const service = server.service;
await server.issuer.keys.generate('RS256');

/** Profiles chosen at /authorize, by authorization code, until the code is exchanged. */
const profilesByCode = new Map();
/** Profiles by access token, for /userinfo. */
const profilesByToken = new Map();

function profileFrom(query) {
  const text = (name) => (typeof query[name] === 'string' ? query[name] : undefined);
  const sub = text('mock_sub') || 'mock-user';
  const email = text('mock_email') ?? text('login_hint') ?? `${sub}@example.org`;
  const verified = (text('mock_email_verified') ?? 'true').toLowerCase() !== 'false';
  const name = text('mock_name') ?? 'Mock User';
  const profile = { sub };
  if (email !== '') {
    profile.email = email;
    profile.email_verified = verified;
  }
  if (name !== '') profile.name = name;
  return profile;
}

service.on('beforeAuthorizeRedirect', (redirect, req) => {
  const code = redirect.url.searchParams.get('code');
  if (code) profilesByCode.set(code, profileFrom(req.query ?? {}));
});

// Both the access token and the ID token of a code exchange carry the profile.
service.on('beforeTokenSigning', (token, req) => {
  const profile = profilesByCode.get(req.body?.code);
  if (profile) Object.assign(token.payload, profile);
});

service.on('beforeResponse', (response, req) => {
  const code = req.body?.code;
  const profile = profilesByCode.get(code);
  if (!profile) return;
  profilesByCode.delete(code);
  if (response.statusCode === 200 && response.body?.access_token) {
    profilesByToken.set(response.body.access_token, profile);
  }
});

service.on('beforeUserinfo', (response, req) => {
  const header = req.headers.authorization ?? '';
  const token = header.replace(/^Bearer\s+/i, '');
  const profile = profilesByToken.get(token);
  if (!profile) {
    response.statusCode = 401;
    response.body = { error: 'invalid_token', error_description: 'unknown access token' };
    return;
  }
  response.body = profile;
});

await server.start(port, '127.0.0.1');
const chosen = server.address().port;
// The library would say "localhost"; tests only ever talk to 127.0.0.1.
server.issuer.url = `http://127.0.0.1:${chosen}`;
process.stdout.write(`${JSON.stringify({ issuer: server.issuer.url, port: chosen })}\n`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await server.stop().catch(() => {});
  process.exit(0);
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
