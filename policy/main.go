// Command policy is the baseline as a Pulumi policy pack:
//
//	pulumi preview --policy-pack ./policy --policy-pack-config ./policy/config.<stack>.json
//
// The rules live in package baseline; the offline plan (`go run . plan <stack>`) runs the same policies in-process.
package main

import (
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

	"github.com/secure-apigw/secure-apigw/baseline"
)

func main() {
	if err := policyx.Main(func(*pulumi.Context) (policyx.PolicyPack, error) { return baseline.Pack() }); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
