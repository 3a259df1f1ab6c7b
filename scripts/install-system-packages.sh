#!/usr/bin/env bash
# Installs the Debian packages some tests drive (tmux for the interactive console test, Chromium for
# the web UI test) when they are missing. Idempotent; needs root (as on CI and developer machines).
set -u
missing=()
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
fi
exit 0
