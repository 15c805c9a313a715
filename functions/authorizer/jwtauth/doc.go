// Package jwtauth is the Lambda authorizer's logic: it verifies a bearer JWT from any OIDC issuer (Cognito included)
// and turns its scopes into an IAM policy API Gateway can cache.
//
// Verification uses golang-jwt/jwt/v5 for parsing and claim checks and MicahParks/keyfunc/v3 (on jwkset) for the
// issuer's JWKS: both widely used, maintained, and free of hand-written crypto. The JWKS is fetched once, cached for
// the life of the function instance, refreshed hourly, and refetched on an unknown kid at most once per cooldown; if
// the IdP is unreachable, cached keys keep verifying and everything else is denied.
//
// Checks, in order: size limit; algorithm allow-list (asymmetric only — never "none", never HS* with a public key);
// signature; iss exactly; exp required, nbf and iat, with a small leeway; aud or client_id in an allow-list; Cognito's
// token_use when configured.
//
// Decisions fail closed. No or invalid token: the "Unauthorized" error (401). A valid token: a policy allowing every
// route its scopes entitle — the whole set, not just the called route, because API Gateway caches the policy per
// token and reuses it for other routes — plus an explicit Deny of the called route when it is not among them (403).
// The token itself is never logged; every decision is, as structured JSON.
package jwtauth
