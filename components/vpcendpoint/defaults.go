package vpcendpoint

import (
	"encoding/json"
	"fmt"
)

const (
	// HTTPSPort is the only port the endpoint's security group opens.
	HTTPSPort = 443
	// endpointType is the only kind of endpoint execute-api offers.
	endpointType = "Interface"
)

// ServiceName is the execute-api endpoint service of a region.
func ServiceName(region string) string {
	return fmt.Sprintf("com.amazonaws.%s.execute-api", region)
}

// EndpointPolicy allows invoking APIs through the endpoint and nothing else: execute-api has one other action,
// ManageConnections (WebSocket APIs), which a REST API's callers never need. Which APIs accept the call is each
// API's own resource policy (aws:SourceVpce).
func EndpointPolicy() string {
	out, _ := json.Marshal(map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Sid": "InvokeOnly", "Effect": "Allow", "Principal": "*", "Action": "execute-api:Invoke", "Resource": "*",
		}},
	})
	return string(out)
}

func (a Args) privateDNS() bool {
	return a.PrivateDNS == nil || *a.PrivateDNS
}
