#!/usr/bin/python3
"""Niggli cells from gemmi 0.5.7 (GruberVector.niggli_reduce, Debian python3-gemmi) for
core/src/test/resources/org/mxflow/cell/niggli_gemmi.json, read by CellReductionTest.
Run: /usr/bin/python3 scripts/oracles/niggli_gemmi.py > core/src/test/resources/org/mxflow/cell/niggli_gemmi.json"""
import json
import gemmi

CASES = [
    # (centring, a, b, c, alpha, beta, gamma): real CORRECT.LP C2 cell, simulator cells, other settings
    ("C", 88.68, 82.26, 93.70, 90, 108.65, 90),
    ("P", 70, 60, 80, 90, 90, 90),
    ("P", 60, 70, 80, 90, 90, 90),
    ("I", 95.0, 50.0, 60.0, 90, 100.0, 90),
    ("C", 100.0, 50.0, 60.0, 90, 105.0, 90),
    ("P", 41.3, 52.7, 63.1, 71.0, 84.0, 103.0),
    ("P", 37.0, 44.0, 88.0, 95.0, 120.0, 79.0),
    ("R", 104.0, 104.0, 160.0, 90, 90, 120),
    ("F", 60.0, 90.0, 120.0, 90, 90, 90),
    ("I", 78.0, 78.0, 38.0, 90, 90, 90),
    ("P", 78.6, 78.6, 37.9, 90, 90, 90),
]
out = []
for c, *p in CASES:
    g = gemmi.GruberVector(gemmi.UnitCell(*p), c, True)
    g.niggli_reduce()
    out.append({"centring": c, "cell": p, "niggli": [round(x, 6) for x in g.cell_parameters()]})
print(json.dumps({"source": "gemmi %s GruberVector.niggli_reduce" % gemmi.__version__, "cases": out}, indent=1))
