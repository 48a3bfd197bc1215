#!/usr/bin/env bash
# Makes this checkout runnable, installing only what is missing:
#   1. the mediasoup media worker (built from source against Debian packages and cached in
#      ~/.cache/idea-communicator, unless MEDIASOUP_WORKER_BIN points at one or this is not a
#      Debian-like system, where mediasoup's own install fetches its prebuilt worker);
#   2. npm dependencies (npm ci) when package-lock.json changed;
#   3. the production web build (next build --webpack) when the sources changed.
# Flags: --no-build (skip 3), --with-tests (also install Chromium for the browser tests).
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
sys_flags=()
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    --with-tests) sys_flags+=(--with-tests) ;;
    *) echo "unknown flag $arg" >&2; exit 2 ;;
  esac
done
log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
linked_worker=node_modules/mediasoup/worker/out/Release/mediasoup-worker

# 1. System packages and the media worker.
if [ -n "${MEDIASOUP_WORKER_BIN:-}" ]; then
  log "using MEDIASOUP_WORKER_BIN=$MEDIASOUP_WORKER_BIN"
elif command -v apt-get >/dev/null && [ "$(uname -s)" = Linux ]; then
  bash scripts/install-system-deps.sh "${sys_flags[@]}"
  MEDIASOUP_WORKER_BIN=$(bash scripts/build-mediasoup-worker.sh)
  export MEDIASOUP_WORKER_BIN
else
  log "not a Debian-like system: mediasoup's install will fetch its prebuilt worker"
fi

# 2. npm dependencies.
stamp=node_modules/.idea-communicator-lock
lock_hash=$(sha256sum package-lock.json | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  log "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund
  echo "$lock_hash" >"$stamp"
elif [ -n "${MEDIASOUP_WORKER_BIN:-}" ] && [ "$(readlink -f "$linked_worker" 2>/dev/null)" != "$(readlink -f "$MEDIASOUP_WORKER_BIN")" ]; then
  node scripts/link-worker.mjs
else
  log "npm dependencies: up to date"
fi

# 3. Production build of the web app. Webpack, not turbopack: its chunking keeps the meeting page's
#    first-visit JavaScript about 80 KB (gzip) lighter here (bench/pageWeight.ts measures both).
next_build="next build --webpack"
if [ $build -eq 1 ]; then
  src_hash=$( (find app components lib public -type f 2>/dev/null | LC_ALL=C sort | xargs sha256sum;
    sha256sum package-lock.json next.config.js postcss.config.mjs tsconfig.json; echo "$next_build") | sha256sum | cut -c1-16)
  if [ ! -f .next/BUILD_ID ] || [ "$(cat .next/.source-hash 2>/dev/null)" != "$src_hash" ]; then
    log "building the web app ($next_build)"
    npx $next_build
    echo "$src_hash" >.next/.source-hash
  else
    log "web build: up to date"
  fi
fi
