// Package motoserver runs moto_server, a real AWS emulator, on a free loopback port for one test. Only loopback,
// ever: the tests never talk to AWS.
package motoserver

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"testing"
	"time"
)

// Start runs stock moto_server for the test's lifetime and returns its endpoint. Without moto_server on PATH the
// test is skipped, unless REQUIRE_MOTO is set (CI sets it where moto is installed), which fails it.
func Start(t testing.TB) string {
	t.Helper()
	bin := lookPath(t)
	return start(t, func(port int) []string { return []string{bin, "-H", "127.0.0.1", "-p", fmt.Sprint(port)} })
}

// StartFixed runs moto as `make moto` does, with the fixes of scripts/moto_fixes.py (fixes is that file's path),
// under the python3 that has moto.
func StartFixed(t testing.TB, fixes string) string {
	t.Helper()
	lookPath(t)
	python := os.Getenv("MOTO_PYTHON")
	if python == "" {
		python = "python3"
	}
	return start(t, func(port int) []string { return []string{python, fixes, "-H", "127.0.0.1", "-p", fmt.Sprint(port)} })
}

func lookPath(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("moto_server")
	if err != nil {
		if os.Getenv("REQUIRE_MOTO") != "" {
			t.Fatal("moto_server is not on PATH and REQUIRE_MOTO is set")
		}
		t.Skip("moto_server is not on PATH: install moto (pip install 'moto[server]') to run this integration test")
	}
	return bin
}

func start(t testing.TB, command func(port int) []string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	argv := command(port)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...) //nolint:gosec // moto or python3, from the test itself
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); _ = cmd.Wait() })
	endpoint := fmt.Sprintf("http://127.0.0.1:%d", port)
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(endpoint + "/moto-api/")
		if err == nil {
			_ = resp.Body.Close() // only the status mattered
			return endpoint
		}
		if time.Now().After(deadline) {
			t.Fatalf("moto_server did not start: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
