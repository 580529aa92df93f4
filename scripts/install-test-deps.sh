#!/usr/bin/env bash
# Installs what the test suite needs beyond Java 17 and Maven. Idempotent; needs root for apt.
# The tests themselves compare against fixtures that committed scripts made with independent
# programs (gemmi, fabio, h5py + bitshuffle); nothing extra is needed yet.
set -euo pipefail
command -v java >/dev/null || { echo "install-test-deps: Java 17 is required" >&2; exit 1; }
command -v mvn >/dev/null || { echo "install-test-deps: Maven is required" >&2; exit 1; }
