package baseline

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// Setting is one policy's entry in a stack's policy config.
type Setting struct {
	// Level overrides the rule's default enforcement level when LevelSet.
	Level    policyx.EnforcementLevel
	LevelSet bool
	// Reason is the written justification a waiver must carry.
	Reason string
	// Properties are the rule's own config values (e.g. minimumDays).
	Properties map[string]any
}

// Config is a stack's policy config: policy name → setting.
type Config map[string]Setting

var levels = map[string]policyx.EnforcementLevel{
	"advisory": policyx.EnforcementLevelAdvisory, "mandatory": policyx.EnforcementLevelMandatory,
	"disabled": policyx.EnforcementLevelDisabled,
}

// LevelName is the config spelling of a level.
func LevelName(l policyx.EnforcementLevel) string {
	for name, v := range levels {
		if v == l {
			return name
		}
	}
	return fmt.Sprint(int32(l))
}

// LoadConfig reads a policy config file in the format `pulumi preview --policy-pack-config` takes. A missing file is
// an error wrapping os.ErrNotExist: whether that means "every rule at its default" is the caller's decision. Every
// problem is reported at once: unknown policies or properties, unknown levels, and waivers (a lowered level or a
// relaxed property) without a reason.
func LoadConfig(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("%s: not a JSON object: %w", path, err)
	}
	rules := map[string]Rule{}
	for _, r := range Rules() {
		rules[r.Name()] = r
	}
	names := make([]string, 0, len(raw))
	for n := range raw {
		names = append(names, n)
	}
	sort.Strings(names)
	cfg := Config{}
	var errs []error
	for _, name := range names {
		rule, known := rules[name]
		if !known {
			errs = append(errs, fmt.Errorf("%s: %q is not a policy of %s; see `go run . plan --list-policies`", path, name, PackName))
			continue
		}
		s, problems := parseSetting(raw[name], rule)
		for _, p := range problems {
			errs = append(errs, fmt.Errorf("%s: %s: %s", path, name, p))
		}
		cfg[name] = s
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return cfg, nil
}

func parseSetting(raw json.RawMessage, rule Rule) (Setting, []string) {
	var s Setting
	var problems []string
	var level string
	if err := json.Unmarshal(raw, &level); err == nil {
		raw = json.RawMessage(fmt.Sprintf(`{"enforcementLevel":%q}`, level))
	}
	var obj map[string]any
	if err := json.Unmarshal(raw, &obj); err != nil {
		return s, []string{"must be an enforcement level or an object"}
	}
	s.Properties = map[string]any{}
	for k, v := range obj {
		switch {
		case k == "enforcementLevel":
			l, ok := levels[fmt.Sprint(v)]
			if !ok {
				problems = append(problems, fmt.Sprintf("enforcementLevel %v is not allowed; allowed: advisory, mandatory, disabled", v))
				continue
			}
			s.Level, s.LevelSet = l, true
		case k == "reason":
			s.Reason, _ = v.(string)
		case rule.Config[k] != nil:
			s.Properties[k] = v
		default:
			allowed := []string{"enforcementLevel", "reason"}
			for p := range rule.Config {
				allowed = append(allowed, p)
			}
			slices.Sort(allowed)
			problems = append(problems, fmt.Sprintf("unknown property %q; allowed: %s", k, strings.Join(allowed, ", ")))
		}
	}
	if relaxed := s.Relaxations(rule); len(relaxed) > 0 && strings.TrimSpace(s.Reason) == "" {
		problems = append(problems, fmt.Sprintf(`%s: a waiver needs a written "reason"`, strings.Join(relaxed, "; ")))
	}
	return s, problems
}

// Relaxations says how s lowers or relaxes rule ("minimumDays 30 relaxes the default 365"), sorted; none means s
// only keeps or tightens it. Each one makes the setting a waiver, which needs a reason.
func (s Setting) Relaxations(rule Rule) []string {
	var out []string
	if s.LevelSet && s.Level != rule.level() && s.Level != policyx.EnforcementLevelMandatory {
		out = append(out, fmt.Sprintf("enforcementLevel %s lowers the default %s", LevelName(s.Level), LevelName(rule.level())))
	}
	for k, v := range s.Properties {
		if r := rule.relaxation(k, v); r != "" {
			out = append(out, r)
		}
	}
	slices.Sort(out)
	return out
}

// policyConfig is the setting as the CLI hands it to a policy: its properties and its reason.
func (s Setting) policyConfig() map[string]any {
	out := make(map[string]any, len(s.Properties)+1)
	for k, v := range s.Properties {
		out[k] = v
	}
	if s.Reason != "" {
		out["reason"] = s.Reason
	}
	return out
}
