// A real OpenID Connect provider on loopback, for the tests only (never in production).
//
// It is panva's certified `oidc-provider` (package.json devDependencies) with the
// configuration ldaplan's single sign-on meets in the field: one confidential
// client, the authorization code flow with PKCE required, RP-initiated logout,
// and the package's built-in development login form (any password; the login is
// an account's `sub`). With --proconnect it answers like ProConnect: the user-info
// answer is a JWT signed with the provider's key, and the family name is `usual_name`.
//
//   node tools/oidc_provider.mjs --port 9000 --accounts accounts.json [--proconnect]
//
// Environment (each has a test default):
//   OIDC_ISSUER          issuer URL (default http://127.0.0.1:<port>)
//   OIDC_CLIENT_ID       the client's id
//   OIDC_CLIENT_SECRET   its secret
//   OIDC_REDIRECT_URIS   its redirect URIs, comma-separated
//   OIDC_POST_LOGOUT_REDIRECT_URIS   where logout may send the browser back, comma-separated
//   OIDC_ID_TOKEN_TTL    ID token lifetime in seconds (a test of expired tokens shortens it)
//   OIDC_OTHER_CLIENT_ID, OIDC_OTHER_CLIENT_SECRET   optional: another application of the
//                        same provider, with the same redirect URIs (a test gives ldaplan
//                        an ID token issued to it: a token for the wrong audience)
//
// The accounts file is a JSON list of {sub, email, email_verified, given_name,
// family_name} (or usual_name in ProConnect mode). It prints « ready <issuer> » on
// its standard output once it listens, which the test fixture waits for.

import { readFileSync } from 'node:fs';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.OIDC_PORT || '9000' },
    accounts: { type: 'string' },
    proconnect: { type: 'boolean', default: false },
  },
});

const port = Number(options.port);
const issuer = process.env.OIDC_ISSUER || `http://127.0.0.1:${port}`;
const list = (value) => (value || '').split(',').map((item) => item.trim()).filter(Boolean);
const accounts = options.accounts ? JSON.parse(readFileSync(options.accounts, 'utf8')) : [];
const proconnect = options.proconnect;

// ProConnect's scopes are named after the claims they release; a generic
// provider uses the standard « email » and « profile » scopes.
// Beyond them, an organisation's claim to map to a role: ProConnect's `siret`
// (scope « siret »), a generic provider's list of `groups` (scope « groups »).
const claims = proconnect
  ? {
      openid: ['sub'],
      email: ['email'],
      given_name: ['given_name'],
      usual_name: ['usual_name'],
      siret: ['siret'],
    }
  : {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['given_name', 'family_name'],
      groups: ['groups'],
    };

async function findAccount(ctx, id) {
  const account = accounts.find((candidate) => candidate.sub === id);
  if (!account) {
    return undefined;
  }
  return {
    accountId: account.sub,
    // Everything the accounts file says; the provider keeps only what the granted scopes release.
    async claims() {
      return { ...account };
    },
  };
}

// A signing key made at each start: the relying party must fetch it from the JWKS endpoint.
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }),
  alg: 'RS256',
  use: 'sig',
  kid: randomBytes(8).toString('hex'),
};

const client = {
  client_id: process.env.OIDC_CLIENT_ID || 'ldaplan',
  client_secret: process.env.OIDC_CLIENT_SECRET || 'secret-de-test',
  redirect_uris: list(process.env.OIDC_REDIRECT_URIS || 'http://127.0.0.1:8000/oidc/callback/'),
  post_logout_redirect_uris: list(process.env.OIDC_POST_LOGOUT_REDIRECT_URIS),
  grant_types: ['authorization_code'],
  response_types: ['code'],
  // mozilla-django-oidc sends the secret in the form body.
  token_endpoint_auth_method: 'client_secret_post',
  id_token_signed_response_alg: 'RS256',
  ...(proconnect ? { userinfo_signed_response_alg: 'RS256' } : {}),
};

const clients = [client];
if (process.env.OIDC_OTHER_CLIENT_ID) {
  clients.push({
    ...client,
    client_id: process.env.OIDC_OTHER_CLIENT_ID,
    client_secret: process.env.OIDC_OTHER_CLIENT_SECRET,
  });
}

const idTokenTtl = Number(process.env.OIDC_ID_TOKEN_TTL || '3600');
const provider = new Provider(issuer, {
  clients,
  findAccount,
  claims,
  jwks: { keys: [signingKey] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  // PKCE for every client, confidential ones included (the default asks it of public clients only).
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    rpInitiatedLogout: { enabled: true },
    jwtUserinfo: { enabled: proconnect },
  },
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 60,
    Grant: 3600,
    IdToken: idTokenTtl,
    Interaction: 600,
    Session: 3600,
  },
});

// The package's development pages load a font from Google: the test browser fetches
// nothing from another host, so the pages lose that one line.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.type === 'text/html' && typeof ctx.body === 'string') {
    ctx.body = ctx.body.replace(/@import url\(https:\/\/fonts\.googleapis\.com[^)]*\);?/g, '');
  }
});

// Test runs are noisy enough: the provider's own errors go to standard error only.
provider.on('server_error', (ctx, error) => console.error('server_error', error));

provider.listen(port, '127.0.0.1', () => {
  console.log(`ready ${issuer}`);
});
