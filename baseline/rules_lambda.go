package baseline

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

const (
	typePermission  = "aws:lambda/permission:Permission"
	typeFunction    = "aws:lambda/function:Function"
	typeRolePolicy  = "aws:iam/rolePolicy:RolePolicy"
	typePolicy      = "aws:iam/policy:Policy"
	typeRole        = "aws:iam/role:Role"
	typeUserPolicy  = "aws:iam/userPolicy:UserPolicy"
	typeGroupPolicy = "aws:iam/groupPolicy:GroupPolicy"
)

// lambdaRules are the rules for the functions, who may invoke them, and what their roles may do.
func lambdaRules() []Rule {
	return []Rule{
		// Project rule for API Gateway's grants, stricter than checkov checks/resource/aws/LambdaFunctionIsNotPublic.py
		// (CKV_AWS_301: principal not *) and LambdaServicePermission.py (CKV_AWS_364: a service principal needs
		// source_arn or source_account), both of which it includes.
		{
			Slug: "lambda-permission-scoped", IDs: []string{"CKV_AWS_301", "CKV_AWS_364"},
			Description:   "Invoke permissions never go to *; a service gets one with a source; API Gateway's is scoped to one method and path or one authorizer — never the whole API",
			Fix:           "set sourceArn to {executionArn}/*/{METHOD}/{path} or {executionArn}/authorizers/{authorizerId}",
			Types:         []string{typePermission},
			checkResource: checkPermissionScope,
		},
		// checkov checks/resource/aws/LambdaFunctionLevelConcurrentExecutionLimit.py: reserved_concurrent_executions
		// set and not -1.
		{
			Slug: "lambda-concurrency-limit", IDs: []string{"CKV_AWS_115"},
			Description: "Functions have a reserved concurrency, so one cannot take the account's whole pool",
			Fix:         "set reservedConcurrentExecutions (config: backend.reservedConcurrency)",
			Types:       []string{typeFunction},
			checkResource: func(r res, _ map[string]any) []string {
				n, ok := r.number("reservedConcurrentExecutions")
				if r.unknown("reservedConcurrentExecutions") || (ok && n != -1) {
					return nil
				}
				return []string{fmt.Sprintf("function %s has no reserved concurrency", r.Name)}
			},
		},
		// checkov checks/resource/aws/LambdaEnvironmentEncryptionSettings.py (CKV_AWS_173, Terraform): a function with an
		// environment block needs a non-empty kms_key_arn; a kms_key_arn without environment fails too (the key
		// encrypts nothing and the provider reports a perpetual diff); neither is no finding (checkov: UNKNOWN).
		// checkov's CloudFormation twin fails only the first case; this rule follows the Terraform check, the
		// stricter one, because the Pulumi AWS provider is built from the Terraform provider.
		{
			Slug: "lambda-environment-kms", IDs: []string{"CKV_AWS_173"},
			Description: "Functions with environment variables encrypt them with a customer-managed KMS key, and no function names a key without variables",
			Fix: "set kmsKeyArn to a customer-managed key (gofunction EnvironmentKmsKeyArn; config: functions.environmentKmsEncryption), " +
				"or drop the key from a function without variables",
			Types:         []string{typeFunction},
			checkResource: checkEnvironmentKey,
		},
		// cdk-nag src/rules/iam/IAMNoWildcardPermissions.ts (IAM5): in every Allow statement of an inline or
		// customer-managed policy, an Action or Resource containing * is a finding. cdk-nag lets each be suppressed
		// with a reason; here the only wildcards allowed are the two a Lambda function cannot avoid, named in
		// justifiedWildcards. Everything else fails. IAM5 judges AWS::IAM::Policy and ManagedPolicy, and the inline
		// Policies of Role, User and Group; in Pulumi those are rolePolicy, userPolicy, groupPolicy and policy, and
		// a role's inlinePolicies (iam.User and iam.Group take no inline policies).
		{
			Slug: "iam-no-wildcards", IDs: []string{"cdk-nag IAM5"},
			Description:   "IAM policies grant no wildcard action or resource, but for the justified ones (log streams of the function's own group; X-Ray)",
			Fix:           "name the actions and resources; a wildcard that cannot be avoided belongs in justifiedWildcards with its reason",
			Types:         []string{typeRolePolicy, typeUserPolicy, typeGroupPolicy, typePolicy, typeRole},
			checkResource: checkWildcards,
			byDesign:      justifiedWildcardsOf,
		},
	}
}

func checkEnvironmentKey(r res, _ map[string]any) []string {
	_, hasEnv := r.get("environment")
	hasKey := r.set("kmsKeyArn")
	// checkov fails a kms_key_arn without environment once the attribute is written, "" included.
	_, keyWritten := r.get("kmsKeyArn")
	switch {
	case hasEnv && !hasKey:
		return []string{fmt.Sprintf("function %s has environment variables encrypted with the AWS-managed key, not a customer-managed one", r.Name)}
	case !hasEnv && keyWritten:
		return []string{fmt.Sprintf("function %s names kmsKeyArn %q but has no environment variables for it to encrypt", r.Name, r.str("kmsKeyArn"))}
	}
	return nil
}

func checkPermissionScope(r res, _ map[string]any) []string {
	principal := r.str("principal")
	switch {
	case r.unknown("principal"):
		return nil
	case principal == "*":
		return []string{fmt.Sprintf("permission %s lets anyone invoke %q (principal *)", r.Name, r.str("function"))}
	case !servicePrincipal(principal):
		return nil // an account or role: IAM on the caller's side decides
	case r.unknown("sourceArn"):
		return nil
	}
	src := r.str("sourceArn")
	_, arnWritten := r.get("sourceArn")
	_, accountWritten := r.get("sourceAccount")
	if src == "" && !r.set("sourceAccount") {
		msg := fmt.Sprintf("permission %s lets %s invoke %q on behalf of anyone (no sourceArn or sourceAccount)",
			r.Name, principal, r.str("function"))
		if arnWritten || accountWritten {
			msg += stricterThan("CKV_AWS_364", "passes a source_arn or source_account once written, even empty")
		}
		return []string{msg}
	}
	if strings.HasPrefix(principal, "apigateway.") { // apigateway.amazonaws.com, and .com.cn in China
		if _, whole := InvokeScope(src); src == "" || whole {
			return []string{fmt.Sprintf("permission %s lets API Gateway invoke %q from the whole API (sourceArn %q)",
				r.Name, r.str("function"), src) +
				stricterThan("CKV_AWS_301 and CKV_AWS_364", "pass any source_arn or source_account for a service principal")}
		}
	}
	return nil
}

// servicePrincipal reads a principal as checkov's LambdaServicePermission.py does: its second and third dot-separated
// labels are "amazonaws" and "com" (so s3.amazonaws.com and s3.amazonaws.com.cn both are).
func servicePrincipal(p string) bool {
	labels := strings.Split(p, ".")
	return len(labels) >= 3 && labels[1] == "amazonaws" && labels[2] == "com"
}

// InvokeScope says what an execute-api source ARN lets API Gateway invoke, e.g. "GET /items/*" or "any method /c1"
// ('*' in an ARN matches the rest of the path, slashes included), or "this API's authorizers". whole is true when
// it is the whole API: no API, no path, or a path of wildcards only ({executionArn}/*, …/*/*/*, …/*/GET/*).
func InvokeScope(sourceArn string) (scope string, whole bool) {
	i := strings.Index(sourceArn, ":execute-api:")
	if i < 0 {
		return "", false
	}
	fields := strings.SplitN(sourceArn[i+1:], ":", 4) // execute-api, region, account, resource
	if len(fields) < 4 {
		return "", true
	}
	apiID, rest, _ := strings.Cut(fields[3], "/")
	if apiID == "" || strings.Contains(apiID, "*") || rest == "" || rest == "*" {
		return "", true
	}
	if id, ok := strings.CutPrefix(rest, "authorizers/"); ok {
		switch {
		case id == "*":
			return "this API's authorizers", false // document-defined authorizers get their ids at import
		case id == "" || strings.ContainsAny(id, "/*"):
			return "", true
		}
		return "authorizer " + id, false
	}
	parts := strings.SplitN(rest, "/", 3) // stage, method, path
	if len(parts) < 3 {
		return "", true
	}
	literal := parts[2] == "" // the root resource alone
	for _, seg := range strings.Split(parts[2], "/") {
		literal = literal || (seg != "" && seg != "*")
	}
	if !literal {
		return "", true
	}
	method := parts[1]
	if method == "*" {
		method = "any method"
	}
	return method + " /" + parts[2], false
}

// justifiedWildcards are the wildcards a policy may hold, each with why it cannot be avoided: a statement whose
// actions are all in actions may use resource. Each pattern allows its one wildcard and no other: a log-stream grant
// in every region or account (arn:aws:logs:*:*:log-group:…:*) is an IAM5 finding like any other.
var justifiedWildcards = []struct {
	actions  []string
	resource *regexp.Regexp
	what     string // the resource, as the by-design waiver names it
	reason   string
}{
	{[]string{"logs:CreateLogStream", "logs:PutLogEvents"}, regexp.MustCompile(`^arn:[^:*]+:logs:[^:*]+:[^:*]+:log-group:[^:*]+:\*$`),
		"every stream of one log group (log-group:<name>:*)",
		"the Lambda runtime names its log streams at run time; the grant stays inside the function's own log group"},
	{[]string{"xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"},
		regexp.MustCompile(`^\*$`), `"*"`, "X-Ray's write actions accept no resource ARN (no resource-level permissions)"},
}

type statement struct {
	Effect   string
	Action   stringOrList
	Resource stringOrList
}

// statements is a document's Statement: IAM accepts one statement object or a list of them.
type statements []statement

func (s *statements) UnmarshalJSON(b []byte) error {
	var one statement
	if json.Unmarshal(b, &one) == nil {
		*s = []statement{one}
		return nil
	}
	return json.Unmarshal(b, (*[]statement)(s))
}

type stringOrList []string

func (s *stringOrList) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*s = []string{one}
		return nil
	}
	return json.Unmarshal(b, (*[]string)(s))
}

// checkWildcards reads a policy's document, or each of a role's inline policies.
func checkWildcards(r res, _ map[string]any) []string {
	problems, _ := wildcardFindings(r)
	return problems
}

// justifiedWildcardsOf is what checkWildcards lets through by design: each justified wildcard, with its reason.
// cdk-nag reports these as IAM5 findings a stack suppresses with a reason; here the reason is the project's, so the
// result shows them as a by-design waiver rather than a silent pass.
func justifiedWildcardsOf(r res) []string {
	_, notes := wildcardFindings(r)
	return notes
}

func wildcardFindings(r res) (problems, justifiedNotes []string) {
	if r.Type != typeRole {
		return wildcardsIn(r, "policy", "policy "+r.Name)
	}
	inline, _ := r.get("inlinePolicies")
	for i := 0; inline.IsArray() && i < inline.AsArray().Len(); i++ {
		label := fmt.Sprintf("role %s inline policy %q", r.Name, r.str(fmt.Sprintf("inlinePolicies.%d.name", i)))
		p, n := wildcardsIn(r, fmt.Sprintf("inlinePolicies.%d.policy", i), label)
		problems, justifiedNotes = append(problems, p...), append(justifiedNotes, n...)
	}
	return problems, justifiedNotes
}

// wildcardsIn returns the IAM5 findings in the policy document at path, and the justified wildcards it allows;
// an empty inline policy (the provider's way to say "none") has neither.
func wildcardsIn(r res, path, label string) (problems, justifiedNotes []string) {
	text, _ := r.documentText(path)
	if r.unknown(path) || (r.Type == typeRole && text == "") {
		return nil, nil
	}
	var doc struct{ Statement statements }
	if err := json.Unmarshal([]byte(text), &doc); err != nil {
		return []string{fmt.Sprintf("%s is not a readable IAM policy document: %v", label, err)}, nil
	}
	for i, st := range doc.Statement {
		if st.Effect != "Allow" {
			continue
		}
		for _, a := range st.Action {
			if strings.Contains(a, "*") {
				problems = append(problems, fmt.Sprintf("%s statement %d allows the wildcard action %q", label, i, a))
			}
		}
		for _, res := range st.Resource {
			if !strings.Contains(res, "*") {
				continue
			}
			if what, why := justification(st.Action, res); why != "" {
				justifiedNotes = append(justifiedNotes, fmt.Sprintf("%s statement %d allows %s on %s: %s",
					label, i, strings.Join(st.Action, ", "), what, why))
				continue
			}
			problems = append(problems, fmt.Sprintf("%s statement %d allows %s on the wildcard resource %q",
				label, i, strings.Join(st.Action, ", "), res))
		}
	}
	return problems, justifiedNotes
}

// justification is why a justifiedWildcards entry allows actions on resource, or "" when none does: every one of
// actions must be among the entry's, on its resource. A statement with no Action (a NotAction grant: everything
// but) is never justified.
func justification(actions []string, resource string) (what, why string) {
	if len(actions) == 0 {
		return "", ""
	}
	for _, w := range justifiedWildcards {
		if w.resource.MatchString(resource) && !slices.ContainsFunc(actions, func(a string) bool {
			return !slices.Contains(w.actions, a)
		}) {
			return w.what, w.reason
		}
	}
	return "", ""
}
