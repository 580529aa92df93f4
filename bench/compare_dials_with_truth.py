#!/usr/bin/python3
"""Compare DIALS's processing of simulated data with the simulator's truth.

Arguments: name=DIALS_DIR:TRUTH_JSON ...  (run by validate_sim_with_dials.sh)
For each: the cell and space group of symmetrized.expt against the truth, and the CC between
DIALS's integrated intensities (integrated.mtz from dials.export, averaged per unique
reflection) and the true intensities scale*exp(-B/(2d^2))*|F|^2/sumZ^2, per resolution shell.
Where the lattice allows another indexing (P4: h,k,l -> k,h,-l) the better of the two is used,
as any program must choose one for a single crystal.
Uses Debian's python3 with gemmi 0.5.7 and numpy.
"""
import json
import math
import os
import sys

import gemmi
import numpy as np


def load_truth(truth_json):
    with open(truth_json) as f:
        t = json.load(f)
    sg = gemmi.SpaceGroup(t["space_group"])
    cell = gemmi.UnitCell(*t["cell"])
    hkl_file = os.path.join(os.path.dirname(truth_json), t["intensities_file"])
    asu = gemmi.ReciprocalAsu(sg)
    ops = sg.operations()
    true_i = {}
    for line in open(hkl_file):
        if line.startswith("#"):
            continue
        h, k, l, i = line.split()
        hkl = [int(h), int(k), int(l)]
        key = tuple(asu.to_asu(hkl, ops)[0])
        d = cell.calculate_d(hkl)
        if d >= t.get("d_min_A", 0):  # the crystal does not diffract beyond its limit
            true_i[key] = float(i) * t["scale"] * math.exp(-t["b_factor_A2"] / (2 * d * d))
    return t, sg, cell, true_i


def dials_result(d):
    with open(os.path.join(d, "symmetrized.expt")) as f:
        e = json.load(f)
    cr = e["crystal"][0]
    sg_hall = cr["space_group_hall_symbol"]
    sg = gemmi.find_spacegroup_by_ops(gemmi.symops_from_hall(sg_hall))
    mtz = gemmi.read_mtz_file(os.path.join(d, "integrated.mtz"))
    return sg, mtz


def axial_note(d):
    """What dials.symmetry's absence table says about axial reflections."""
    try:
        log = open(os.path.join(d, "symmetry.log")).read()
    except OSError:
        return "no symmetry.log"
    rows = [l for l in log.splitlines() if l.startswith("| 2") or l.startswith("| 4") or l.startswith("| 3")]
    present = sum(int(l.split("|")[3]) for l in rows if l.split("|")[3].strip().isdigit())
    return "%d axial reflections observed" % present


def reindex_ops(sg):
    # Indexing alternatives of the lattice that the point group does not include.
    if sg.number in range(75, 81):  # P4..I41: twinning-type ambiguity (k,h,-l)
        return [gemmi.Op("x,y,z"), gemmi.Op("y,x,-z")]
    if sg.number in range(143, 147):
        return [gemmi.Op("x,y,z"), gemmi.Op("y,x,-z"), gemmi.Op("-y,-x,-z"), gemmi.Op("-x,-y,z")]
    return [gemmi.Op("x,y,z")]


def main():
    failures = 0
    for arg in sys.argv[1:]:
        name, rest = arg.split("=", 1)
        d, truth_json = rest.split(":", 1)
        t, true_sg, true_cell, true_i = load_truth(truth_json)
        sg, mtz = dials_result(d)
        cell = mtz.cell
        rel = max(abs(a - b) / b for a, b in zip(cell.parameters[:3], true_cell.parameters[:3]))
        ang = max(abs(a - b) for a, b in zip(cell.parameters[3:], true_cell.parameters[3:]))
        sg_ok = sg.number == true_sg.number
        # A short sweep may record no axial reflection, and then no program can see a screw axis:
        # the point group (and centring) is what the data can show.
        pg_ok = sg.point_group_hm() == true_sg.point_group_hm() and sg.hm[0] == true_sg.hm[0]
        print(f"\n== {name}: {t['crystal']} ({t['group']})")
        print("   truth: %-12s %s" % (true_sg.hm, " ".join("%.3f" % v for v in true_cell.parameters)))
        print("   DIALS: %-12s %s   max edge diff %.3f%%, angle diff %.3f deg, space group %s"
              % (sg.hm, " ".join("%.3f" % v for v in cell.parameters), rel * 100, ang,
                 "same" if sg_ok else ("same point group %s and lattice (screw axes not fully determined: %s)"
                                       % (sg.point_group_hm(), axial_note(d)) if pg_ok else "DIFFERENT")))
        cols = [c.label for c in mtz.columns]
        icol = "IPR" if "IPR" in cols else "I"
        data = np.array(mtz, copy=False)
        hkl = data[:, 0:3].astype(int)
        inten = data[:, cols.index(icol)]
        asu = gemmi.ReciprocalAsu(true_sg)
        ops = true_sg.operations()
        best = None
        alternatives = []
        for op in reindex_ops(true_sg):
            sums = {}
            for (h, k, l), i in zip(hkl, inten):
                if not math.isfinite(i):
                    continue
                hh = op.apply_to_hkl([int(h), int(k), int(l)])
                key = tuple(asu.to_asu(hh, ops)[0])
                s = sums.setdefault(key, [0.0, 0])
                s[0] += i
                s[1] += 1
            keys = [k for k in sums if k in true_i]
            obs = np.array([sums[k][0] / sums[k][1] for k in keys])
            tru = np.array([true_i[k] for k in keys])
            dd = np.array([true_cell.calculate_d(list(k)) for k in keys])
            cc = np.corrcoef(obs, tru)[0, 1]
            alternatives.append("%s: %.3f" % (op.triplet(), cc))
            if best is None or cc > best[0]:
                best = (cc, op, obs, tru, dd)
        cc, op, obs, tru, dd = best
        print(f"   {len(obs)} unique reflections matched ({icol}), indexing {op.triplet()}: overall CC = {cc:.3f}")
        if len(alternatives) > 1:
            print("   CC under each indexing of the ambiguous lattice: " + ", ".join(alternatives))
        edges = np.quantile(1 / dd**2, np.linspace(0, 1, 9))
        print("   shell d (A)        n     CC(DIALS, truth)")
        for lo, hi in zip(edges[:-1], edges[1:]):
            sel = (1 / dd**2 >= lo) & (1 / dd**2 <= hi)
            c = np.corrcoef(obs[sel], tru[sel])[0, 1]
            print("   %5.2f - %5.2f  %6d     %.3f" % (1 / math.sqrt(lo), 1 / math.sqrt(hi), sel.sum(), c))
        if not pg_ok or rel > 0.01 or cc < 0.8:
            failures += 1
    print("\n%s" % ("all datasets agree with the truth" if failures == 0 else f"{failures} dataset(s) disagree"))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
