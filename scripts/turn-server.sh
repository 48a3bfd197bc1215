#!/usr/bin/env bash
# Starts a TURN server (Debian's coturn) on 127.0.0.1 for trying TURN locally, in the foreground,
# with its pid file, user database and nothing else in a temporary folder that is removed when it
# stops (Ctrl-C). It prints the TURN_URLS and TURN_SECRET to export before starting the app.
# Loopback only and without TLS: for production see README "TURN".
#
#   scripts/turn-server.sh [--port 3478] [--secret <16+ characters>] [--realm idea-communicator.local]
#
# Without --secret a random one is generated. Install coturn with
# `bash scripts/install-system-deps.sh --with-tests` (or `apt-get install coturn`).
set -euo pipefail

port=3478
secret=""
realm="idea-communicator.local"
usage() { sed -n '7p' "$0" | sed 's/^#   //' >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="${2:-}"; shift 2 || usage ;;
    --secret) secret="${2:-}"; shift 2 || usage ;;
    --realm) realm="${2:-}"; shift 2 || usage ;;
    -h | --help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done

if ! [[ "$port" =~ ^[0-9]+$ ]] || [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
  echo "--port must be a number from 1 to 65535 (got '$port')." >&2
  exit 2
fi
if [ -z "$secret" ]; then
  secret="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
elif [ "${#secret}" -lt 16 ] || [[ "$secret" =~ [[:space:]] ]]; then
  echo "--secret must be at least 16 characters without spaces (TURN_SECRET needs 16+)." >&2
  exit 2
fi
if [[ ! "$realm" =~ ^[A-Za-z0-9.-]+$ ]]; then
  echo "--realm must be a domain-like name such as idea-communicator.local." >&2
  exit 2
fi
if ! command -v turnserver >/dev/null; then
  echo "turnserver not found. Install Debian's coturn: bash scripts/install-system-deps.sh --with-tests" >&2
  echo "(or: sudo apt-get install coturn)." >&2
  exit 1
fi

# coturn binds with SO_REUSEPORT, so a second one on a taken port starts without complaint and the
# two share the traffic: check first (a TURN server or anything else accepting TCP there).
if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  echo "Port $port on 127.0.0.1 is already in use (another TURN server?). Pick another with --port." >&2
  exit 1
fi

dir="$(mktemp -d "${TMPDIR:-/tmp}/idea-communicator-turn.XXXXXX")"
pid=""
stop() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

cat <<EOF
TURN server for local use on 127.0.0.1:$port (UDP and TCP). Start the app with:

  export TURN_URLS='turn:127.0.0.1:$port?transport=udp,turn:127.0.0.1:$port?transport=tcp'
  export TURN_SECRET='$secret'

Ctrl-C stops it.
EOF

# -n: no configuration file (never /etc/turnserver.conf); everything is on this command line.
# --allow-loopback-peers: the media server is on 127.0.0.1 as well. stdbuf: log lines as they come.
stdbuf -oL turnserver -n \
  --listening-ip=127.0.0.1 --relay-ip=127.0.0.1 --listening-port="$port" \
  --allow-loopback-peers \
  --use-auth-secret --static-auth-secret="$secret" --realm="$realm" \
  --no-tls --no-dtls --no-cli \
  --pidfile="$dir/turnserver.pid" --userdb="$dir/turndb" --log-file=stdout --simple-log &
pid=$!
wait "$pid"
