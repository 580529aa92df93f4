#!/usr/bin/env bash
# DIALS oracle for the spot finder: runs dials.import + dials.find_spots on the 19 real
# thaumatin grid-scan frames and writes per-frame spot counts to a small CSV that
# org.mxflow.spots.ThaumatinSpotCountsTest compares against.
#
# Two DIALS runs: threshold.algorithm=dispersion (the algorithm mxflow implements, same
# kernel_size 3,3 / sigma_background 6 / sigma_strong 3 / min_local 2 / gain 1) and DIALS's
# default dispersion_extended, for reference.
#
# usage: scripts/oracles/dials_thaumatin_spots.sh [SHARED_DIR] [OUT_CSV]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
shared=${1:-$here/../shared}
out=${2:-$here/pipeline-steps/src/test/resources/spots/dials_thaumatin_spot_counts.csv}
command -v dials.find_spots >/dev/null || { echo "dials.find_spots not found (apt-get install dials)" >&2; exit 2; }

work=$(mktemp -d /tmp/dials-thaumatin.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
# DIALS reads the frames from a decompressed copy; the shared data are never touched.
for f in "$shared"/data/real/thaumatin_grid/thau_3_2_*.cbf.bz2; do
  bzip2 -dc "$f" > "$work/$(basename "${f%.bz2}")"
done
cd "$work"
dials.import thau_3_2_*.cbf output.experiments=imported.expt > import.log
dials.find_spots imported.expt nproc=1 threshold.algorithm=dispersion \
  output.reflections=dispersion.refl > find_dispersion.log
dials.find_spots imported.expt nproc=1 \
  output.reflections=extended.refl > find_extended.log

cat > count.py <<'PY'
import sys
from dials.array_family import flex
from dxtbx.model.experiment_list import ExperimentListFactory
expts = ExperimentListFactory.from_json_file("imported.expt", check_format=False)
def per_frame(name):
    refl = flex.reflection_table.from_file(name)
    counts = {}
    if len(expts) > 1:   # stills: one experiment per frame, frame = experiment id + 1
        for i in refl["id"]:
            counts[i + 1] = counts.get(i + 1, 0) + 1
    else:                # one sequence: frame = floor(z) + first frame
        first = expts[0].scan.get_image_range()[0]
        for x, y, z in refl["xyzobs.px.value"]:
            k = int(z) + first
            counts[k] = counts.get(k, 0) + 1
    return counts
import re
strong = {}
for line in open("find_dispersion.log"):
    m = re.match(r"Found (\d+) strong pixels on image (\d+)", line)
    if m:
        strong[int(m.group(2))] = int(m.group(1))
d = per_frame("dispersion.refl")
e = per_frame("extended.refl")
n = 19
print("# dials.find_spots (DIALS %s) per-frame strong spots on real/thaumatin_grid; made by scripts/oracles/dials_thaumatin_spots.sh" % sys.argv[1])
print("frame,dials_dispersion,dials_dispersion_extended,dials_dispersion_strong_pixels")
for k in range(1, n + 1):
    print("%d,%d,%d,%d" % (k, d.get(k, 0), e.get(k, 0), strong.get(k, 0)))
# Every spot DIALS found on frame 1 (experiment id 0): centroid, summed intensity, pixels.
refl = flex.reflection_table.from_file("dispersion.refl")
with open("frame1_spots.csv", "w") as f:
    f.write("x_px,y_px,intensity_sum,pixels\n")
    for i in range(len(refl)):
        if refl["id"][i] == 0:
            x, y, z = refl["xyzobs.px.value"][i]
            x0, x1, y0, y1, z0, z1 = refl["bbox"][i]
            n = refl["shoebox"][i].count_mask_values(5) if "shoebox" in refl else -1
            f.write("%.4f,%.4f,%.1f,%d\n" % (x, y, refl["intensity.sum.value"][i], n))
PY
/usr/bin/python3 count.py "$(dials.version 2>/dev/null | head -1 | awk '{print $2}')" > counts.csv
mkdir -p "$(dirname "$out")"
cp counts.csv "$out"
cp frame1_spots.csv "$(dirname "$out")/dials_thaumatin_frame1_spots.csv"
grep -i -E "min_spot_size|Found .* strong|Extracted" find_dispersion.log | head -5 || true
cat "$out"
