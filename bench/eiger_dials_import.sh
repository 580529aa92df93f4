#!/bin/sh
# dials.import (an independent NXmx reader: dxtbx's FormatNXmxEigerFilewriter / FormatNXmx)
# on an EIGER sweep written by mxflow's EigerWriter through `mxflow simulate --format eiger`,
# then prints what DIALS understood and the time of simulate vs. dials.import.
#   bench/eiger_dials_import.sh [workdir]      (needs ./mxflow built and /usr/bin/dials.import)
set -eu
cd "$(dirname "$0")/.."
[ -x /usr/bin/dials.import ] || { echo "dials.import not installed: nothing to measure"; exit 0; }
[ -f orchestrator/target/mxflow.jar ] || mvn -B -q -o -DskipTests package
WORK=${1:-$(mktemp -d)}
rm -rf "$WORK/sim"; mkdir -p "$WORK/sim"
t0=$(date +%s.%N)
./mxflow simulate "$WORK/sim" --preset small --seed 7 --format eiger --date 2026-11-21 >/dev/null
t1=$(date +%s.%N)
MASTER=$(ls "$WORK"/sim/*/CPS1012-06/data00/*_master.h5 | head -1)
cd "$WORK"
HDF5_PLUGIN_PATH=${HDF5_PLUGIN_PATH:-/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins} \
    /usr/bin/dials.import "$MASTER" output.experiments=eiger.expt > import.log 2>&1 || { cat import.log; exit 1; }
t2=$(date +%s.%N)
/usr/bin/dials.show eiger.expt 2>/dev/null | grep -E "Format class|Image range|Oscillation|wavelength|distance|pixel_size|image_size|fast_axis|origin|trusted_range" || true
echo "simulate --format eiger (small preset): $(echo "$t1 - $t0" | bc) s; dials.import of $(basename "$MASTER"): $(echo "$t2 - $t1" | bc) s"
