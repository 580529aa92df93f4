#!/usr/bin/python3
"""Oracle for CellClustering (BLEND-style, kamo-conventions 4.8.1) with numpy + SciPy.

Run: /usr/bin/python3 scripts/oracles/cell_clustering.py
Writes merge-clustering/src/test/resources/oracles/cell_clustering.json.

Steps as BLEND's blend0.R does them: drop cell parameters with sd <= 1e-6; standardise (R's
scale(): sd with n-1); PCA of the correlation matrix (numpy.linalg.eigh); keep the fewest
components whose cumulative variance fraction exceeds 0.95; Euclidean distances of the scores;
R hclust ward.D on those unsquared distances = SciPy ward on sqrt(D), heights squared.
"""
import json
import os

import numpy as np
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import pdist

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "merge-clustering", "src", "test", "resources",
                   "oracles", "cell_clustering.json")


def members(z, n):
    sets = {i: [i] for i in range(n)}
    out = []
    for k, row in enumerate(z):
        m = sorted(sets[int(row[0])] + sets[int(row[1])])
        sets[n + k] = m
        out.append(m)
    return out


def run(cells):
    x = np.array(cells, float)
    sd = x.std(axis=0, ddof=1)
    keep = [p for p in range(6) if sd[p] > 1e-6]
    z = (x[:, keep] - x[:, keep].mean(axis=0)) / sd[keep]
    cov = np.cov(z, rowvar=False, ddof=1).reshape(len(keep), len(keep))
    w, v = np.linalg.eigh(cov)
    order = np.argsort(w)[::-1]
    w, v = w[order], v[:, order]
    frac = np.clip(w, 0, None) / np.clip(w, 0, None).sum()
    k = int(np.argmax(np.cumsum(frac) > 0.95)) + 1
    scores = z @ v[:, :k]
    d = pdist(scores)
    zl = linkage(np.sqrt(d), method="ward")
    return {"cells": cells, "descriptors": [["a", "b", "c", "alpha", "beta", "gamma"][p] for p in keep],
            "components": k, "explained": frac.tolist(),
            "heights": (zl[:, 2] ** 2).tolist(), "members": members(zl, len(cells))}


def main():
    rng = np.random.default_rng(5)
    # Monoclinic C2 cells (alpha = gamma = 90 fixed) from two populations, like the real CORRECT.LP crystal.
    mono = []
    for i in range(14):
        base = (88.68, 82.26, 93.70, 108.65) if i % 3 else (89.9, 82.9, 95.1, 108.1)
        a, b, c, be = np.array(base) + rng.normal(0, [0.25, 0.2, 0.3, 0.1])
        mono.append([round(a, 3), round(b, 3), round(c, 3), 90.0, round(be, 3), 90.0])
    # Tetragonal cells (a = b, all angles 90): two varying parameters that are correlated.
    tet = []
    for i in range(9):
        a = 78.5 + rng.normal(0, 0.4)
        tet.append([round(a, 3), round(a, 3), round(37.2 + 0.3 * (a - 78.5) + rng.normal(0, 0.05), 3), 90.0, 90.0, 90.0])
    with open(OUT, "w") as f:
        json.dump({"source": "numpy/scipy; scripts/oracles/cell_clustering.py", "cases": [run(mono), run(tet)]}, f, indent=1)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
