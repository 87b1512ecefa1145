#!/usr/bin/env bash
# Formats every tracked C++ file with clang-format 14 and the repository's .clang-format (the
# check scripts/test.sh runs). `scripts/format.sh --check` only lists what is not formatted.
set -euo pipefail

here="$(dirname "${BASH_SOURCE[0]}")"
source "$here/lib/common.sh"
source "$here/lib/format.sh"

case "${1:-}" in
  "") iris_format_tree ;;
  --check) iris_check_format ;;
  -h | --help) sed -n '2,3s/^# \{0,1\}//p' "$0" ;;
  *) iris_die "unknown argument '$1' (try --check or --help)" ;;
esac
