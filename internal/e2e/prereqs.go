package e2e

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// privateNetwork creates in moto what examples/private's config names as existing (its VPC, two subnets and the
// public zone its ALB certificate is validated in) and points the config at them: AWS has them before `pulumi up`,
// moto starts empty.
func privateNetwork(ctx context.Context, m *Moto, _ func(string) string) (map[string]any, error) {
	const cidr = "10.20.0.0/16"
	vpc, err := m.query(ctx, "ec2", url.Values{"Action": {"CreateVpc"}, "Version": {"2016-11-15"}, "CidrBlock": {cidr}},
		"vpcId")
	if err != nil {
		return nil, fmt.Errorf("create the VPC in moto: %w", err)
	}
	var subnets []string
	for i, az := range []string{"eu-west-1a", "eu-west-1b"} {
		s, err := m.query(ctx, "ec2", url.Values{"Action": {"CreateSubnet"}, "Version": {"2016-11-15"}, "VpcId": {vpc},
			"CidrBlock": {fmt.Sprintf("10.20.%d.0/20", i*16)}, "AvailabilityZone": {az}}, "subnetId")
		if err != nil {
			return nil, fmt.Errorf("create a subnet in moto: %w", err)
		}
		subnets = append(subnets, s)
	}
	const zone = "example.com"
	body := `<CreateHostedZoneRequest xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Name>` + zone +
		`</Name><CallerReference>e2e-` + vpc + `</CallerReference></CreateHostedZoneRequest>`
	if _, err := m.call(ctx, http.MethodPost, "route53", "/2013-04-01/hostedzone", "application/xml", body); err != nil {
		return nil, fmt.Errorf("create the hosted zone in moto: %w", err)
	}
	return map[string]any{"private-secured-api:vpcId": vpc, "private-secured-api:subnetIds": subnets,
		"private-secured-api:vpcCidr": cidr, "private-secured-api:zoneName": zone}, nil
}

// query makes an AWS query-protocol call and returns the first <field> of the answer.
func (m *Moto) query(ctx context.Context, service string, form url.Values, field string) (string, error) {
	out, err := m.call(ctx, http.MethodPost, service, "/", "application/x-www-form-urlencoded", form.Encode())
	if err != nil {
		return "", err
	}
	match := regexp.MustCompile(`<` + field + `>([^<]+)</` + field + `>`).FindStringSubmatch(out)
	if match == nil {
		return "", fmt.Errorf("no %s in the answer: %.200s", field, out)
	}
	return match[1], nil
}

// call is a raw AWS call to moto, which routes by the Authorization header's credential scope and checks no
// signature.
func (m *Moto) call(ctx context.Context, method, service, path, contentType, body string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, method, m.URL+path, strings.NewReader(body))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=testing/20260101/eu-west-1/"+service+
		"/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", err
	}
	defer func() { _ = resp.Body.Close() }()
	var out bytes.Buffer
	if _, err := io.Copy(&out, resp.Body); err != nil {
		return "", err
	}
	if resp.StatusCode >= 300 {
		return "", fmt.Errorf("%s %s: %s: %.300s", method, path, resp.Status, out.String())
	}
	return out.String(), nil
}
