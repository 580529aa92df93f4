#!/usr/bin/python3
"""Oracle for ClusterCompleteness: sizes of complete reflection sets with gemmi 0.5.7.

Run: /usr/bin/python3 scripts/oracles/complete_set.py
Writes merge-clustering/src/test/resources/oracles/complete_set.json: for each (space group,
cell, d_min) the number of unique non-absent reflections (gemmi.count_reflections) and the
number with Friedel mates separate (acentric counted twice, centric once; centric flags from
gemmi's GroupOps.centric_flag_array on gemmi.make_miller_array).
"""
import json
import os

import gemmi

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "merge-clustering", "src", "test", "resources",
                   "oracles", "complete_set.json")

CASES = [
    ("P 43 21 2", (78.0, 78.0, 37.0, 90, 90, 90), 2.0),
    ("C 1 2 1", (88.68, 82.26, 93.70, 90, 108.65, 90), 3.0),
    ("P 1 21 1", (40.1, 55.2, 61.3, 90, 101.2, 90), 2.5),
    ("P 1", (30.0, 35.0, 40.0, 80, 85, 95), 3.0),
    ("P 61 2 2", (92.0, 92.0, 128.0, 90, 90, 120), 3.5),
    ("H 3", (110.0, 110.0, 60.0, 90, 90, 120), 3.0),
    ("P 4", (60.0, 60.0, 45.0, 90, 90, 90), 2.8),
    ("I 2 3", (120.0, 120.0, 120.0, 90, 90, 90), 4.0),
]


def main():
    out = []
    for hm, cell, dmin in CASES:
        sg = gemmi.SpaceGroup(hm)
        uc = gemmi.UnitCell(*cell)
        n = gemmi.count_reflections(uc, sg, dmin)
        hkl = gemmi.make_miller_array(uc, sg, dmin)
        centric = sg.operations().centric_flag_array(hkl)
        n_ano = int(2 * len(hkl) - centric.sum())
        assert len(hkl) == n
        out.append({"space_group": hm, "number": sg.number, "cell": list(cell), "d_min": dmin,
                    "unique": n, "anomalous": n_ano})
        print(hm, dmin, n, n_ano)
    with open(OUT, "w") as f:
        json.dump({"source": "gemmi %s; scripts/oracles/complete_set.py" % gemmi.__version__, "cases": out}, f, indent=1)


if __name__ == "__main__":
    main()
