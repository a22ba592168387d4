#!/bin/sh
# Add Tingxie to the current user's application menu, with its icon and its
# file associations ("Open with Tingxie" for audio, video and result JSON), in
# ${XDG_DATA_HOME:-~/.local/share}. No root needed; run again after moving the app.
#
#   ./install-desktop-integration.sh                  # the app beside this script
#   ./install-desktop-integration.sh --exec /opt/Tingxie/tingxie
#   ./install-desktop-integration.sh --uninstall
set -eu

HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
SIZES="16 22 24 32 48 64 128 256 512"

say() { printf '%s\n' "$*"; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'
}

# Where the entry and icons are: inside a built bundle, or in the source tree.
if [ -d "$HERE/_internal/share/icons" ]; then
  SHARE="$HERE/_internal/share"
  default_exec="$HERE/tingxie"
else
  SHARE="$HERE"
  default_exec=$(command -v tingxie 2>/dev/null || echo "$HERE/../../.venv/bin/tingxie")
fi

exec_path=""
uninstall=0
while [ $# -gt 0 ]; do
  case $1 in
    --exec) [ $# -ge 2 ] || fail "--exec needs the path of the tingxie executable"
            exec_path=$2; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) fail "unknown option '$1'; see --help" ;;
  esac
done

refresh_caches() {
  if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q "$DATA/applications" 2>/dev/null || true
  fi
  if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$DATA/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true
  fi
}

if [ "$uninstall" -eq 1 ]; then
  rm -f "$DATA/applications/tingxie.desktop" "$DATA/icons/hicolor/scalable/apps/tingxie.svg"
  for size in $SIZES; do rm -f "$DATA/icons/hicolor/${size}x${size}/apps/tingxie.png"; done
  refresh_caches
  say "Removed Tingxie from the application menu ($DATA)."
  exit 0
fi

[ -n "$exec_path" ] || exec_path=$default_exec
case $exec_path in /*) ;; *) exec_path="$(pwd)/$exec_path" ;; esac
[ -x "$exec_path" ] || fail "$exec_path: no Tingxie executable there; build it (python packaging/build.py) or give --exec PATH"

# The entry names this executable. Exec quotes it, escaping \ " ` $ inside the
# quotes, and every string value doubles its backslashes (Desktop Entry spec).
in_quotes=$(printf '%s' "$exec_path" | sed 's/[\\"`$]/\\&/g')
exec_value=$(printf '%s' "$in_quotes" | sed 's/\\/\\\\/g')
try_value=$(printf '%s' "$exec_path" | sed 's/\\/\\\\/g')
mkdir -p "$DATA/applications"
while IFS= read -r line; do
  case $line in
    Exec=*) printf 'Exec="%s" %%F\n' "$exec_value" ;;
    TryExec=*) printf 'TryExec=%s\n' "$try_value" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$SHARE/tingxie.desktop" > "$DATA/applications/tingxie.desktop.tmp"
mv "$DATA/applications/tingxie.desktop.tmp" "$DATA/applications/tingxie.desktop"

for size in $SIZES; do
  mkdir -p "$DATA/icons/hicolor/${size}x${size}/apps"
  cp "$SHARE/icons/hicolor/${size}x${size}/apps/tingxie.png" "$DATA/icons/hicolor/${size}x${size}/apps/"
done
mkdir -p "$DATA/icons/hicolor/scalable/apps"
cp "$SHARE/icons/hicolor/scalable/apps/tingxie.svg" "$DATA/icons/hicolor/scalable/apps/"
refresh_caches
say "Tingxie is in the application menu; audio, video and result files offer \"Open with Tingxie\"."
say "  entry: $DATA/applications/tingxie.desktop -> $exec_path"
