// Package stackconfig reads a Pulumi project's config the way the Pulumi CLI hands it to a program, without the CLI:
// Pulumi.yaml (project name and config defaults) plus Pulumi.<stack>.yaml, flattened to the "namespace:key" → string
// map that pulumi.RunInfo.Config carries (objects and arrays as JSON). Secure values cannot be decrypted here and are
// never printed: each becomes the placeholder Redacted and its key is listed as secret.
package stackconfig

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// Redacted stands in for a secure value.
const Redacted = "[secret]"

// Stack is one stack's resolved config.
type Stack struct {
	Project    string
	Name       string
	Config     map[string]string
	SecretKeys []string
}

// Load reads root/Pulumi.yaml and root/Pulumi.<stack>.yaml.
func Load(root, stack string) (Stack, error) {
	var project struct {
		Name   string               `yaml:"name"`
		Config map[string]yaml.Node `yaml:"config"`
	}
	if err := readYAML(filepath.Join(root, "Pulumi.yaml"), &project); err != nil {
		return Stack{}, err
	}
	if project.Name == "" {
		return Stack{}, fmt.Errorf("%s: the project has no name", filepath.Join(root, "Pulumi.yaml"))
	}
	out := Stack{Project: project.Name, Name: stack, Config: map[string]string{}}
	for k, node := range project.Config {
		// Project-level config is either a plain value or {type, default|value, …}.
		var decl map[string]any
		if node.Kind == yaml.MappingNode && node.Decode(&decl) == nil {
			v, ok := decl["value"]
			if !ok {
				v, ok = decl["default"]
			}
			if !ok {
				continue
			}
			if err := out.set(qualify(project.Name, k), v); err != nil {
				return Stack{}, err
			}
			continue
		}
		var v any
		if err := node.Decode(&v); err != nil {
			return Stack{}, fmt.Errorf("Pulumi.yaml: config %s: %w", k, err)
		}
		if err := out.set(qualify(project.Name, k), v); err != nil {
			return Stack{}, err
		}
	}
	var stackFile struct {
		Config map[string]any `yaml:"config"`
	}
	path := filepath.Join(root, "Pulumi."+stack+".yaml")
	if err := readYAML(path, &stackFile); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return Stack{}, fmt.Errorf("stack %q: %s does not exist", stack, path)
		}
		return Stack{}, err
	}
	for k, v := range stackFile.Config {
		if err := out.set(qualify(project.Name, k), v); err != nil {
			return Stack{}, err
		}
	}
	sort.Strings(out.SecretKeys)
	return out, nil
}

func readYAML(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func qualify(project, key string) string {
	if strings.Contains(key, ":") {
		return key
	}
	return project + ":" + key
}

func (s *Stack) set(key string, v any) error {
	if m, ok := v.(map[string]any); ok && len(m) == 1 {
		if _, secure := m["secure"]; secure {
			s.Config[key] = Redacted
			s.SecretKeys = append(s.SecretKeys, key)
			return nil
		}
	}
	switch t := v.(type) {
	case string:
		s.Config[key] = t
	case nil:
		s.Config[key] = ""
	case map[string]any, []any:
		if containsSecure(t) {
			s.SecretKeys = append(s.SecretKeys, key)
		}
		b, err := json.Marshal(redactNested(t))
		if err != nil {
			return fmt.Errorf("config %s: %w", key, err)
		}
		s.Config[key] = string(b)
	default:
		s.Config[key] = fmt.Sprint(t)
	}
	return nil
}

func containsSecure(v any) bool {
	switch t := v.(type) {
	case map[string]any:
		if _, ok := t["secure"]; ok && len(t) == 1 {
			return true
		}
		for _, e := range t {
			if containsSecure(e) {
				return true
			}
		}
	case []any:
		for _, e := range t {
			if containsSecure(e) {
				return true
			}
		}
	}
	return false
}

// redactNested replaces {secure: …} leaves inside an object with Redacted.
func redactNested(v any) any {
	switch t := v.(type) {
	case map[string]any:
		if _, ok := t["secure"]; ok && len(t) == 1 {
			return Redacted
		}
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = redactNested(e)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = redactNested(e)
		}
		return out
	}
	return v
}
