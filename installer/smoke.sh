#!/usr/bin/env bash
# Build the desk-PC bundle in a fresh build venv exactly as installer/README.md says, then run
# the bundle's own self-test offscreen. Prints how long each step took and the bundle size.
#   installer/smoke.sh            # reuses .venv-build if present (pip only checks it)
#   FRESH=1 installer/smoke.sh    # new .venv-build from scratch
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
[ "${FRESH:-0}" = 1 ] && rm -rf .venv-build
# --- the README's build command, verbatim ---
python3 -m venv .venv-build && .venv-build/bin/pip install -q -e . pyinstaller
venv_done=$(date +%s)
.venv-build/bin/python installer/build.py
built=$(date +%s)
QT_QPA_PLATFORM=offscreen dist/hallmanager/hallmanager --self-test
done_=$(date +%s)
echo "smoke: venv $((venv_done - start)) s, build $((built - venv_done)) s," \
     "self-test $((done_ - built)) s, total $((done_ - start)) s;" \
     "bundle $(du -s --apparent-size -BM dist/hallmanager | cut -f1)iB unpacked"
