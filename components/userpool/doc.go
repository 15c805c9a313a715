// Package userpool provides UserPool: a Cognito user pool secure by default, with its app clients, a resource server
// for custom scopes, and an optional hosted domain.
//
// Defaults: passwords of at least 12 characters with upper, lower, digit and symbol (cdk-nag COG1); MFA required with
// TOTP (COG2); threat protection (advanced security) ENFORCED (COG3, Security Hub Cognito.1); no self sign-up;
// email verification; case-insensitive usernames; account recovery by verified email only. Clients prevent user
// existence errors, revoke tokens, have bounded token lifetimes, and never use the implicit flow. A confidential
// client's secret is a Pulumi secret.
//
// Threat protection needs the PLUS feature plan, which is billed per monthly active user, so Tier has no default:
// the caller states the plan, and ENFORCED with a plan that cannot enforce it is refused rather than silently
// downgraded. The security baseline then shows the choice.
package userpool
