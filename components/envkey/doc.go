// Package envkey provides a customer-managed KMS key that encrypts Lambda functions' environment variables at rest
// (checkov CKV_AWS_173). Its key policy is AWS's default one: the account administers and uses the key through IAM.
// No service principal is named because Lambda never calls KMS as itself for environment variables: when a function
// is created or updated with the key, the deploying principal's credentials encrypt the variables and create a grant
// that lets the function's execution role decrypt them at cold start. So the deploying principal needs
// kms:CreateGrant, kms:Encrypt, kms:Decrypt and kms:DescribeKey on the key, and the execution role needs nothing.
// Rotation is on. One key per stack serves every function.
package envkey
