#!/usr/bin/env bash
# The test command (`npm test`): builds once (browser tests load the built renderer and the headless
# entries), then runs every suite against the real keychain. On Linux that is a private D-Bus session
# with a throwaway, unlocked GNOME Keyring; on macOS and Windows the user's own keychain (tests use
# their own namespaced entries and delete them).
set -euo pipefail
cd "$(dirname "$0")/.."
npx electron-vite build --logLevel warn
if [ "$(uname -s)" != "Linux" ]; then
  exec npx vitest run "$@"
fi
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "The tests need a real keychain: install dbus and gnome-keyring (Debian: apt-get install dbus gnome-keyring libsecret-1-dev)." >&2
  exit 1
fi
exec dbus-run-session -- bash scripts/with-keyring.sh npx vitest run "$@"
