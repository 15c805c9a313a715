//go:build integration

package tests

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// `make moto`'s script starts moto on loopback at MOTO_PORT, moto answers there, and SIGINT (Ctrl-C) stops it
// cleanly: exit 0 and the port closed.
func TestMakeMotoStartsMotoOnLoopbackAndStopsCleanly(t *testing.T) {
	if _, err := exec.LookPath("moto_server"); err != nil {
		if os.Getenv("REQUIRE_MOTO") != "" {
			t.Fatal("moto_server is not on PATH and REQUIRE_MOTO is set")
		}
		t.Skip("moto_server is not on PATH")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	port := l.Addr().(*net.TCPAddr).Port
	require.NoError(t, l.Close())

	cmd := exec.Command("bash", "../scripts/moto.sh")
	cmd.Env = append(os.Environ(), fmt.Sprintf("MOTO_PORT=%d", port))
	stdout, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	banner, err := bufio.NewReader(stdout).ReadString('\n')
	require.NoError(t, err)
	assert.Contains(t, banner, fmt.Sprintf("http://127.0.0.1:%d", port))

	endpoint := fmt.Sprintf("http://127.0.0.1:%d/moto-api/", port)
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get(endpoint)
		if err == nil {
			_ = resp.Body.Close()
			assert.Equal(t, http.StatusOK, resp.StatusCode, "moto answers")
			break
		}
		require.True(t, time.Now().Before(deadline), "moto did not answer on %s: %v", endpoint, err)
		time.Sleep(200 * time.Millisecond)
	}

	require.NoError(t, cmd.Process.Signal(syscall.SIGINT))
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		assert.NoError(t, err, "Ctrl-C exits 0")
	case <-time.After(20 * time.Second):
		t.Fatal("moto.sh did not stop on SIGINT")
	}
	_, err = net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
	assert.Error(t, err, "nothing listens on the port after the stop")
}

// The script refuses a MOTO_PORT that is not a port, before starting anything.
func TestMakeMotoRefusesABadPort(t *testing.T) {
	cmd := exec.Command("bash", "../scripts/moto.sh")
	cmd.Env = append(os.Environ(), "MOTO_PORT=0.0.0.0:5000")
	out, err := cmd.CombinedOutput()
	require.Error(t, err)
	assert.True(t, strings.Contains(string(out), `MOTO_PORT: "0.0.0.0:5000" is not a port number`), string(out))
}
