#!/usr/bin/python3
"""Independent reader for mxflow's merged mmCIF reflections (run_NN/xscale.cif): what gemmi
(Debian python3-gemmi 0.5.7) reads from it, as JSON: SHA-256, cell, space group, number of
_refln rows, the first 3 rows, sums of the intensity columns, and whether gemmi's ReflnBlock
recognises the block as merged reflections.

    /usr/bin/python3 scripts/oracles/merge_cif_gemmi.py FILE.cif > summary.json

Fixture for merge-clustering's MergeOutputsOracleTest (after running that test once, which
writes merge-clustering/target/merge-oracle/run_01/):
    /usr/bin/python3 scripts/oracles/mtz_check.py merge-clustering/target/merge-oracle/run_01/ccp4/xscale.mtz \
        > merge-clustering/src/test/resources/oracles/merge_mtz_gemmi.json
    /usr/bin/python3 scripts/oracles/merge_cif_gemmi.py merge-clustering/target/merge-oracle/run_01/xscale.cif \
        > merge-clustering/src/test/resources/oracles/merge_cif_gemmi.json
"""
import hashlib
import json
import sys

import gemmi

path = sys.argv[1]
doc = gemmi.cif.read(path)
block = doc.sole_block()
cols = ["index_h", "index_k", "index_l", "intensity_meas", "intensity_sigma", "pdbx_I_plus", "pdbx_I_minus"]
table = block.find("_refln.", cols)
rows = [[table[i][j] for j in range(len(cols))] for i in range(len(table))]
def num(v):
    return None if v in ("?", ".") else float(v)
rb = gemmi.as_refln_blocks(doc)[0]
out = {
    "sha256": hashlib.sha256(open(path, "rb").read()).hexdigest(),
    "cell": [rb.cell.a, rb.cell.b, rb.cell.c, rb.cell.alpha, rb.cell.beta, rb.cell.gamma],
    "space_group": rb.spacegroup.hm if rb.spacegroup else None,
    "merged": not rb.is_unmerged(),
    "rows": len(rows),
    "first_rows": rows[:3],
    "sum_intensity_meas": sum(num(r[3]) for r in rows),
    "count_I_minus": sum(1 for r in rows if num(r[6]) is not None),
}
json.dump(out, sys.stdout, indent=1)
print()
