// Package jwtauth is the Lambda authorizer's logic: it verifies a bearer JWT from any OIDC issuer (Cognito included)
// and turns its scopes into an IAM policy API Gateway can cache. awslabs/aws-jwt-verify is the bar it is tested
// against; where it differs, it is stricter (noted below).
//
// golang-jwt/jwt/v5 checks the signature and the claims' values; MicahParks/jwkset parses and stores the issuer's
// JWKS. No crypto is written here. What golang-jwt cannot express is done around it, not instead of it: the header
// is read first by exact name (parseHeader), and the claims decode by exact name and JSON type (Claims) — Go's
// encoding/json would fill "scope" from "Scope" or "ſcope" and accept dates written as strings.
//
// Checks, in order:
//   - the Authorization header: "Bearer <jwt>" (scheme in any case) or the bare JWT, as API Gateway's Cognito
//     authorizer takes it; another scheme, or spellings of the header that disagree, are refused;
//   - size (8 KiB by default);
//   - header: alg on the allow-list (asymmetric only — never "none", never HS* with a public key); kid required
//     (stricter: aws-jwt-verify can try a key without one); no crit (RFC 7515 §4.1.11: we understand no
//     extension; stricter); no member given twice (stricter);
//   - payload: a JSON object, no member given twice (stricter), exp/nbf/iat JSON numbers, iss/sub/scope/… strings,
//     aud a string or a list of strings; scope as RFC 6749 §3.3 writes it (one U+0020 between tokens);
//   - key: the JWK for kid, with use "sig" when stated, key_ops holding "verify" (and no value twice) when stated
//     (RFC 7517 §4.3), and its alg, when stated, equal to the token's; an RSA key of at least 2048 bits
//     and an EC key on its alg's curve (NIST SP 800-131A, RFC 7518 §3.3–3.4);
//   - signature; iss exactly; exp required (stricter); nbf and iat (iat not in the future: stricter) with the
//     configured leeway; sub required; Cognito's token_use when configured; aud or client_id in the allow-list.
//
// The JWKS is fetched once, cached for the life of the function instance, refreshed hourly, and refetched on an
// unknown kid at most once per cooldown, counted from when the last fetch ended. A request inside the cooldown is
// denied at once, never made to wait; the refetch itself has the full HTTP timeout. A failed init fetch starts the
// cooldown too, so a cold start while the IdP stalls decides within one HTTP timeout, not two. Fetches follow no redirect and read at most 1 MiB; a failed or garbled
// one replaces nothing, so cached keys keep verifying while the IdP is down.
//
// Decisions fail closed. No or invalid token: the "Unauthorized" error (401). A valid token: a policy allowing every
// route its scopes entitle — the whole set, not just the called route, because API Gateway caches the policy per
// token and reuses it for other routes — plus an explicit Deny of the called route when it is not among them (403).
// A "{param}" entitlement becomes "*" in the policy, and IAM's "*" also matches "/": see Config.Entitlements.
// The token itself is never logged; every decision is, as structured JSON.
package jwtauth
