#!/usr/bin/python3
"""Oracle for TanhCcHalfFit: KAMO's CC1/2 curve fit done with SciPy.

Run with Debian's python (scipy 1.10): /usr/bin/python3 scripts/oracles/cchalf_fit.py [shared dir]
Writes merge-clustering/src/test/resources/oracles/cchalf_fit.json.

Model (AIMLESS / Pozharski, as KAMO's resolution_cutoff.py): cc(s) = 0.5*(1 - tanh((s - d0)/r)),
s = 1/d^2; scipy.optimize.least_squares(loss="soft_l1", f_scale=0.3), start d0 = 0.5*min(s), r = 1
(kamo-conventions.md 4.11.1). Tolerances are tightened to 1e-15 so the oracle is the true
minimum of that objective (SciPy's default ftol=1e-8 stops ~3e-6 short in r on the outlier case). The real case is the CC(1/2) column of the shell table after
'STATISTICS OF SAVED DATA SET' in shared/data/real/xds/CORRECT.LP, parsed by fixed columns
(Appendix A: d [0,9), CC1/2 [99,107)).
"""
import json
import os
import sys

import numpy as np
from scipy.optimize import least_squares

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "..", "shared")
OUT = os.path.join(HERE, "..", "..", "merge-clustering", "src", "test", "resources", "oracles", "cchalf_fit.json")


def model(s, d0, r):
    return 0.5 * (1 - np.tanh((s - d0) / r))


def fit(s, cc):
    s, cc = np.asarray(s, float), np.asarray(cc, float)
    lsq = least_squares(lambda x: model(s, x[0], x[1]) - cc, [0.5 * s.min(), 1.0], loss="soft_l1", f_scale=0.3,
                        ftol=1e-15, xtol=1e-15, gtol=1e-15)
    d0, r = lsq.x
    res = {"d0": d0, "r": r}
    for cc_min in (0.5, 0.35):
        res["d_at_%g" % cc_min] = 1.0 / np.sqrt(d0 + r * np.arctanh(1 - 2 * cc_min))
    return res


def correct_lp_shells(path):
    lines = open(path).read().splitlines()
    start = next(i for i, l in enumerate(lines) if "STATISTICS OF SAVED DATA SET" in l)
    title = next(i for i in range(start, len(lines))
                 if "SUBSET OF INTENSITY DATA WITH SIGNAL/NOISE >= -3.0 AS FUNCTION OF RESOLUTION" in lines[i])
    d, cc = [], []
    for l in lines[title + 4:]:
        if l[:9].strip() == "total":
            break
        d.append(float(l[0:9]))
        cc.append(float(l[99:107].replace("*", "")) / 100.0)
    return d, cc


def main():
    cases = []
    d, cc = correct_lp_shells(os.path.join(SHARED, "data", "real", "xds", "CORRECT.LP"))
    s = [1 / x ** 2 for x in d]
    cases.append(dict(name="real CORRECT.LP (C2, 1.69 A)", s=s, cc=cc, **fit(s, cc)))
    # Synthetic: exact curve d0=0.2, r=0.05 on 20 shells to 1.6 A plus two gross outliers,
    # which soft-L1 should largely ignore.
    s2 = list(np.linspace(0.02, 1 / 1.6 ** 2, 20))
    cc2 = list(model(np.array(s2), 0.2, 0.05))
    cc2[3] = 0.2
    cc2[15] = 0.9
    cases.append(dict(name="synthetic d0=0.2 r=0.05 with 2 outliers", s=s2, cc=cc2, **fit(s2, cc2)))
    with open(OUT, "w") as f:
        json.dump({"source": "scipy least_squares soft_l1 f_scale=0.3; scripts/oracles/cchalf_fit.py",
                   "cases": cases}, f, indent=1)
    for c in cases:
        print(c["name"], "d0=%.6f r=%.6f d(0.5)=%.4f d(0.35)=%.4f" % (c["d0"], c["r"], c["d_at_0.5"], c["d_at_0.35"]))


if __name__ == "__main__":
    main()
