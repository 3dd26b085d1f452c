#!/usr/bin/env bash
# pre-commit from PyPI, for the pre-commit hooks' tests (tests/it/integrations.rs).
# The tests run it as `python3 -m pre_commit`, so it needs no PATH entry: it goes
# into python3's user site (or the active virtualenv), pinned, quietly.
set -euo pipefail
version=4.7.0

if python3 -m pre_commit --version >/dev/null 2>&1; then
  echo "pre-commit: $(python3 -m pre_commit --version) (already installed)"
  exit 0
fi
if ! python3 -m pip --version >/dev/null 2>&1; then
  sudo_if() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if apt-get install -y -qq --no-install-recommends python3-pip >/dev/null
fi
# --user outside a virtualenv (pip refuses it inside one).
user=(--user)
if python3 -c 'import sys; sys.exit(sys.prefix == sys.base_prefix)'; then user=(); fi
pip=(python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location "${user[@]}" "pre-commit==$version")
# A system Python that refuses installs (PEP 668) is asked again: --user only
# writes to ~/.local, which the system's packages do not use.
if ! log=$("${pip[@]}" 2>&1); then
  if grep -q externally-managed-environment <<<"$log"; then
    "${pip[@]}" --break-system-packages
  else
    printf '%s\n' "$log" >&2
    exit 1
  fi
fi
echo "pre-commit: $(python3 -m pre_commit --version) (installed)"
