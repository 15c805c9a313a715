package e2e

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"
)

// stackConfig is dir's own Pulumi.<stack>.yaml config (none: the region only) with the local stack's aws:* keys.
func stackConfig(dir, stack string, local map[string]any) (map[string]any, error) {
	cfg := map[string]any{}
	raw, err := os.ReadFile(filepath.Join(dir, "Pulumi."+stack+".yaml"))
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		var doc struct {
			Config map[string]any `yaml:"config"`
		}
		if err := yaml.Unmarshal(raw, &doc); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, "Pulumi."+stack+".yaml"), err)
		}
		cfg = doc.Config
		if cfg == nil {
			cfg = map[string]any{}
		}
	}
	for k, v := range local {
		if k == "aws:region" {
			if _, own := cfg[k]; own {
				continue
			}
		}
		if strings.HasPrefix(k, "aws:") {
			cfg[k] = v
		}
	}
	return cfg, nil
}

// localAWSConfig is Pulumi.local.yaml's config with every endpoint moved from port 5000 to port.
func localAWSConfig(root string, port int) (map[string]any, error) {
	raw, err := os.ReadFile(filepath.Join(root, "Pulumi.local.yaml"))
	if err != nil {
		return nil, err
	}
	var doc struct {
		Config map[string]any `yaml:"config"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("Pulumi.local.yaml: %w", err)
	}
	endpoints, _ := doc.Config["aws:endpoints"].([]any)
	for _, e := range endpoints {
		m, _ := e.(map[string]any)
		for svc, url := range m {
			if s, ok := url.(string); ok {
				m[svc] = strings.Replace(s, "127.0.0.1:5000", fmt.Sprintf("127.0.0.1:%d", port), 1)
			}
		}
	}
	return doc.Config, nil
}

func writeConfig(path string, cfg map[string]any) error {
	b, err := yaml.Marshal(map[string]any{"config": cfg})
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o600)
}

func projectName(dir string) (string, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "Pulumi.yaml"))
	if err != nil {
		return "", err
	}
	var doc struct {
		Name string `yaml:"name"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return "", err
	}
	return doc.Name, nil
}
