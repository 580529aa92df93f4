#!/usr/bin/python3
"""Independent reader for mmCIF reflection files: prints what gemmi (Debian python3-gemmi 0.5.7)
reads with gemmi.cif.read and gemmi.as_refln_blocks (its ReflnBlock, used for PDB SF files).

    /usr/bin/python3 scripts/oracles/refln_cif_check.py FILE.cif [...] > summary.json

Per file: SHA-256, entry id, cell, space group, wavelength, is_unmerged, column labels, row
count, the sum and NaN count of every numeric column, and the first 3 rows.
Used live by core's org.mxflow.mmcif tests when /usr/bin/python3 has gemmi, else through
    /usr/bin/python3 scripts/oracles/refln_cif_check.py core/target/cif-oracle/*.cif \
        > core/src/test/resources/oracles/refln_cif_gemmi.json
(after `mvn -o -q test -pl core -Dtest=ReflectionCifGemmiTest`, which writes the files).
"""
import hashlib
import json
import math
import os
import sys

import gemmi


def num(x):
    return None if math.isnan(x) else float(x)


def summary(path):
    raw = open(path, "rb").read()
    doc = gemmi.cif.read(path)
    rbs = gemmi.as_refln_blocks(doc)
    rb = rbs[0]
    rb.use_unmerged(rb.is_unmerged())
    labels = list(rb.column_labels())
    hkl = rb.make_miller_array()
    cols = {}
    for lab in labels:
        if lab.startswith("index_") or lab in ("status", "scale_group_code"):
            continue
        vals = [float(v) for v in rb.make_float_array(lab)]
        good = [v for v in vals if not math.isnan(v)]
        cols[lab] = {"sum": math.fsum(good), "nan": len(vals) - len(good), "first": [num(v) for v in vals[:3]]}
    return {
        "file": os.path.basename(path), "sha256": hashlib.sha256(raw).hexdigest(),
        "entry_id": rb.entry_id, "block": rb.block.name,
        "cell": [rb.cell.a, rb.cell.b, rb.cell.c, rb.cell.alpha, rb.cell.beta, rb.cell.gamma],
        "spacegroup": rb.spacegroup.hm if rb.spacegroup else None,
        "wavelength": rb.wavelength, "is_unmerged": rb.is_unmerged(),
        "labels": labels, "nrows": len(hkl), "first_hkl": [[int(x) for x in h] for h in hkl[:3]],
        "columns": cols,
    }


if __name__ == "__main__":
    json.dump([summary(p) for p in sys.argv[1:]], sys.stdout, indent=1)
    print()
