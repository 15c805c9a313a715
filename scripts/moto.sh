#!/usr/bin/env bash
# `make moto`: moto_server (a real AWS emulator) for the local stack, on loopback only, port MOTO_PORT (default 5000),
# with the small fixes in scripts/moto_fixes.py (each named there). Ctrl-C, or SIGTERM, stops it and
# exits 0. MOTO_PYTHON is the Python that has moto installed (default: python3, else moto_server's own).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${MOTO_PORT:-5000}"
if ! [[ "$port" =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then
  echo "MOTO_PORT: \"$port\" is not a port number (1 to 65535)" >&2
  exit 2
fi
if ! command -v moto_server >/dev/null 2>&1; then
  echo "moto_server is not on PATH: install moto (pip install 'moto[server]')" >&2
  exit 1
fi
python="${MOTO_PYTHON:-}"
if [[ -z "$python" ]]; then
  python=python3
  if ! python3 -c 'import moto.server' >/dev/null 2>&1; then
    # pipx and virtualenvs: the interpreter named on moto_server's first line has moto.
    python="$(head -n1 "$(command -v moto_server)" | sed -n 's/^#! *//p' | awk '{print $1}')"
  fi
fi
if ! "$python" -c 'import moto.server' >/dev/null 2>&1; then
  echo "no Python with moto found (tried ${python:-python3}): set MOTO_PYTHON to the interpreter moto is installed in" >&2
  exit 1
fi
# AWS has its managed policies (the API Gateway CloudWatch role attaches one); moto loads them only when asked. ACM
# issues a DNS-validated certificate once its record exists; moto issues one after MOTO_ACM_VALIDATION_WAIT seconds.
export MOTO_IAM_LOAD_MANAGED_POLICIES="${MOTO_IAM_LOAD_MANAGED_POLICIES:-true}"
export MOTO_ACM_VALIDATION_WAIT="${MOTO_ACM_VALIDATION_WAIT:-1}"
# Only 127.0.0.1: moto accepts any credentials, so it must never listen beyond this machine.
"$python" "$here/moto_fixes.py" -H 127.0.0.1 -p "$port" &
pid=$!
# A background job of a non-interactive shell ignores SIGINT, so moto is stopped with SIGTERM.
stop() {
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  echo "moto_server stopped"
  exit 0
}
trap stop INT TERM
echo "moto_server on http://127.0.0.1:$port (Ctrl-C stops it), with fixes: $("$python" "$here/moto_fixes.py" --list-fixes | paste -sd, | sed 's/,/, /g'); the local stack's endpoints name port 5000"
wait "$pid"
