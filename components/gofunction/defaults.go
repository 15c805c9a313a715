package gofunction

import (
	"os"
	"path/filepath"
)

// Defaults applied by New; each Args field documents its own.
const (
	DefaultArchitecture     = "arm64" // Graviton: cheaper per GB-second, and what CDK's GoFunction defaults to.
	DefaultMemoryMB         = 256
	DefaultTimeoutSeconds   = 10
	DefaultLogRetentionDays = 365
	DefaultLogLevel         = "INFO"
	Runtime                 = "provided.al2023"
)

// DefaultCacheDir is where built zips are kept between runs: the user cache directory, or the temp directory when
// there is none.
func DefaultCacheDir() string {
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	return filepath.Join(base, "secure-apigw", "gofunction")
}

func (a *Args) withDefaults() Args {
	out := *a
	if out.Architecture == "" {
		out.Architecture = DefaultArchitecture
	}
	if out.MemoryMB == 0 {
		out.MemoryMB = DefaultMemoryMB
	}
	if out.TimeoutSeconds == 0 {
		out.TimeoutSeconds = DefaultTimeoutSeconds
	}
	if out.LogRetentionDays == 0 {
		out.LogRetentionDays = DefaultLogRetentionDays
	}
	if out.LogLevel == "" {
		out.LogLevel = DefaultLogLevel
	}
	if out.BuildCacheDir == "" {
		out.BuildCacheDir = DefaultCacheDir()
	}
	return out
}
