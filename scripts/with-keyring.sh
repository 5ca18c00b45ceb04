#!/usr/bin/env bash
# Runs a command with a real, unlocked GNOME Keyring (Secret Service) on the current D-Bus session.
# Meant to run inside `dbus-run-session`; the keyring lives in a throwaway folder so tests never touch
# the developer's own keyring.
set -euo pipefail
export XDG_DATA_HOME="$(mktemp -d -t pdmcp-keyring-XXXXXX)"
trap 'rm -rf "$XDG_DATA_HOME"' EXIT
# The daemon reads the (throwaway) unlock password from stdin and prints env assignments we need.
eval "$(printf 'test-keyring-password' | gnome-keyring-daemon --unlock --components=secrets --replace 2>/dev/null | sed 's/^/export /')"
"$@"
