#!/usr/bin/env bash
# `npm run bench`: builds, then runs the benchmarks. They start real `serve` processes, which need a
# keychain: use the desktop session's if there is one, else a throwaway gnome-keyring like the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
npx electron-vite build --logLevel warn
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec npx tsx bench/index.ts
fi
exec dbus-run-session -- bash scripts/with-keyring.sh npx tsx bench/index.ts
