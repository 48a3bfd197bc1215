#!/usr/bin/env bash
# Installs the Debian packages Idea Communicator needs: the toolchain and libraries for
# building mediasoup's worker from source, its runtime libraries (and ffmpeg with a font for
# server-side recording), and for the tests Chromium
# (browser tests), PostgreSQL (the database tests start a throwaway server from its binaries) and
# coturn (the TURN tests and scripts/turn-server.sh start their own turnserver).
# Safe to run repeatedly: it only installs what is missing.
#
#   scripts/install-system-deps.sh               runtime + worker build packages
#   scripts/install-system-deps.sh --with-tests  also Chromium, PostgreSQL and coturn for the tests
set -euo pipefail

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

BUILD_PKGS=(build-essential pkg-config python3 libuv1-dev libssl-dev libsrtp2-dev libusrsctp-dev
  libabsl-dev libflatbuffers-dev flatbuffers-compiler liburing-dev catch2 ninja-build)
RUNTIME_PKGS=(libuv1 libssl3 libsrtp2-1 libnss3 libnspr4 libusrsctp2 libabsl20220623 liburing2
  ffmpeg fonts-dejavu-core)
TEST_PKGS=(chromium fonts-dejavu-core postgresql coturn iproute2)

want=("${RUNTIME_PKGS[@]}" "${BUILD_PKGS[@]}")
[ "${1:-}" = "--with-tests" ] && want+=("${TEST_PKGS[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
need_meson=0
# mediasoup needs meson >= 1.1; Debian 12 ships 1.0.1, bookworm-backports has a newer one.
if ! command -v meson >/dev/null || ! meson --version | awk -F. '{exit !($1>1 || ($1==1 && $2>=1))}'; then
  need_meson=1
fi

if [ ${#missing[@]} -eq 0 ] && [ $need_meson -eq 0 ]; then
  log "system packages: all present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "Missing system packages (${missing[*]}) and not root. Run this script as root or install them yourself." >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive

if [ $need_meson -eq 1 ]; then
  src=/etc/apt/sources.list.d/debian.sources
  bp=/etc/apt/sources.list.d/idea-communicator-backports.sources
  if [ ! -f "$bp" ]; then
    uri=$(awk '/^URIs:/{print $2; exit}' "$src" 2>/dev/null || true)
    keyring=$(awk '/^Signed-By:/{print $2; exit}' "$src" 2>/dev/null || true)
    uri=${uri:-http://deb.debian.org/debian}
    keyring=${keyring:-/usr/share/keyrings/debian-archive-keyring.gpg}
    log "adding bookworm-backports ($uri) for meson >= 1.1"
    printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: %s\n' \
      "$uri" "$keyring" | $SUDO tee "$bp" >/dev/null
  fi
fi

log "apt-get update"
$SUDO apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  log "installing: ${missing[*]}"
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# Debian's coturn enables a system turnserver on port 3478. Under systemd its unit starts at once
# (whatever /etc/default/coturn says); without systemd the init script starts it only with
# TURNSERVER_ENABLED=1 in /etc/default/coturn, which the package leaves unset. Nothing here needs
# that service (the tests and scripts/turn-server.sh start their own turnserver), so a coturn this
# script installed is stopped and disabled at once. A coturn installed before is left alone.
if [[ " ${missing[*]} " == *" coturn "* ]] && [ -d /run/systemd/system ]; then
  log "stopping and disabling the coturn system service (not needed; see scripts/turn-server.sh)"
  $SUDO systemctl disable --now coturn.service >/dev/null 2>&1 || true
fi
if [ $need_meson -eq 1 ]; then
  log "installing meson from bookworm-backports"
  $SUDO apt-get install -y -qq --no-install-recommends -t bookworm-backports meson
fi
log "system packages: done"
