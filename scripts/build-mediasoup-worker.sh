#!/usr/bin/env bash
# Builds mediasoup's C++ worker from the npm tarball against Debian's system libraries and
# caches the binary outside the checkout, keyed by mediasoup version and a hash of this recipe.
# Prints the absolute path of the cached binary on stdout (progress goes to stderr).
#
# Why: mediasoup's own install downloads a prebuilt worker from GitHub, or builds one with meson
# subprojects fetched from GitHub/wrapdb. Where those hosts are unreachable, this recipe replaces
# every subproject with a stand-in that points meson at the Debian package instead (shims/), and
# applies one fix (dtls-ktls.patch) needed with Debian's kTLS-enabled OpenSSL.
#
# Env: MEDIASOUP_VERSION (default: the version package.json pins), IC_CACHE_DIR (default
# ~/.cache/idea-communicator), IC_WORKER_LIBURING=0 to compile io_uring support out.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
recipe="$here/mediasoup-worker"
log() { printf '\033[1;34m[worker]\033[0m %s\n' "$*" >&2; }

version=${MEDIASOUP_VERSION:-$(node -p "require('$root/package.json').dependencies.mediasoup")}
if ! [[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
  echo "mediasoup must be pinned to an exact version in package.json (found '$version')" >&2
  exit 1
fi
recipe_hash=$( (cat "$0"; find "$recipe" -type f | LC_ALL=C sort | xargs cat; echo "${IC_WORKER_LIBURING:-1}") \
  | sha256sum | cut -c1-12)
cache_root=${IC_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/idea-communicator}
dest="$cache_root/mediasoup-worker/$version-$recipe_hash"
bin="$dest/mediasoup-worker"

if [ -x "$bin" ]; then
  log "using cached worker $bin"
  echo "$bin"
  exit 0
fi

mkdir -p "$cache_root/mediasoup-worker"
exec 9>"$cache_root/mediasoup-worker/.build.lock"
if ! flock -n 9; then
  log "another build is running; waiting for it"
  flock 9
fi
if [ -x "$bin" ]; then echo "$bin"; exit 0; fi

for tool in meson ninja flatc pkg-config g++; do
  command -v "$tool" >/dev/null || { echo "missing '$tool': run scripts/install-system-deps.sh first" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/mediasoup-worker-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
start=$(date +%s)

log "1/5 fetching mediasoup@$version from the npm registry"
(cd "$work" && npm pack "mediasoup@$version" --silent >/dev/null)
tar xzf "$work/mediasoup-$version.tgz" -C "$work"
src="$work/package/worker"

log "2/5 replacing meson subprojects with Debian package stand-ins"
for wrap in "$src"/subprojects/*.wrap; do
  name=$(basename "$wrap" .wrap)
  [ "$name" = wingetopt ] && continue # Windows only
  dir=$(awk -F' *= *' '$1=="directory"{print $2}' "$wrap")
  [ -d "$recipe/shims/$name" ] || { echo "no stand-in for subproject '$name' (mediasoup $version)" >&2; exit 1; }
  rm -rf "${src:?}/subprojects/$dir"
  cp -r "$recipe/shims/$name" "$src/subprojects/$dir"
done

log "3/5 applying dtls-ktls.patch"
if ! patch -d "$work/package" -p1 --forward --quiet <"$recipe/dtls-ktls.patch"; then
  echo "dtls-ktls.patch no longer applies to mediasoup $version: review it before building" >&2
  exit 1
fi

log "4/5 configuring (meson)"
uring_opt=()
[ "${IC_WORKER_LIBURING:-1}" = 0 ] && uring_opt=(-Dms_disable_liburing=true)
(cd "$src" && meson setup build --buildtype release -Db_ndebug=true -Db_pie=true -Db_staticpic=true \
  --wrap-mode=nodownload "${uring_opt[@]}" >"$work/meson.log" 2>&1) || {
  tail -40 "$work/meson.log" >&2; exit 1; }

log "5/5 compiling (a few minutes on 2 cores; ninja shows [done/total])"
# Generate the flatbuffers headers first: a parallel build otherwise races on FBS/*.h.
meson compile -C "$src/build" flatbuffers-generator >&2
ninja -C "$src/build" mediasoup-worker >&2

mkdir -p "$dest"
install -m 0755 "$src/build/mediasoup-worker" "$bin.tmp"
mv "$bin.tmp" "$bin"
if ldd "$bin" | grep -q "not found"; then
  ldd "$bin" >&2
  echo "built worker is missing shared libraries" >&2
  exit 1
fi
log "built in $(($(date +%s) - start))s, cached at $bin"
echo "$bin"
