package waf

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/secure-apigw/secure-apigw/components/internal/cwlogs"
	"github.com/secure-apigw/secure-apigw/components/internal/netcheck"
)

var (
	countryPattern = regexp.MustCompile(`^[A-Z]{2}$`)
	namePattern    = regexp.MustCompile(`^[A-Za-z0-9_-]{1,100}$`)
	pathPattern    = regexp.MustCompile(`^/[A-Za-z0-9._~/-]{0,199}$`)
)

// Validate reports every problem with the Args at once, each naming its field and what is allowed. New calls it
// first: Args it refuses register nothing.
func (a *Args) Validate() error {
	if a == nil {
		return errors.New("waf: args are required")
	}
	var errs []error
	bad := func(format string, v ...any) { errs = append(errs, fmt.Errorf(format, v...)) }
	if a.Name != "" && !namePattern.MatchString(a.Name) {
		bad("Name: %q is not allowed; 1 to 100 letters, digits, '-' or '_'", a.Name)
	}
	switch {
	case a.Stage == nil && a.StageArn == nil:
		bad("Stage: required: the API stage the web ACL protects (restapi.RestAPI.Stage), or its ARN in StageArn")
	case a.Stage != nil && a.StageArn != nil:
		bad("StageArn: set Stage or StageArn, not both")
	}
	for i, g := range a.CountOnly {
		switch {
		case !slices.Contains(allManagedGroups, g):
			bad("CountOnly[%d]: %q is not a managed group of this ACL; allowed: %s", i, g, strings.Join(allManagedGroups, ", "))
		case !slices.Contains(a.managedGroups(), g):
			bad("CountOnly[%d]: %s is not enabled (see AnonymousIPList and BotControl)", i, g)
		case slices.Index(a.CountOnly, g) != i:
			bad("CountOnly[%d]: %s is listed twice", i, g)
		}
	}
	window := a.RateLimitWindowSeconds
	if window == 0 {
		window = DefaultRateLimitWindowSeconds
	}
	if maxLimit := MaxRateLimitPerSecond * window; a.RateLimit != 0 && (a.RateLimit < MinRateLimit || a.RateLimit > maxLimit) {
		bad("RateLimit: %d is out of range; allowed: %d (WAF's minimum) to %d requests per %d s window from one "+
			"address (%d/s: no single client needs more, and the stage throttle is shared)", a.RateLimit,
			MinRateLimit, maxLimit, window, MaxRateLimitPerSecond)
	}
	if w := a.RateLimitWindowSeconds; w != 0 && !slices.Contains(RateLimitWindows, w) {
		bad("RateLimitWindowSeconds: %d is not allowed; allowed: 60, 120, 300, 600", w)
	}
	if p := a.RateLimitPathPrefix; p != "" && !pathPattern.MatchString(p) {
		bad("RateLimitPathPrefix: %q is not a path prefix (\"/items\"; at most 200 characters, no wildcards)", p)
	}
	for i, c := range a.BlockCountries {
		if err := checkCountry(c); err != nil {
			bad("BlockCountries[%d]: %v", i, err)
		} else if slices.Index(a.BlockCountries, c) != i {
			bad("BlockCountries[%d]: %s is listed twice", i, c)
		}
	}
	errs = append(errs, netcheck.CheckAllowCIDRs("AllowOnlyCIDRs", a.AllowOnlyCIDRs)...)
	errs = append(errs, netcheck.CheckCIDRs("DenyCIDRs", a.DenyCIDRs)...)
	if a.MaxBodyBytes < 0 || a.MaxBodyBytes > MaxBodyBytes {
		bad("MaxBodyBytes: %d is out of range; allowed: 1 to %d", a.MaxBodyBytes, MaxBodyBytes)
	}
	if a.LogRetentionDays != 0 {
		if err := cwlogs.CheckRetention("LogRetentionDays", a.LogRetentionDays); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// checkCountry accepts an ISO 3166-1 alpha-2 country code in its current, upper-case form.
func checkCountry(c string) error {
	if !countryPattern.MatchString(c) {
		return fmt.Errorf("%q is not an ISO 3166-1 alpha-2 country code (two upper-case letters, e.g. DE)", c)
	}
	r, err := language.ParseRegion(c)
	if err != nil || !r.IsCountry() || r.String() != c {
		return fmt.Errorf("%q is not an ISO 3166-1 country code", c)
	}
	return nil
}
