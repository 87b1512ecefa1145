# npm packages of one directory, installed as its package-lock.json pins them. Sourced after
# common.sh.
# shellcheck shell=bash

# iris_npm_ci DIR: `npm ci` in DIR, skipped when DIR/package-lock.json has the hash noted after
# the last install that succeeded (DIR/node_modules/.iris-lock.sha256). Installs into one
# directory take turns on a lock: run.sh and a test that starts run.sh may install together.
# Install scripts are not run: none of our packages needs one, and swagger-ui-dist's telemetry
# dependency (@scarf/scarf) would try to report the install.
iris_npm_ci() {
  local dir="$1" sum
  sum="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)" || return 1
  (
    flock 8
    stamp="$dir/node_modules/.iris-lock.sha256"
    [[ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]] || exit 0
    iris_log "installing npm packages in $dir (npm ci)"
    (cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error </dev/null) || exit 1
    printf '%s\n' "$sum" >"$stamp"
  ) 8>"/tmp/iris-npm-$(printf '%s' "$dir" | sha256sum | cut -c1-16).lock" 9>&-
}
