// Package awsregion is the one check of what an AWS region name looks like, shared by the stack config (aws:region)
// and the components that take a region (through components/internal/netcheck), so both refuse the same names.
package awsregion

import "regexp"

// Allowed describes the accepted form, for error messages.
const Allowed = "a lower-case AWS region name: <area>-<direction>-<number>, e.g. eu-west-1, us-east-1, ap-southeast-2, us-gov-west-1"

// A shape check rather than a list: AWS adds regions every year, and a stale list would refuse a real one.
var pattern = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-\d$`)

// Valid reports whether s is shaped like an AWS region name ("eu-west-1").
func Valid(s string) bool { return pattern.MatchString(s) }
