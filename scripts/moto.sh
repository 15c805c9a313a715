#!/usr/bin/env bash
# `make moto`: moto_server (a real AWS emulator) for the local stack, on loopback only, port MOTO_PORT (default 5000).
# Ctrl-C, or SIGTERM, stops it and exits 0.
set -euo pipefail
port="${MOTO_PORT:-5000}"
if ! [[ "$port" =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then
  echo "MOTO_PORT: \"$port\" is not a port number (1 to 65535)" >&2
  exit 2
fi
if ! command -v moto_server >/dev/null 2>&1; then
  echo "moto_server is not on PATH: install moto (pip install 'moto[server]')" >&2
  exit 1
fi
# Only 127.0.0.1: moto accepts any credentials, so it must never listen beyond this machine.
moto_server -H 127.0.0.1 -p "$port" &
pid=$!
# A background job of a non-interactive shell ignores SIGINT, so moto is stopped with SIGTERM.
stop() {
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "moto_server stopped"
  exit 0
}
trap stop INT TERM
echo "moto_server on http://127.0.0.1:$port (Ctrl-C stops it); the local stack's endpoints name port 5000"
wait "$pid"
