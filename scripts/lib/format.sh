# Checks and applies the C++ style of .clang-format with clang-format 14. Sourced after common.sh.
# shellcheck shell=bash

# The files the style covers: every tracked one matching these (git ls-files pathspecs).
IRIS_FORMAT_GLOBS=('*.cpp' '*.hpp' '*.h')

# iris_clang_format_bin: prints the clang-format to use: IRIS_CLANG_FORMAT when set, else
# clang-format or clang-format-14. Only major version 14 counts: other versions break lines
# differently, so the same tree would pass on one machine and fail on the next.
iris_clang_format_bin() {
  local c v seen=""
  local -a candidates=(clang-format clang-format-14)
  if [[ -n "${IRIS_CLANG_FORMAT:-}" ]]; then
    candidates=("$IRIS_CLANG_FORMAT")
  fi
  for c in "${candidates[@]}"; do
    command -v "$c" >/dev/null 2>&1 || continue
    v="$("$c" --version 2>/dev/null)" || v=""
    if [[ "$v" =~ version\ ([0-9]+)\. && "${BASH_REMATCH[1]}" == 14 ]]; then
      printf '%s\n' "$c"
      return 0
    fi
    seen+="${seen:+; }$c (${v:-no version})"
  done
  if [[ -n "$seen" ]]; then
    iris_log "error: clang-format 14 is needed but found only $seen; install the Debian" \
      "package clang-format-14 or set IRIS_CLANG_FORMAT to a clang-format 14"
  elif [[ -n "${IRIS_CLANG_FORMAT:-}" ]]; then
    iris_log "error: IRIS_CLANG_FORMAT=$IRIS_CLANG_FORMAT is not an executable"
  else
    iris_log "error: clang-format is not installed; install the Debian package clang-format-14"
  fi
  return 1
}

# iris_format_files ARRAY: sets ARRAY to the tracked C++ files, relative to IRIS_ROOT. A file
# deleted in the work tree but still in the index is left out: clang-format would fail on it.
iris_format_files() {
  local -n iris_ff_out="$1"
  local f
  iris_ff_out=()
  # Checked first: a failing git inside the loop's process substitution would go unnoticed.
  if ! git -C "$IRIS_ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    iris_log "error: $IRIS_ROOT is not a git checkout: cannot list the tracked C++ files"
    return 1
  fi
  while IFS= read -r -d '' f; do
    if [[ -f "$IRIS_ROOT/$f" ]]; then iris_ff_out+=("$f"); fi
  done < <(git -C "$IRIS_ROOT" ls-files -z -- "${IRIS_FORMAT_GLOBS[@]}")
  return 0
}

# iris_format_preflight: prints the clang-format to use once .clang-format is known to exist.
# Without that file clang-format silently uses LLVM style and would "fix" every file into it.
iris_format_preflight() {
  if [[ ! -f "$IRIS_ROOT/.clang-format" ]]; then
    iris_log "error: $IRIS_ROOT/.clang-format is missing"
    return 1
  fi
  iris_clang_format_bin
}

# iris_check_format: returns 0 when every tracked C++ file is formatted as .clang-format says;
# otherwise lists the files that are not and the command that fixes them, and returns 1. One
# clang-format run over all files (--dry-run -Werror, one message per file), not one per file:
# about 2 s instead of 14 s for 250 files.
iris_check_format() {
  local cf out rc=0
  local -a files bad
  cf="$(iris_format_preflight)" || return 1
  iris_format_files files || return 1
  ((${#files[@]} > 0)) || return 0
  # --style=file: the same .clang-format lookup as the `clang-format -i` printed below.
  out="$(cd "$IRIS_ROOT" && "$cf" --style=file --dry-run -Werror --ferror-limit=1 -- \
    "${files[@]}" 2>&1)" || rc=$?
  ((rc != 0)) || return 0
  mapfile -t bad < <(printf '%s\n' "$out" |
    sed -n 's/^\(.*\):[0-9]*:[0-9]*: error: code should be clang-formatted.*/\1/p' | sort -u)
  if ((${#bad[@]} == 0)); then
    # No formatting verdict: a broken .clang-format, an unreadable file, a crash.
    iris_log "error: $cf failed (exit status $rc):"
    printf '%s\n' "$out" | awk -v max="${IRIS_LOG_TAIL_LINES:-25}" '!seen[$0]++ && n++ < max' |
      sed 's/^/    /' >&2
    return 1
  fi
  iris_log "error: ${#bad[@]} of ${#files[@]} C++ files are not formatted as .clang-format says:"
  printf '    %s\n' "${bad[@]}" >&2
  iris_log "to fix them, run in $IRIS_ROOT:"
  printf '    %q -i' "$cf" >&2
  printf ' %q' "${bad[@]}" >&2
  printf '\n' >&2
  return 1
}

# iris_format_tree: formats every tracked C++ file in place. For a whole-tree reformat (a new
# or changed .clang-format): commit its result on its own, apart from other changes.
iris_format_tree() {
  local cf
  local -a files
  cf="$(iris_format_preflight)" || return 1
  iris_format_files files || return 1
  ((${#files[@]} > 0)) || return 0
  iris_log "formatting ${#files[@]} C++ files under $IRIS_ROOT with $cf"
  if ! (cd "$IRIS_ROOT" && printf '%s\0' "${files[@]}" | xargs -0 "$cf" --style=file -i --); then
    iris_log "error: $cf -i failed"
    return 1
  fi
}
