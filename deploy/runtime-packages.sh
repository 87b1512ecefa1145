#!/usr/bin/env bash
# Prints the Debian packages that provide the shared libraries BINARY... load, one per line.
# The runtime stage of deploy/*.Dockerfile installs exactly these, so the image carries no
# hand-kept list that drifts from what the build links.
set -euo pipefail

(($# > 0)) || { echo "usage: $0 BINARY..." >&2; exit 2; }

owner() {  # owner PATH: the package shipping PATH, trying the /lib <-> /usr/lib twin (usrmerge)
  local path="$1" candidate
  for candidate in "$path" "$(readlink -f "$path")" "/usr$path" "${path#/usr}"; do
    if dpkg -S "$candidate" 2>/dev/null | head -n1 | cut -d: -f1; then return 0; fi
  done
  echo "runtime-packages: no Debian package ships $path" >&2
  return 1
}

for binary in "$@"; do
  if ldd "$binary" | grep -q 'not found'; then
    ldd "$binary" | grep 'not found' >&2
    exit 1
  fi
  ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// {print $3}' | while read -r lib; do
    owner "$lib"
  done
done | sort -u
