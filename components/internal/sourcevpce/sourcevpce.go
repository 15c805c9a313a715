// Package sourcevpce builds and checks what a PRIVATE API and a private custom domain share: a resource policy that
// admits execute-api:Invoke only through named interface VPC endpoints, and the endpoint ids it names.
package sourcevpce

import (
	"encoding/json"
	"fmt"
	"regexp"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var idPattern = regexp.MustCompile(`^vpce-[0-9a-f]{8,17}$`)

// Resource names, in a policy, the API or domain the policy is attached to.
const (
	// APIResource is what a REST API's policy names itself by; API Gateway expands it to the API's ARN.
	APIResource = "execute-api:/*"
	// DomainResource is what a private domain's policy names: the policy applies to the domain only, and "*" reads
	// back as written (terraform-provider-aws's private-domain policy test uses it), whereas a rewritten
	// "execute-api:/*" would not match the domain's ARN, unknown until it exists, and show as drift.
	DomainResource = "*"
)

// Policy allows execute-api:Invoke on resource only when aws:SourceVpce is one of ids, and denies every other caller
// explicitly, so that no other statement (an IP allow-list, a cross-account grant) can reopen the resource outside
// the endpoints. Keys are marshalled in sorted order, so the text is stable and compares equal to what the provider
// reads back.
func Policy(resource string, ids []string) string {
	statement := func(sid, effect, operator string) map[string]any {
		return map[string]any{
			"Sid": sid, "Effect": effect, "Principal": "*",
			"Action": "execute-api:Invoke", "Resource": resource,
			"Condition": map[string]any{operator: map[string]any{"aws:SourceVpce": ids}},
		}
	}
	out, _ := json.Marshal(map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{
			statement("DenyOutsideVpcEndpoints", "Deny", "StringNotEquals"),
			statement("AllowThroughVpcEndpoints", "Allow", "StringEquals"),
		},
	})
	return string(out)
}

// CheckIDs refuses an empty list (what, e.g. "PRIVATE API", admits nobody without one), nil entries and literal ids
// not shaped like vpce-…; an output (an endpoint created in the same program) is left to AWS. Every problem names
// field or field[i].
func CheckIDs(field, what string, ids []pulumi.StringInput) []error {
	if len(ids) == 0 {
		return []error{fmt.Errorf("%s: a %s needs at least one execute-api interface endpoint id (vpce-…)", field, what)}
	}
	var errs []error
	for i, id := range ids {
		if lit, ok := id.(pulumi.String); id == nil || ok && !idPattern.MatchString(string(lit)) {
			errs = append(errs, fmt.Errorf("%s[%d]: %q is not a VPC endpoint id (vpce- and 8 to 17 hex digits)",
				field, i, lit))
		}
	}
	return errs
}

// PolicyOutput is Policy for endpoint ids that may be outputs of the same program.
func PolicyOutput(resource string, ids []pulumi.StringInput) pulumi.StringOutput {
	return pulumi.StringArray(ids).ToStringArrayOutput().ApplyT(func(ids []string) string {
		return Policy(resource, ids)
	}).(pulumi.StringOutput)
}
