package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"
)

// Moto is moto_server as `make moto` runs it, on a free loopback port, its request log in a file.
type Moto struct {
	Port int
	URL  string
	cmd  *exec.Cmd
	log  string
}

// StartMoto runs scripts/moto.sh on a free loopback port and waits until moto answers.
func StartMoto(ctx context.Context, root, logFile string) (*Moto, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	if err := l.Close(); err != nil {
		return nil, err
	}
	f, err := os.Create(logFile) //nolint:gosec // the run's own log file
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, "bash", filepath.Join(root, "scripts", "moto.sh")) //nolint:gosec // the project's own script
	cmd.Env = append(os.Environ(), fmt.Sprintf("MOTO_PORT=%d", port))
	cmd.Stdout, cmd.Stderr = f, f // werkzeug logs every request to stderr
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	m := &Moto{Port: port, URL: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd, log: logFile}
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(m.URL + "/moto-api/") //nolint:gosec,noctx // loopback, a readiness probe
		if err == nil {
			_ = resp.Body.Close()
			return m, nil
		}
		if time.Now().After(deadline) {
			m.Stop()
			return nil, fmt.Errorf("moto did not answer on %s within a minute (log: %s)", m.URL, logFile)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// Stop ends moto (moto.sh stops moto_server on SIGTERM).
func (m *Moto) Stop() {
	_ = m.cmd.Process.Signal(syscall.SIGTERM)
	_ = m.cmd.Wait()
}

// Lines is how many lines moto's log has now.
func (m *Moto) Lines() int {
	b, _ := os.ReadFile(m.log)
	return bytes.Count(b, []byte("\n"))
}

// LogSince returns the log's lines after the first n.
func (m *Moto) LogSince(n int) string {
	b, _ := os.ReadFile(m.log)
	lines := strings.SplitAfter(string(b), "\n")
	if n > len(lines) {
		return ""
	}
	return strings.Join(lines[n:], "")
}

// apiGatewayPaths are the REST paths of API Gateway's control plane (v1), the first segment after the host.
var apiGatewayPaths = []string{"/restapis", "/usageplans", "/apikeys", "/domainnames", "/domainname-access-associations",
	"/vpclinks", "/account", "/clientcertificates", "/tags/arn:aws:apigateway:"}

// requestLine is one request in moto's (werkzeug's) log: `127.0.0.1 - - [date] "PATCH /restapis/x HTTP/1.1" 200 -`.
var requestLine = regexp.MustCompile(`"(POST|PUT|PATCH|DELETE) (/[^ ?"]*)[^"]*" (\d{3})`)

// APIGatewayWrites counts the API Gateway control-plane write calls in a stretch of moto's request log: the calls
// AWS throttles at about 10 per second per account, which the OpenAPI document keeps constant at any route count.
func APIGatewayWrites(log string) int {
	n := 0
	for _, m := range requestLine.FindAllStringSubmatch(log, -1) {
		path, _ := url.PathUnescape(m[2])
		for _, p := range apiGatewayPaths {
			if path == p || strings.HasPrefix(path, p+"/") || strings.HasPrefix(path, p) && strings.HasSuffix(p, ":") {
				n++
				break
			}
		}
	}
	return n
}
