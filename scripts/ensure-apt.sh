#!/usr/bin/env bash
# ensure-apt.sh COMMAND PACKAGE — install a Debian package the tests need when its command is
# missing (as root, with apt), or say how to. Used for chromium (e2e) and faketime (the
# future-clock pass).
set -euo pipefail
COMMAND="$1"
PACKAGE="$2"
[ -x "$COMMAND" ] || command -v "$COMMAND" >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's $PACKAGE for the tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$PACKAGE" >/dev/null
else
  echo "$COMMAND not found: run 'sudo apt-get install $PACKAGE'." >&2
  exit 1
fi
