#!/usr/bin/env bash
# The GitHub Action's steps (action.yml at the repository root calls them), so
# that they run, and are tested, outside GitHub too (tests/it/integrations.rs).
#
#   run.sh source    which journeymap source to install, and its cache key
#   run.sh install   cargo install it (unless the cache restored it), onto the PATH
#   run.sh check     journeymap check --message-format github, then build --check
#
# Inputs come from the environment: INPUT_PATHS, INPUT_ARGS, INPUT_BUILD_CHECK,
# INPUT_VERSION, as action.yml sets them (never spliced into the script's text).
# GitHub's own variables: GITHUB_ACTION_PATH, GITHUB_OUTPUT, GITHUB_PATH,
# GITHUB_SERVER_URL, RUNNER_TEMP; ACTION_REPOSITORY is `github.action_repository`.
set -euo pipefail

# Where `install` puts journeymap (cargo install --root) and the cache keeps it.
root="${JOURNEYMAP_ROOT:-$HOME/.journeymap}"

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum; else shasum -a 256; fi
}

# A hash of what goes into the binary: the manifest, the lock file, the sources
# and the built-in templates (docs and tests do not change it).
source_hash() {
  (
    cd "$1"
    for part in Cargo.toml Cargo.lock src templates; do
      if [ -e "$part" ]; then find "$part" -type f; fi
    done | LC_ALL=C sort |
      while IFS= read -r f; do
        printf '%s\n' "$f"
        sha256 <"$f"
      done
  ) | sha256 | cut -c1-16
}

# owner/name of the action's repository: GitHub's context when it gives one (it
# may be empty inside a composite action), else the runner's layout
# `_actions/OWNER/NAME/REF` of the action's checkout.
action_repository() {
  if [ -n "${ACTION_REPOSITORY:-}" ]; then
    printf '%s\n' "$ACTION_REPOSITORY"
    return
  fi
  local name_dir owner_dir
  name_dir=$(dirname "${GITHUB_ACTION_PATH:?}")
  owner_dir=$(dirname "$name_dir")
  [ "$(basename "$(dirname "$owner_dir")")" = _actions ] || return 1
  printf '%s/%s\n' "$(basename "$owner_dir")" "$(basename "$name_dir")"
}

# A workflow command's message: `%`, CR and LF escaped as GitHub reads them.
escape() {
  local s="${1//%/%25}"
  s="${s//$'\r'/%0D}"
  printf '%s' "${s//$'\n'/%0A}"
}

cmd_source() {
  local src version="${INPUT_VERSION:-}"
  if [ -z "$version" ]; then
    # The action's own checkout: the ref given in `uses: …@REF`.
    src="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
  else
    local url="${JOURNEYMAP_REPOSITORY:-}"
    if [ -z "$url" ]; then
      local repo
      repo=$(action_repository) || {
        echo "::error title=journeymap::cannot tell which repository to fetch version \`$(escape "$version")\` from; leave \`version\` empty to install the action's own ref"
        exit 2
      }
      url="${GITHUB_SERVER_URL:-https://github.com}/$repo"
    fi
    src="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/journeymap-src"
    rm -rf "$src"
    git init -q "$src"
    if ! git -C "$src" fetch -q --depth 1 "$url" "$version"; then
      echo "::error title=journeymap::cannot fetch \`$(escape "$version")\` from $(escape "$url") (version is a tag, branch or commit of journeymap's repository)"
      exit 2
    fi
    git -C "$src" -c advice.detachedHead=false checkout -q FETCH_HEAD
  fi
  [ -f "$src/Cargo.toml" ] || {
    echo "::error title=journeymap::$(escape "$src") holds no Cargo.toml: is it journeymap's repository?"
    exit 2
  }
  local key
  key=$(source_hash "$src")
  local what="the action's own ref"
  [ -z "$version" ] || what="version $version"
  echo "journeymap source: $what ($src), key $key"
  {
    echo "src=$src"
    echo "key=$key"
    echo "root=$root"
  } >>"${GITHUB_OUTPUT:-/dev/null}"
}

cmd_install() {
  local src="${JOURNEYMAP_SRC:?is not set (an output of run.sh source)}"
  local key="${JOURNEYMAP_KEY:?is not set (an output of run.sh source)}"
  if [ -x "$root/bin/journeymap" ] && [ "$(cat "$root/key" 2>/dev/null)" = "$key" ]; then
    echo "journeymap from the cache ($root, key $key)"
  else
    command -v cargo >/dev/null 2>&1 || {
      echo "::error title=journeymap::cargo is not installed: add a Rust toolchain step (e.g. dtolnay/rust-toolchain@stable) before this action"
      exit 2
    }
    cargo install --locked --root "$root" --path "$src"
    printf '%s\n' "$key" >"$root/key"
  fi
  echo "$root/bin" >>"${GITHUB_PATH:-/dev/null}"
  "$root/bin/journeymap" --version
}

# Run journeymap with its output on stdout, each annotation's file without a
# leading `./` (a path `.` gives `./journeys/a.yaml`; GitHub matches the file
# to the pull request's `journeys/a.yaml` only without it), copied to $log.
annotated() {
  set +e
  "$@" 2>&1 | sed -E 's#^(::[a-z]+ file=)(\./)+#\1#' | tee "$log"
  local status=${PIPESTATUS[0]}
  set -e
  return "$status"
}

cmd_check() {
  # Words separated by spaces or newlines (no quoting, no globs: journeymap
  # searches folders itself).
  local -a paths args build
  read -r -d '' -a paths <<<"${INPUT_PATHS:-.}" || true
  read -r -d '' -a args <<<"${INPUT_ARGS:-}" || true
  read -r -d '' -a build <<<"${INPUT_BUILD_CHECK:-}" || true
  [ ${#paths[@]} -gt 0 ] || paths=(.)
  log=$(mktemp)
  trap 'rm -f "$log"' EXIT

  local status=0
  annotated journeymap check --message-format github ${args[@]+"${args[@]}"} "${paths[@]}" || status=$?
  [ ${#build[@]} -gt 0 ] || exit "$status"
  if [ "$status" -ne 0 ]; then
    # build --check would report the same errors again, as duplicate annotations.
    echo "::notice title=journeymap build --check::skipped: fix the errors that check reported first"
    exit "$status"
  fi
  # Warnings were annotated by check already (-A warnings does not change the
  # outputs); errors of specs that check did not see still are.
  annotated journeymap build --check --message-format github -A warnings "${build[@]}" || status=$?
  if [ "$status" -eq 1 ] && ! grep -q '^::error file=' "$log"; then
    echo "::error title=journeymap build --check::the committed outputs are out of date: run \`journeymap build $(escape "${build[*]}")\` and commit them"
  fi
  exit "$status"
}

case "${1:-}" in
source) cmd_source ;;
install) cmd_install ;;
check) cmd_check ;;
*)
  echo "usage: $0 source|install|check" >&2
  exit 2
  ;;
esac
