//go:build integration

package tests

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/apigateway"
	gwtypes "github.com/aws/aws-sdk-go-v2/service/apigateway/types"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	ciptypes "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/secure-apigw/secure-apigw/internal/motoserver"
)

// Each fix in scripts/moto_fixes.py (what `make moto` and `make e2e` run) makes moto do what AWS does for a call the
// programs make. Each row drives that call as AWS documents it: stock moto 5.2.1 fails it (the bug the fix names
// is real; if a moto upgrade fixes it, this says so and the fix can go), and moto with the fixes passes it.
func TestMotoFixesDoWhatAWSDoesWhereStockMotoDoesNot(t *testing.T) {
	fixes := map[string]func(context.Context, string) error{
		"apigateway-openapi-mock":             importsAMockIntegration,
		"lambda-kms-logging":                  keepsLambdaKMSKeyAndLogging,
		"cognito-delete-resource-server":      deletesAResourceServer,
		"apigateway-usage-plan-stage-removal": removesAThrottledStageFromAUsagePlan,
		"apigateway-client-certificates":      presentsAClientCertificateOnAStage,
	}
	stock := motoserver.Start(t)
	fixed := motoserver.StartFixed(t, "../scripts/moto_fixes.py")
	ctx := context.Background()
	for name, call := range fixes {
		t.Run(name, func(t *testing.T) {
			assert.Error(t, call(ctx, stock), "stock moto no longer has the bug %s fixes: drop the fix", name)
			assert.NoError(t, call(ctx, fixed), "with the fixes moto answers as AWS does")
		})
	}
	src, err := os.ReadFile("../scripts/moto_fixes.py")
	require.NoError(t, err)
	assert.Len(t, fixes, len(regexp.MustCompile(`(?m)^# \d+\. `).FindAll(src, -1)), "one row per fix in moto_fixes.py")
}

func awsConfig(ctx context.Context) (aws.Config, error) {
	return awsconfig.LoadDefaultConfig(ctx, awsconfig.WithRegion("eu-west-1"), awsconfig.WithRetryMaxAttempts(1),
		awsconfig.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("test", "test", "")))
}

func gateway(ctx context.Context, endpoint string) (*apigateway.Client, error) {
	cfg, err := awsConfig(ctx)
	return apigateway.NewFromConfig(cfg, func(o *apigateway.Options) { o.BaseEndpoint = aws.String(endpoint) }), err
}

// An OpenAPI import whose CORS preflight is a MOCK integration (no uri, no httpMethod), as the stacks' documents have.
func importsAMockIntegration(ctx context.Context, endpoint string) error {
	gw, err := gateway(ctx, endpoint)
	if err != nil {
		return err
	}
	api, err := gw.CreateRestApi(ctx, &apigateway.CreateRestApiInput{Name: aws.String("mock")})
	if err != nil {
		return err
	}
	doc := `{"openapi":"3.0.1","info":{"title":"mock","version":"1"},"paths":{"/items":{"options":{` +
		`"responses":{"200":{"description":"preflight"}},"x-amazon-apigateway-integration":{"type":"mock",` +
		`"requestTemplates":{"application/json":"{\"statusCode\": 200}"}}}}}}`
	if _, err := gw.PutRestApi(ctx, &apigateway.PutRestApiInput{RestApiId: api.Id, Mode: gwtypes.PutModeOverwrite,
		Body: []byte(doc)}); err != nil {
		return err
	}
	res, err := gw.GetResources(ctx, &apigateway.GetResourcesInput{RestApiId: api.Id})
	if err != nil {
		return err
	}
	for _, r := range res.Items {
		if aws.ToString(r.Path) == "/items" {
			in, err := gw.GetIntegration(ctx, &apigateway.GetIntegrationInput{RestApiId: api.Id, ResourceId: r.Id,
				HttpMethod: aws.String("OPTIONS")})
			if err != nil {
				return err
			}
			if !strings.EqualFold(string(in.Type), string(gwtypes.IntegrationTypeMock)) { // moto answers "mock"
				return fmt.Errorf("integration type %s, want MOCK", in.Type)
			}
			return nil
		}
	}
	return errors.New("/items was not imported")
}

// motoCall is a raw AWS call (Lambda and IAM have no SDK client in this module): moto routes by the credential
// scope of the Authorization header and checks no signature.
func motoCall(ctx context.Context, method, endpoint, service, path, contentType string, body []byte) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, endpoint+path, bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential=test/20260101/eu-west-1/"+service+
		"/aws4_request, SignedHeaders=host, Signature=0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	out, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode >= 300 {
		err = fmt.Errorf("%s %s: %s: %s", method, path, resp.Status, out)
	}
	return out, err
}

// CreateFunction with a customer-managed key for its environment and a JSON logging config, as the backend has; AWS
// returns both from GetFunction.
func keepsLambdaKMSKeyAndLogging(ctx context.Context, endpoint string) error {
	name := fmt.Sprintf("fn-%p", &endpoint)
	form := url.Values{"Action": {"CreateRole"}, "Version": {"2010-05-08"}, "RoleName": {name},
		"AssumeRolePolicyDocument": {`{"Version":"2012-10-17","Statement":[]}`}}
	if _, err := motoCall(ctx, http.MethodPost, endpoint, "iam", "/", "application/x-www-form-urlencoded",
		[]byte(form.Encode())); err != nil {
		return err
	}
	const key = "arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-1111-2222-3333-444455556666"
	spec, _ := json.Marshal(map[string]any{
		"FunctionName": name, "Runtime": "provided.al2023", "Handler": "bootstrap",
		"Role": "arn:aws:iam::123456789012:role/" + name, "Code": map[string]any{"ZipFile": base64.StdEncoding.EncodeToString(emptyZip)},
		"KMSKeyArn": key, "LoggingConfig": map[string]any{"LogFormat": "JSON", "LogGroup": "/aws/lambda/" + name},
	})
	if _, err := motoCall(ctx, http.MethodPost, endpoint, "lambda", "/2015-03-31/functions", "application/json", spec); err != nil {
		return err
	}
	out, err := motoCall(ctx, http.MethodGet, endpoint, "lambda", "/2015-03-31/functions/"+name, "application/json", nil)
	if err != nil {
		return err
	}
	var got struct {
		Configuration struct {
			KMSKeyArn     string
			LoggingConfig struct{ LogFormat string }
		}
	}
	if err := json.Unmarshal(out, &got); err != nil {
		return err
	}
	if got.Configuration.KMSKeyArn != key || got.Configuration.LoggingConfig.LogFormat != "JSON" {
		return fmt.Errorf("GetFunction returned KMSKeyArn %q, LoggingConfig %+v", got.Configuration.KMSKeyArn,
			got.Configuration.LoggingConfig)
	}
	return nil
}

// emptyZip is a zip archive with no entries (its end-of-central-directory record alone).
var emptyZip = []byte{0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}

func deletesAResourceServer(ctx context.Context, endpoint string) error {
	cfg, err := awsConfig(ctx)
	if err != nil {
		return err
	}
	c := cip.NewFromConfig(cfg, func(o *cip.Options) { o.BaseEndpoint = aws.String(endpoint) })
	pool, err := c.CreateUserPool(ctx, &cip.CreateUserPoolInput{PoolName: aws.String("rs")})
	if err != nil {
		return err
	}
	if _, err := c.CreateResourceServer(ctx, &cip.CreateResourceServerInput{UserPoolId: pool.UserPool.Id,
		Identifier: aws.String("partners"), Name: aws.String("partners"),
		Scopes: []ciptypes.ResourceServerScopeType{{ScopeName: aws.String("read"), ScopeDescription: aws.String("read")}},
	}); err != nil {
		return err
	}
	if _, err := c.DeleteResourceServer(ctx, &cip.DeleteResourceServerInput{UserPoolId: pool.UserPool.Id,
		Identifier: aws.String("partners")}); err != nil {
		return err
	}
	left, err := c.ListResourceServers(ctx, &cip.ListResourceServersInput{UserPoolId: pool.UserPool.Id,
		MaxResults: aws.Int32(10)})
	if err != nil {
		return err
	}
	if len(left.ResourceServers) != 0 {
		return fmt.Errorf("%d resource servers left after the delete", len(left.ResourceServers))
	}
	return nil
}

// A usage plan whose stage has per-method throttles, as the tiers set, loses the stage on `remove /apiStages`.
func removesAThrottledStageFromAUsagePlan(ctx context.Context, endpoint string) error {
	gw, err := gateway(ctx, endpoint)
	if err != nil {
		return err
	}
	api, err := deployedAPI(ctx, gw, "plan")
	if err != nil {
		return err
	}
	plan, err := gw.CreateUsagePlan(ctx, &apigateway.CreateUsagePlanInput{Name: aws.String("basic"),
		ApiStages: []gwtypes.ApiStage{{ApiId: api.Id, Stage: aws.String("dev"),
			Throttle: map[string]gwtypes.ThrottleSettings{"/GET": {RateLimit: 5, BurstLimit: 10}}}}})
	if err != nil {
		return err
	}
	if _, err := gw.UpdateUsagePlan(ctx, &apigateway.UpdateUsagePlanInput{UsagePlanId: plan.Id,
		PatchOperations: []gwtypes.PatchOperation{{Op: gwtypes.OpRemove, Path: aws.String("/apiStages"),
			Value: aws.String(aws.ToString(api.Id) + ":dev")}}}); err != nil {
		return err
	}
	got, err := gw.GetUsagePlan(ctx, &apigateway.GetUsagePlanInput{UsagePlanId: plan.Id})
	if err != nil {
		return err
	}
	if len(got.ApiStages) != 0 {
		return fmt.Errorf("%d stages left on the plan", len(got.ApiStages))
	}
	return nil
}

// GenerateClientCertificate returns a PEM certificate; a stage keeps the id UpdateStage sets; Delete removes it.
func presentsAClientCertificateOnAStage(ctx context.Context, endpoint string) error {
	gw, err := gateway(ctx, endpoint)
	if err != nil {
		return err
	}
	cert, err := gw.GenerateClientCertificate(ctx, &apigateway.GenerateClientCertificateInput{
		Description: aws.String("Presented by the API to its HTTP backends")})
	if err != nil {
		return err
	}
	block, _ := pem.Decode([]byte(aws.ToString(cert.PemEncodedCertificate)))
	if block == nil {
		return fmt.Errorf("no PEM certificate: %q", aws.ToString(cert.PemEncodedCertificate))
	}
	if _, err := x509.ParseCertificate(block.Bytes); err != nil {
		return err
	}
	api, err := deployedAPI(ctx, gw, "cert")
	if err != nil {
		return err
	}
	if _, err := gw.UpdateStage(ctx, &apigateway.UpdateStageInput{RestApiId: api.Id, StageName: aws.String("dev"),
		PatchOperations: []gwtypes.PatchOperation{{Op: gwtypes.OpReplace, Path: aws.String("/clientCertificateId"),
			Value: cert.ClientCertificateId}}}); err != nil {
		return err
	}
	stage, err := gw.GetStage(ctx, &apigateway.GetStageInput{RestApiId: api.Id, StageName: aws.String("dev")})
	if err != nil {
		return err
	}
	if aws.ToString(stage.ClientCertificateId) != aws.ToString(cert.ClientCertificateId) {
		return fmt.Errorf("stage clientCertificateId %q, want %q", aws.ToString(stage.ClientCertificateId),
			aws.ToString(cert.ClientCertificateId))
	}
	if _, err := gw.DeleteClientCertificate(ctx, &apigateway.DeleteClientCertificateInput{
		ClientCertificateId: cert.ClientCertificateId}); err != nil {
		return err
	}
	_, err = gw.GetClientCertificate(ctx, &apigateway.GetClientCertificateInput{ClientCertificateId: cert.ClientCertificateId})
	if err == nil {
		return errors.New("the certificate is still there after Delete")
	}
	return nil
}

// deployedAPI is a REST API with one MOCK GET / deployed to stage dev.
func deployedAPI(ctx context.Context, gw *apigateway.Client, name string) (*apigateway.CreateRestApiOutput, error) {
	api, err := gw.CreateRestApi(ctx, &apigateway.CreateRestApiInput{Name: aws.String(name)})
	if err != nil {
		return nil, err
	}
	if _, err := gw.PutMethod(ctx, &apigateway.PutMethodInput{RestApiId: api.Id, ResourceId: api.RootResourceId,
		HttpMethod: aws.String("GET"), AuthorizationType: aws.String("NONE")}); err != nil {
		return nil, err
	}
	if _, err := gw.PutIntegration(ctx, &apigateway.PutIntegrationInput{RestApiId: api.Id, ResourceId: api.RootResourceId,
		HttpMethod: aws.String("GET"), Type: gwtypes.IntegrationTypeMock}); err != nil {
		return nil, err
	}
	_, err = gw.CreateDeployment(ctx, &apigateway.CreateDeploymentInput{RestApiId: api.Id, StageName: aws.String("dev")})
	return api, err
}
