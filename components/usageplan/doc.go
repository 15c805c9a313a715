// Package usageplan meters an API stage's clients: usage-plan tiers (throttle, quota, per-method throttles) and one
// API key per consumer, each key in its consumer's tier.
//
// API keys identify and meter; they are never the protection. Every route that requires a key also has an
// authorizer or IAM (restapi refuses a key-only route without an explicit opt-in, and the baseline shows it as a
// waiver).
//
// Two ways a request finds its key, chosen per API with restapi.Args.ApiKeySource:
//   - HEADER: the client sends x-api-key. The key is a second secret the client must keep.
//   - AUTHORIZER: the Lambda authorizer returns usageIdentifierKey (functions/authorizer returns the token's
//     client_id), and API Gateway meters the key whose value equals it. The key is then a meter, not a credential:
//     set Consumer.KeyValue to the client id. Cognito-authorized routes cannot be metered this way (no Lambda runs).
//
// Plans are tied to the Stage, not the Deployment: API Gateway refuses a plan for a stage that does not exist yet
// ("Invalid API Stage"), so every plan depends on Args.Stage. Key values are Pulumi secrets (given ones are wrapped,
// generated ones come back as secret outputs); the component exports key ids, never values. Rotating a key (a new
// KeyValue, or a higher Rotation for a generated one) replaces the key and its plan membership, creating the new
// key before deleting the old, and leaves the plan untouched.
package usageplan
