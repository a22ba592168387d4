#!/bin/sh
# Set up everything Tingxie needs on Debian/Ubuntu: system packages (when
# missing), a virtual environment in .venv, and the project installed into it.
# Sourced by packaging/dev/run and packaging/dev/test; safe to run again.
set -eu

ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
VENV="$ROOT/.venv"

# What the app needs at run time, then what the tests need on top.
APP_PACKAGES="libvlc5 vlc-plugin-base vlc-plugin-video-output
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0
  libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-noto-cjk
  gnome-keyring dbus dbus-x11 ffmpeg hunspell-en-us"
TEST_PACKAGES="xvfb xauth xdotool imagemagick espeak-ng sox libsecret-tools
  desktop-file-utils shared-mime-info"

say() { printf 'tingxie setup: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else say "need root to install system packages: run as root or install sudo"; exit 1
  fi
}

install_debian_packages() {
  command -v dpkg-query >/dev/null 2>&1 || {
    say "not a Debian/Ubuntu system: install the packages listed in README.md yourself"
    return 0
  }
  missing=""
  for pkg in $*; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing="$missing $pkg"
  done
  [ -z "$missing" ] && return 0
  say "installing system packages:$missing"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

find_python() {
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  return 1
}

make_venv() {
  extras=$1
  stamp="$VENV/.tingxie-installed-$extras"
  if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$stamp" -nt "$ROOT/pyproject.toml" ]; then
    return 0
  fi
  python=$(find_python) || {
    install_debian_packages "python3 python3-venv"
    python=$(find_python) || { say "Python 3.11 or newer is required"; exit 1; }
  }
  if [ ! -x "$VENV/bin/python" ]; then
    "$python" -m venv "$VENV" 2>/dev/null || {
      install_debian_packages "python3-venv"
      rm -rf "$VENV"; "$python" -m venv "$VENV"
    }
  fi
  say "installing Tingxie and its Python packages into $VENV"
  "$VENV/bin/python" -m pip install --quiet --upgrade pip
  "$VENV/bin/python" -m pip install --quiet -e "$ROOT[$extras]"
  rm -f "$VENV"/.tingxie-installed-*
  touch "$stamp"
}
