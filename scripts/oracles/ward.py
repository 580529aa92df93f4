#!/usr/bin/python3
"""Oracle for HierarchicalClustering: random points -> SciPy linkage matrices.

Run with Debian's python (scipy 1.10): /usr/bin/python3 scripts/oracles/ward.py
Writes merge-clustering/src/test/resources/oracles/ward.json.

SciPy's method='ward' on raw Euclidean distances D is R's hclust(method="ward.D2").
R's hclust(method="ward.D") (what BLEND uses) applies the same Lance-Williams update to D
itself instead of D^2; feeding SciPy sqrt(D) makes its internal "squared" values equal D, so
ward.D merges = SciPy-ward merges on sqrt(D) and ward.D heights = (SciPy heights)^2.
"""
import json
import os

import numpy as np
from scipy.cluster.hierarchy import linkage
from scipy.spatial.distance import pdist

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "merge-clustering", "src", "test",
                   "resources", "oracles", "ward.json")


def members(z, n):
    """Sorted 0-based members of every merge, in Z's (ascending height) order."""
    sets = {i: [i] for i in range(n)}
    out = []
    for k, row in enumerate(z):
        m = sorted(sets[int(row[0])] + sets[int(row[1])])
        sets[n + k] = m
        out.append(m)
    return out


def case(name, rng, n, dim):
    pts = rng.normal(size=(n, dim)) * rng.uniform(0.5, 3.0, size=dim)
    d = pdist(pts)  # condensed Euclidean distances
    z2 = linkage(d, method="ward")             # ward.D2 / scipy ward
    zd = linkage(np.sqrt(d), method="ward")    # ward.D on d
    za = linkage(d, method="average")
    zs = linkage(d, method="single")
    zc = linkage(d, method="complete")
    return {
        "name": name,
        "points": pts.tolist(),
        "ward_D2": {"heights": z2[:, 2].tolist(), "members": members(z2, n)},
        "ward_D": {"heights": (zd[:, 2] ** 2).tolist(), "members": members(zd, n)},
        "average": {"heights": za[:, 2].tolist(), "members": members(za, n)},
        "single": {"heights": zs[:, 2].tolist(), "members": members(zs, n)},
        "complete": {"heights": zc[:, 2].tolist(), "members": members(zc, n)},
    }


def main():
    rng = np.random.default_rng(20261121)
    cases = [case("n7_d2", rng, 7, 2), case("n20_d3", rng, 20, 3), case("n60_d5", rng, 60, 5)]
    with open(OUT, "w") as f:
        json.dump({"source": "scipy " + __import__("scipy").__version__ + " linkage; see scripts/oracles/ward.py",
                   "cases": cases}, f)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
