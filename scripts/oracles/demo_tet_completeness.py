#!/usr/bin/python3
"""Oracle for ClusterChoice on the demo's "tet" sample (KAMO 4.9 estimate from indices only).

The three XDS_ASCII.HKL of `./mxflow demo` (small preset, seed 1), sample tet (P4, 20 x 0.5 deg
wedges), are committed gzipped under merge-clustering/src/test/resources/demo-tet/. gemmi maps
every observation (rejected ones included) with d >= D_MIN to the P4 ASU, with the median cell;
Cmpl = distinct unique / gemmi.count_reflections to the highest resolution present, Redun =
observations / distinct unique. Writes merge-clustering/src/test/resources/oracles/demo_tet_completeness.json.
Run: /usr/bin/python3 scripts/oracles/demo_tet_completeness.py
"""
import gzip, json, os
import numpy as np
import gemmi

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, '..', '..', 'merge-clustering', 'src', 'test', 'resources')
D_MIN = 1.707  # the demo's half-corner start resolution for tet (blend_1.71A)

sg = gemmi.SpaceGroup('P 4')
ops = sg.operations()
asu = gemmi.ReciprocalAsu(sg)
hkls, cells = [], []
for i in (1, 2, 3):
    started = False
    with gzip.open(os.path.join(RES, 'demo-tet', 'multi_%03d.HKL.gz' % i), 'rt') as f:
        for line in f:
            if line.startswith('!UNIT_CELL_CONSTANTS='):
                cells.append([float(x) for x in line.split('=')[1].split()])
            elif line.startswith('!END_OF_HEADER'):
                started = True
            elif line.startswith('!END_OF_DATA'):
                break
            elif started:
                p = line.split()
                hkls.append([int(p[0]), int(p[1]), int(p[2])])
cell = gemmi.UnitCell(*np.median(np.array(cells), axis=0))
uniq, n = {}, 0
for h in hkls:
    if cell.calculate_d(h) < D_MIN:
        continue
    a = tuple(asu.to_asu(h, ops)[0])
    uniq[a] = uniq.get(a, 0) + 1
    n += 1
d_reached = min(cell.calculate_d(list(h)) for h in uniq)
full = gemmi.count_reflections(cell, sg, d_reached)
out = {'d_min': D_MIN, 'observations': n, 'unique': len(uniq), 'd_reached': d_reached,
       'complete_set': full, 'completeness_percent': 100.0 * len(uniq) / full, 'redundancy': n / len(uniq)}
with open(os.path.join(RES, 'oracles', 'demo_tet_completeness.json'), 'w') as f:
    json.dump(out, f, indent=1)
print(out)
