package usageplan

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var (
	namePattern   = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	methods       = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "*"}
	throttlePaths = regexp.MustCompile(`^(\*|/[A-Za-z0-9._~{}+/-]*)$`)
)

// Validate reports every problem with the Args at once, each naming its field and what is allowed. New calls it
// first: Args it refuses register nothing.
func (a *Args) Validate() error {
	if a == nil {
		return errors.New("usageplan: args are required")
	}
	var errs []error
	bad := func(format string, v ...any) { errs = append(errs, fmt.Errorf(format, v...)) }
	if a.Stage == nil {
		bad("Stage: required: the API stage the plans meter (restapi.RestAPI.Stage)")
	}
	if len(a.Tiers) == 0 {
		bad("Tiers: at least one tier is required")
	}
	tiers := map[string]int{}
	for i, t := range a.Tiers {
		field := fmt.Sprintf("Tiers[%d]", i)
		errs = append(errs, checkName(field, "Tiers", t.Name, i, tiers)...)
		errs = append(errs, t.Throttle.validate(field+".Throttle")...)
		errs = append(errs, t.Quota.validate(field+".Quota")...)
		seen := map[string]bool{}
		for j, m := range t.MethodThrottles {
			f := fmt.Sprintf("%s.MethodThrottles[%d]", field, j)
			if !slices.Contains(methods, m.Method) {
				bad("%s.Method: %q is not allowed; allowed: %s", f, m.Method, strings.Join(methods, ", "))
			}
			if !throttlePaths.MatchString(m.Path) {
				bad("%s.Path: %q is not a resource path (\"/items/{id}\") or \"*\"", f, m.Path)
			}
			if key := m.Method + " " + m.Path; seen[key] {
				bad("%s: %s is throttled twice", f, key)
			} else {
				seen[key] = true
			}
			errs = append(errs, m.Throttle.validate(f+".Throttle")...)
			if m.Throttle.RateLimit > t.Throttle.RateLimit || m.Throttle.BurstLimit > t.Throttle.BurstLimit {
				bad("%s.Throttle: %v/s burst %d is above the tier's %v/s burst %d; a method throttle may only lower it",
					f, m.Throttle.RateLimit, m.Throttle.BurstLimit, t.Throttle.RateLimit, t.Throttle.BurstLimit)
			}
		}
	}
	consumers := map[string]int{}
	for i, c := range a.Consumers {
		field := fmt.Sprintf("Consumers[%d]", i)
		errs = append(errs, checkName(field, "Consumers", c.Name, i, consumers)...)
		if _, ok := tiers[c.Tier]; !ok {
			known := make([]string, 0, len(a.Tiers))
			for _, t := range a.Tiers {
				known = append(known, t.Name)
			}
			bad("%s.Tier: %q is not a tier; known: %s", field, c.Tier, strings.Join(known, ", "))
		}
		if v, ok := c.KeyValue.(pulumi.String); ok {
			if err := CheckKeyValue(string(v)); err != nil {
				bad("%s.KeyValue: %v", field, err)
			}
		}
		if c.Rotation < 0 {
			bad("%s.Rotation: %d is negative; start at 0 and raise it to rotate", field, c.Rotation)
		}
		if c.Rotation > 0 && c.KeyValue != nil {
			bad("%s.Rotation: only a generated key rotates by Rotation; a given KeyValue rotates by changing", field)
		}
	}
	return errors.Join(errs...)
}

// checkName accepts a name that child resources can be named after, once per list; seen records it.
func checkName(field, list, name string, i int, seen map[string]int) []error {
	var errs []error
	if !namePattern.MatchString(name) {
		errs = append(errs, fmt.Errorf("%s.Name: %q is not allowed; 1 to 64 letters, digits, '-' or '_'", field, name))
	} else if j, dup := seen[name]; dup {
		errs = append(errs, fmt.Errorf("%s.Name: %q is already %s[%d]'s", field, name, list, j))
	}
	seen[name] = i
	return errs
}

// CheckKeyValue reports why a key value is not one API Gateway takes, without repeating the value.
func CheckKeyValue(v string) error {
	switch {
	case len(v) < MinKeyLength:
		return fmt.Errorf("is %d characters; API Gateway needs at least %d", len(v), MinKeyLength)
	case len(v) > MaxKeyLength:
		return fmt.Errorf("is %d characters; at most %d", len(v), MaxKeyLength)
	case strings.ContainsFunc(v, func(r rune) bool { return r <= ' ' || r > '~' }):
		return errors.New("has a space, control or non-ASCII character; use printable ASCII")
	}
	return nil
}

func (t Throttle) validate(field string) []error {
	var errs []error
	if t.RateLimit <= 0 || t.RateLimit > MaxRateLimit {
		errs = append(errs, fmt.Errorf("%s.RateLimit: %v is out of range; allowed: more than 0, at most %d requests/s",
			field, t.RateLimit, MaxRateLimit))
	}
	if t.BurstLimit < 1 || t.BurstLimit > MaxBurstLimit {
		errs = append(errs, fmt.Errorf("%s.BurstLimit: %d is out of range; allowed: 1 to %d", field, t.BurstLimit,
			MaxBurstLimit))
	} else if float64(t.BurstLimit) < t.RateLimit {
		errs = append(errs, fmt.Errorf("%s.BurstLimit: %d is below RateLimit %v; the bucket must hold at least one "+
			"second of requests", field, t.BurstLimit, t.RateLimit))
	}
	return errs
}

func (q Quota) validate(field string) []error {
	var errs []error
	if q.Limit < 1 {
		errs = append(errs, fmt.Errorf("%s.Limit: %d is out of range; allowed: at least 1 request per period", field, q.Limit))
	}
	if !slices.Contains(Periods, q.Period) {
		errs = append(errs, fmt.Errorf("%s.Period: %q is not allowed; allowed: %s", field, q.Period,
			strings.Join(Periods, ", ")))
	}
	switch {
	case q.Offset < 0 || (q.Limit > 0 && q.Offset >= q.Limit):
		errs = append(errs, fmt.Errorf("%s.Offset: %d is out of range; allowed: 0 to Limit-1", field, q.Offset))
	case q.Offset != 0 && q.Period == "DAY":
		errs = append(errs, fmt.Errorf("%s.Offset: a DAY quota takes no offset", field))
	}
	return errs
}
