# The Debian 12 packages the build, the local system and the tests need, installed on demand.
# shellcheck shell=bash
# Sourced after common.sh.

# What compiling needs (also the build stage of deploy/*.Dockerfile) ...
IRIS_BUILD_PACKAGES=(
  cmake ninja-build ccache g++ pkg-config
  libpistache-dev libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto
  libpqxx-dev libhiredis-dev prometheus-cpp-dev libgtest-dev libgmock-dev libbenchmark-dev
  libsodium-dev libssl-dev nlohmann-json3-dev libspdlog-dev libcurl4-openssl-dev libabsl-dev zlib1g-dev
  libpoppler-cpp-dev
)
# ... and what running and testing locally adds: servers, load generator, promtool, npm, and
# the formatter scripts/test.sh checks the tree with (its version decides the layout).
IRIS_APT_PACKAGES=(
  "${IRIS_BUILD_PACKAGES[@]}"
  postgresql-15 postgresql-client-15 redis-server wrk prometheus
  nodejs npm curl ca-certificates clang-format-14 tzdata
)
# ... and what only scripts/test.sh adds: the browser that opens GET /docs and jq, which the
# commands of docs/getting-started.md use (tests/scripts/web_developer_test.sh runs both).
# shellcheck disable=SC2034  # read by scripts/test.sh
IRIS_TEST_PACKAGES=(chromium jq python3-jwt)

# A node >= 18 with npm from elsewhere (e.g. NodeSource, whose nodejs ships npm) is kept:
# Debian's npm package conflicts with it.
iris_have_node() {
  local v
  command -v npm >/dev/null 2>&1 || return 1
  v="$(node --version 2>/dev/null)" || return 1
  v="${v#v}"
  ((${v%%.*} >= 18))
}

# iris_missing_packages [EXTRA...]: those of IRIS_APT_PACKAGES and EXTRA not installed.
iris_missing_packages() {
  local p
  local -a wanted=("${IRIS_APT_PACKAGES[@]}" "$@")
  local -A installed=()
  # One dpkg-query for all: it prints the known ones and complains about the others.
  while read -r p; do installed[$p]=1; done < <(
    dpkg-query -W -f='${db:Status-Abbrev}${Package}\n' "${wanted[@]}" 2>/dev/null |
      sed -n 's/^ii  *//p'
  )
  for p in "${wanted[@]}"; do
    if [[ $p == nodejs || $p == npm ]] && iris_have_node; then
      continue
    fi
    [[ -n "${installed[$p]:-}" ]] || printf '%s\n' "$p"
  done
}

# iris_install_packages [EXTRA...]: installs whatever of IRIS_APT_PACKAGES and EXTRA is
# missing; touches apt only then. Without root it uses sudo.
iris_install_packages() {
  local missing sudo=()
  mapfile -t missing < <(iris_missing_packages "$@")
  ((${#missing[@]} > 0)) || return 0
  iris_log "installing missing packages: ${missing[*]}"
  if ((EUID != 0)); then
    command -v sudo >/dev/null 2>&1 ||
      iris_die "not root and no sudo: install these packages first: ${missing[*]}"
    sudo=(sudo)
  fi
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q ||
    iris_die "apt-get update failed"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null ||
    iris_die "apt-get install failed for: ${missing[*]}"
}
