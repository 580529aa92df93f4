#!/usr/bin/python3
"""Independent reader for MTZ files: prints what gemmi (Debian python3-gemmi 0.5.7) reads.

    /usr/bin/python3 scripts/oracles/mtz_check.py FILE.mtz [FILE.mtz ...] > summary.json

For each file: title, space group (H-M, CCP4 number), cell, reflection count, resolution
range, sort order, history, datasets, columns (label, type, dataset, header min/max, sum and
NaN count of the values), the first and last 3 rows, the original indices of the first 5 rows
after gemmi's switch_to_original_hkl() (unmerged files), the batch headers (count, and number, title,
ints, floats and axes of the first and last), and the file's SHA-256.

Used two ways by core's tests (org.mxflow.mtz):
 - live, when /usr/bin/python3 can import gemmi (scripts/install-test-deps.sh installs it);
 - through committed fixtures made with it:
     /usr/bin/python3 scripts/oracles/mtz_check.py ../shared/data/real/mtz/*.mtz \
         > core/src/test/resources/oracles/mtz_real_gemmi.json
     (after `mvn -o -q test -pl core -Dtest=MtzGemmiTest`, which writes core/target/mtz-oracle/*.mtz)
     /usr/bin/python3 scripts/oracles/mtz_check.py core/target/mtz-oracle/*.mtz \
         > core/src/test/resources/oracles/mtz_written_gemmi.json
"""
import hashlib
import json
import math
import os
import sys

import gemmi


def num(x):
    x = float(x)
    return None if math.isnan(x) else x


def summary(path):
    raw = open(path, "rb").read()
    mtz = gemmi.read_mtz_file(path)
    cols = []
    for c in mtz.columns:
        vals = [float(v) for v in c]
        good = [v for v in vals if not math.isnan(v)]
        cols.append({
            "label": c.label, "type": c.type, "dataset": c.dataset_id,
            "min": num(c.min_value), "max": num(c.max_value),
            "sum": math.fsum(good), "nan": len(vals) - len(good),
        })
    rows = []
    n = mtz.nreflections
    arr = mtz.array
    for i in list(range(min(3, n))) + list(range(max(3, n - 3), n)):
        rows.append({"row": i, "values": [num(v) for v in arr[i]]})
    out = {
        "file": os.path.basename(path),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "title": mtz.title,
        "spacegroup": mtz.spacegroup.hm if mtz.spacegroup else None,
        "ccp4": mtz.spacegroup.ccp4 if mtz.spacegroup else None,
        "cell": [mtz.cell.a, mtz.cell.b, mtz.cell.c, mtz.cell.alpha, mtz.cell.beta, mtz.cell.gamma],
        "nreflections": n,
        "sort_order": list(mtz.sort_order),
        "resolution_high": mtz.resolution_high(),
        "resolution_low": mtz.resolution_low(),
        "history": list(mtz.history),
        "datasets": [{"id": d.id, "project": d.project_name, "crystal": d.crystal_name,
                      "dataset": d.dataset_name, "wavelength": d.wavelength,
                      "cell": [d.cell.a, d.cell.b, d.cell.c, d.cell.alpha, d.cell.beta, d.cell.gamma]}
                     for d in mtz.datasets],
        "columns": cols,
        "rows": rows,
        "nbatches": len(mtz.batches),
    }
    if len(mtz.batches):
        out["batches"] = [{"number": b.number, "title": b.title, "ints": list(b.ints),
                           "floats": [num(v) for v in b.floats], "axes": list(b.axes)}
                          for b in (mtz.batches[0], mtz.batches[len(mtz.batches) - 1])]
    if mtz.column_with_label("M/ISYM") is not None:
        mtz.switch_to_original_hkl()
        out["original_hkl_first_rows"] = [[int(v) for v in mtz.array[i][:3]] for i in range(min(5, n))]
    return out


if __name__ == "__main__":
    json.dump([summary(p) for p in sys.argv[1:]], sys.stdout, indent=1)
    print()
