#!/usr/bin/env bash
# Installs what the test suite needs beyond Java 17 and Maven. Idempotent; needs root for apt.
# The tests themselves compare against fixtures that committed scripts made with independent
# programs (gemmi, fabio, h5py + bitshuffle); nothing extra is needed for those.
#
# Browser tests (report-templates, @Tag("browser")) open the generated HTML reports in headless
# Chromium, Debian's package "chromium"; fonts-dejavu-core gives it legible glyphs for screenshots.
set -euo pipefail
command -v java >/dev/null || { echo "install-test-deps: Java 17 is required" >&2; exit 1; }
command -v mvn >/dev/null || { echo "install-test-deps: Maven is required" >&2; exit 1; }

# Debian packages the tests need, each with a command (or file) that proves it is installed.
declare -A WANTED=(
  [chromium]="command -v chromium"
  [fonts-dejavu-core]="test -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
  # core's MTZ tests run gemmi live on the files mxflow writes (else they use committed gemmi fixtures)
  [python3-gemmi]="/usr/bin/python3 -c 'import gemmi'"
)

missing=()
for pkg in "${!WANTED[@]}"; do
  if ! eval "${WANTED[$pkg]}" >/dev/null 2>&1; then missing+=("$pkg"); fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-test-deps: all test dependencies present"
  exit 0
fi

echo "install-test-deps: installing ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO=sudo; else
    echo "install-test-deps: need root to install ${missing[*]} (or set MXFLOW_SKIP_BROWSER=1 to skip browser tests)" >&2
    exit 1
  fi
else
  SUDO=
fi
command -v apt-get >/dev/null || {
  echo "install-test-deps: no apt-get; install ${missing[*]} by hand (or set MXFLOW_SKIP_BROWSER=1)" >&2; exit 1; }

export DEBIAN_FRONTEND=noninteractive
APT_OPTS=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=600)
# Refresh the package lists only when apt does not know a candidate for some wanted package.
needs_update=0
for pkg in "${missing[@]}"; do
  cand=$(apt-cache policy "$pkg" 2>/dev/null | awk '/Candidate:/ {print $2}')
  if [ -z "$cand" ] || [ "$cand" = "(none)" ]; then needs_update=1; fi
done
if [ "$needs_update" -eq 1 ]; then
  $SUDO apt-get -q -o DPkg::Lock::Timeout=600 update
fi
# An old package list can name versions the mirror no longer has: refresh once and retry.
if ! $SUDO apt-get install "${APT_OPTS[@]}" "${missing[@]}"; then
  $SUDO apt-get -q -o DPkg::Lock::Timeout=600 update
  $SUDO apt-get install "${APT_OPTS[@]}" "${missing[@]}"
fi

for pkg in "${missing[@]}"; do
  eval "${WANTED[$pkg]}" >/dev/null 2>&1 || { echo "install-test-deps: $pkg still missing after install" >&2; exit 1; }
done
echo "install-test-deps: installed ${missing[*]}"
