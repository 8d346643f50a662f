#!/usr/bin/env bash
# Runs every spoe4j test on a fresh machine that has JDK 17+ and Maven.
# Installs what the tests need first: Debian's HAProxy, the real peer of the interoperability tests.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v haproxy >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != "0" ]; then
      command -v sudo >/dev/null 2>&1 || { echo "haproxy is missing and installing it needs root (or sudo)" >&2; exit 1; }
      SUDO="sudo"
    fi
    echo "== installing haproxy (needed by the interoperability tests)"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq haproxy >/dev/null
  else
    echo "haproxy is missing and this is not a Debian/Ubuntu machine: install HAProxy 2.6+ and re-run" >&2
    exit 1
  fi
fi
echo "== $(haproxy -v | head -n 1)"
echo "== $(java -version 2>&1 | head -n 1); $(mvn -v | head -n 1)"

exec mvn -B -ntp verify "$@"
