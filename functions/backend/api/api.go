package api

import _ "embed"

// NewItemSchema is the JSON Schema (draft-04, as API Gateway models use) of a POST /items body.
//
//go:embed new_item.schema.json
var NewItemSchema string

// NewItem is a POST /items body.
type NewItem struct {
	Name     string   `json:"name"`
	Quantity int      `json:"quantity"`
	Tags     []string `json:"tags,omitempty"`
}

// Item is a stored item.
type Item struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	Quantity  int      `json:"quantity"`
	Tags      []string `json:"tags,omitempty"`
	CreatedAt string   `json:"createdAt"`
	CreatedBy string   `json:"createdBy"`
}

// Identity is what GET /whoami answers: the caller as the gateway authenticated it.
type Identity struct {
	// Principal is the IAM caller ARN, or the authorizer's principal id.
	Principal string `json:"principal"`
	// Kind is "iam", "authorizer" or "anonymous".
	Kind      string            `json:"kind"`
	AccountID string            `json:"accountId,omitempty"`
	SourceIP  string            `json:"sourceIp,omitempty"`
	APIKeyID  string            `json:"apiKeyId,omitempty"`
	Claims    map[string]string `json:"claims,omitempty"`
}

// Error is every error body.
type Error struct {
	Message   string `json:"message"`
	RequestID string `json:"requestId,omitempty"`
}
