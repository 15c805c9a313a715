// Package logkey provides a customer-managed KMS key that CloudWatch Logs may use to encrypt log groups
// (CKV_AWS_158). Its key policy keeps the account in control and lets the regional CloudWatch Logs service use the key
// only for log groups of this account and region, through the kms:EncryptionContext:aws:logs:arn condition AWS
// documents for log-group encryption. Rotation is on. One key per stack serves every log group.
package logkey
