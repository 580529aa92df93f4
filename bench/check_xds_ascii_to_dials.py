#!/usr/bin/python3
"""Independent checks of bench/xds_ascii_to_dials.py on one unmerged XDS_ASCII.HKL.

1. Geometry: DIALS's own scan-static ray predictor (flex.reflection_table.from_predictions) on
   the converted experiment must predict every observed reflection at the observed rotation
   position: for each record, the prediction with the same hkl nearest in z; the largest |dz| in
   frames is printed (XDS writes ZD to 0.1 frame, so up to 0.05 from rounding is expected;
   a wrong beam direction, rotation sense, axis or starting angle gives whole frames or misses).
2. Intensities: the converted table with inverse_scale_factor = 1 (no scaling) merged by
   dials.merge must give, per unique reflection, the inverse-variance weighted mean of the
   file's records mapped to the asymmetric unit by gemmi; the largest relative difference of
   IMEAN and SIGIMEAN is printed (MTZ stores 32-bit floats: ~1e-7 expected).
Usage: check_xds_ascii_to_dials.py XDS_ASCII.HKL WORKDIR   (Debian's /usr/bin/python3)
Prints one line per check and exits non-zero if a check fails.
"""
import os
import subprocess
import sys

import gemmi
import numpy as np
from dials.array_family import flex

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import xds_ascii_to_dials as conv  # noqa: E402


def main(path, work):
    os.makedirs(work, exist_ok=True)
    kw, items, rows = conv.read_xds_ascii(path)
    expt = conv.experiment_from_header(kw, path, "check")
    table, _, _ = conv.reflections(rows.copy(), items, expt, 0, path)
    ok = True

    # 1. geometry against DIALS's predictor
    dmin = float(np.min(table["d"])) * 0.999
    pred = flex.reflection_table.from_predictions(expt, dmin=dmin)
    by_hkl = {}
    for h, z in zip(pred["miller_index"], pred["xyzcal.px"].parts()[2]):
        by_hkl.setdefault(h, []).append(z)
    dz, missing = [], 0
    for h, z in zip(table["miller_index"], table["xyzobs.px.value"].parts()[2]):
        zs = by_hkl.get(h)
        if not zs:
            missing += 1
            continue
        dz.append(min(abs(z - p) for p in zs))
    dz = np.array(dz)
    geom_ok = missing == 0 and dz.max() <= 0.06
    ok &= geom_ok
    print("geometry: %d records, %d without a DIALS prediction, DIALS-predicted z vs ZD: max |dz| %.3f frames, rms %.3f (%s)"
          % (table.size(), missing, dz.max(), np.sqrt((dz ** 2).mean()), "ok" if geom_ok else "FAIL"))

    # 2. intensities: dials.merge without scaling vs weighted means
    table["intensity.scale.value"] = table["intensity.prf.value"]
    table["intensity.scale.variance"] = table["intensity.prf.variance"]
    table["inverse_scale_factor"] = flex.double(table.size(), 1.0)
    table.set_flags(flex.bool(table.size(), True), table.flags.scaled)
    from dxtbx.model import ExperimentList
    el = ExperimentList()
    el.append(expt)
    el.as_file(os.path.join(work, "unscaled.expt"))
    table.as_file(os.path.join(work, "unscaled.refl"))
    r = subprocess.run(["dials.merge", "unscaled.expt", "unscaled.refl", "truncate=False", "output.html=None"],
                       cwd=work, capture_output=True, text=True)
    if r.returncode != 0:
        print("dials.merge failed: " + (r.stderr or r.stdout).strip().splitlines()[-1])
        return 1
    mtz = gemmi.read_mtz_file(os.path.join(work, "merged.mtz"))
    data = np.array(mtz, copy=False)
    cols = [c.label for c in mtz.columns]
    dials = {tuple(int(x) for x in row[:3]): (row[cols.index("IMEAN")], row[cols.index("SIGIMEAN")]) for row in data}
    sg = gemmi.find_spacegroup_by_number(int(kw["SPACE_GROUP_NUMBER"]))
    asu, ops = gemmi.ReciprocalAsu(sg), sg.operations()
    acc = {}
    hkl = rows[:, [items["H"], items["K"], items["L"]]].astype(int)
    for (h, k, l), i, s in zip(hkl, rows[:, items["IOBS"]], rows[:, items["SIGMA(IOBS)"]]):
        if s <= 0:
            continue
        key = tuple(asu.to_asu([int(h), int(k), int(l)], ops)[0])
        w = 1 / (s * s)
        a = acc.setdefault(key, [0.0, 0.0])
        a[0] += w * i
        a[1] += w
    mine = {k: (a[0] / a[1], 1 / np.sqrt(a[1])) for k, a in acc.items()}
    common = [k for k in mine if k in dials]
    di = np.array([abs(dials[k][0] - mine[k][0]) / max(abs(mine[k][0]), mine[k][1]) for k in common])
    ds = np.array([abs(dials[k][1] - mine[k][1]) / mine[k][1] for k in common])
    int_ok = len(common) == len(mine) == len(dials) and di.max() < 1e-5 and ds.max() < 1e-5
    ok &= int_ok
    print("intensities: dials.merge (no scaling) %d unique, weighted means of the file %d, common %d; max rel diff IMEAN %.1e, SIGIMEAN %.1e (%s)"
          % (len(dials), len(mine), len(common), di.max(), ds.max(), "ok" if int_ok else "FAIL"))
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
