// A real OpenID Connect provider for the single sign-on tests (the `oidc-provider` package).
// Usage: node provider.mjs PORT REDIRECT_URI. Any login name is accepted (its development login
// page); the name is the e-mail address, verified unless it starts with "unverified.".
import Provider from "oidc-provider";

const [port, redirectUri] = process.argv.slice(2);
const issuer = `http://127.0.0.1:${port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: "tracker",
    client_secret: "tracker-test-secret",
    redirect_uris: [redirectUri],
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
  }],
  pkce: { required: () => true },
  claims: { openid: ["sub"], email: ["email", "email_verified"] },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, id) {
    return {
      accountId: id,
      async claims() {
        const email = id.replace(/^unverified\./, "");
        return { sub: id, email, email_verified: !id.startsWith("unverified.") };
      },
    };
  },
  async loadExistingGrant(ctx) {
    // Consent is implied for this test client: grant what it asks for.
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid email");
    await grant.save();
    return grant;
  },
});

provider.listen(Number(port), "127.0.0.1", () => console.log(`ready ${issuer}`));
