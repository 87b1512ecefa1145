# Configures (once) and builds the CMake project with Ninja. Sourced after common.sh.
# shellcheck shell=bash

# IRIS_SANITIZE=address,undefined builds everything with those sanitizers, in its own build dir
# (build-sanitize) so the normal build stays untouched.
if [[ -n "${IRIS_SANITIZE:-}" ]]; then
  IRIS_BUILD_DIR="$(iris_abs "${IRIS_BUILD_DIR:-build-sanitize}")"
else
  IRIS_BUILD_DIR="$(iris_abs "${IRIS_BUILD_DIR:-build}")"
fi
export IRIS_BUILD_DIR

# iris_build TARGET...: ccache hits across checkouts need a common base dir and no cwd in the
# hash (TOOLCHAIN.md). Builds of one machine take turns on a lock: two ninjas in one build dir
# corrupt its state, and on 2 cores they only slow each other down.
iris_build() {
  export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$(dirname "$IRIS_ROOT")}" CCACHE_NOHASHDIR=1
  local lock="${IRIS_BUILD_LOCK:-/tmp/iris-build.lock}"
  (
    flock 8
    if [[ ! -f "$IRIS_BUILD_DIR/build.ninja" ]]; then
      iris_log "configuring $IRIS_BUILD_DIR"
      cmake -S "$IRIS_ROOT" -B "$IRIS_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DIRIS_SANITIZE="${IRIS_SANITIZE:-}"
    fi
    iris_log "building ${*} (-j${IRIS_JOBS:-2})"
    ninja -C "$IRIS_BUILD_DIR" -j"${IRIS_JOBS:-2}" "$@"
  ) 8>"$lock" 9>&- || iris_die "build failed (targets: $*)"
}
