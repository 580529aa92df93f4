#!/usr/bin/python3
"""Side-by-side merging statistics of mxflow and DIALS, and the CC of each merged set with the truth.

Arguments: MXFLOW_MERGE_DIR DIALS_DIR TRUTH_DIR WEDGE...   (run by bench/merge-vs-dials)
mxflow: cluster_summary.dat of each clustering's final pass; the all-datasets cluster (largest
ds.all), last run, and every other cluster of the final pass; run_NN/xscale_merged.hkl.
DIALS: the "Overall" column of dials.merge's merging-statistics summary (merge.log) and IMEAN of
merged.mtz, for DIALS_DIR/all6 and DIALS_DIR/lysA.
Truth: intensities_<group>.hkl x scale x exp(-B/2d^2) (B averaged over the group's wedges), cut at
the crystal's d_min and mapped to the P43212 asymmetric unit as bench/compare_dials_with_truth.py
does. Point group 422 has no indexing ambiguity on a tetragonal lattice, so no reindexing is tried.
Uses Debian's python3 with gemmi 0.5.7 and numpy.
"""
import glob
import json
import math
import os
import re
import sys

import gemmi
import numpy as np


def load_truths(truth_dir, wedges):
    meta = {w: json.load(open(os.path.join(truth_dir, w + ".json"))) for w in wedges}
    truths = {}
    for group in sorted({m["group"] for m in meta.values()}):
        ms = [m for m in meta.values() if m["group"] == group]
        t = ms[0]
        b = sum(m["b_factor_A2"] for m in ms) / len(ms)
        sg = gemmi.SpaceGroup(t["space_group"])
        cell = gemmi.UnitCell(*t["cell"])
        asu, ops = gemmi.ReciprocalAsu(sg), sg.operations()
        true_i = {}
        for line in open(os.path.join(truth_dir, t["intensities_file"])):
            if line.startswith("#"):
                continue
            h, k, l, i = line.split()
            hkl = [int(h), int(k), int(l)]
            d = cell.calculate_d(hkl)
            if d >= t.get("d_min_A", 0):
                true_i[tuple(asu.to_asu(hkl, ops)[0])] = float(i) * t["scale"] * math.exp(-b / (2 * d * d))
        truths[group] = true_i
    return meta, truths, sg


def cc_with_truth(merged, truths, sg):
    """merged: {(h,k,l): I}; returns 'lysA 0.998 (n), lysB ...'."""
    asu, ops = gemmi.ReciprocalAsu(sg), sg.operations()
    m = {}
    for hkl, i in merged.items():
        if math.isfinite(i):
            m[tuple(asu.to_asu(list(hkl), ops)[0])] = i
    out = []
    for group, t in truths.items():
        keys = [k for k in m if k in t]
        cc = np.corrcoef([m[k] for k in keys], [t[k] for k in keys])[0, 1] if len(keys) > 2 else float("nan")
        out.append("%s %.4f (%d)" % (group, cc, len(keys)))
    return ", ".join(out)


def read_xds_merged(path):
    items, rows = {}, {}
    for line in open(path, encoding="latin-1"):
        if line.startswith("!ITEM_"):
            k, v = line[6:].split("=")
            items[k.strip()] = int(v) - 1
        elif not line.startswith("!") and line.strip():
            p = line.split()
            rows[(int(p[0]), int(p[1]), int(p[2]))] = float(p[items["IOBS"]])
    return rows


def cluster_wedges(cluster_dir, wedges):
    inp = os.path.join(cluster_dir, "run_01", "XSCALE.INP")
    text = open(inp).read() if os.path.exists(inp) else ""
    return sorted(w for w in wedges if w in text)


def mxflow_rows(merge_dir, wedges, meta, truths, sg):
    lysa = sorted(w for w in wedges if meta[w]["group"] == "lysA")
    rows = []
    for summary in sorted(glob.glob(os.path.join(merge_dir, "merge_*", "*_final", "cluster_summary.dat"))):
        final = os.path.dirname(summary)
        method = os.path.basename(final).split("_")[0]
        lines = [l.split() for l in open(summary) if l.strip() and not l.startswith("#")]
        header, data = lines[0], lines[1:]
        col = {name: i for i, name in enumerate(header)}
        by_cluster = {}
        for r in data:
            by_cluster.setdefault(r[0], []).append(r)
        # every merged cluster of the final pass, the all-datasets one first, named by its truth forms
        biggest = max(by_cluster, key=lambda c: int(by_cluster[c][0][col["ds.all"]]))
        picks = []
        for c in [biggest] + [c for c in by_cluster if c != biggest]:
            ws = cluster_wedges(os.path.join(final, c), wedges)
            forms = {}
            for w in ws:
                forms[meta[w]["group"]] = forms.get(meta[w]["group"], 0) + 1
            label = ("all datasets: " if c == biggest else "") + " + ".join("%d %s" % (n, g) for g, n in sorted(forms.items()))
            picks.append((label, c))
        for label, c in picks:
            r = max(by_cluster[c], key=lambda r: int(r[col["run"]]))
            run = int(r[col["run"]])
            merged = os.path.join(final, c, "run_%02d" % run, "xscale_merged.hkl")
            cc = cc_with_truth(read_xds_merged(merged), truths, sg) if os.path.exists(merged) else "no " + merged
            rows.append(("mxflow %s %s run_%02d (%s; %s used)" % (method, c, run, label, r[col["ds.used"]]),
                         [float(r[col[k]]) for k in ("Cmpl", "Redun", "I/sigI", "Rmeas", "CC1/2")], cc))
    return rows


def dials_row(d, label, truths, sg):
    log = os.path.join(d, "merge.log")
    if not os.path.exists(log):
        return (label, None, "no %s (DIALS did not get this far)" % log)
    vals = {}
    for line in open(log):
        for key, pat in (("Cmpl", r"^Completeness\s"), ("Redun", r"^Multiplicity\s"), ("I/sigI", r"^I/sigma\s"),
                         ("Rmeas", r"^Rmeas\(I\)\s"), ("CC1/2", r"^CC half\s")):
            if key not in vals and re.match(pat, line):
                vals[key] = float(line.split()[-3])  # columns: Overall Low High
    # DIALS prints Rmeas and CC half as fractions; XSCALE as percent
    stats = [vals.get("Cmpl", float("nan")), vals.get("Redun", float("nan")), vals.get("I/sigI", float("nan")),
             100 * vals.get("Rmeas", float("nan")), 100 * vals.get("CC1/2", float("nan"))]
    mtz = gemmi.read_mtz_file(os.path.join(d, "merged.mtz"))
    cols = [c.label for c in mtz.columns]
    data = np.array(mtz, copy=False)
    merged = {(int(r[0]), int(r[1]), int(r[2])): float(r[cols.index("IMEAN")]) for r in data}
    return (label, stats, cc_with_truth(merged, truths, sg))


def main():
    merge_dir, dials_dir, truth_dir, wedges = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    meta, truths, sg = load_truths(truth_dir, wedges)
    print("\ntruth: " + ", ".join("%s=%s" % (w, meta[w]["group"]) for w in wedges))
    rows = mxflow_rows(merge_dir, wedges, meta, truths, sg)
    dmin = sorted(glob.glob(os.path.join(merge_dir, "merge_blend_*", "blend_*A_final")))
    dmin = os.path.basename(dmin[0]).split("_")[1].rstrip("A") + " Å" if dmin else "?"
    for sub, label in (("all6", "DIALS all six wedges, to the corner"),
                       ("all6/dmin", "DIALS all six wedges, d_min %s (as mxflow)" % dmin),
                       ("lysA", "DIALS 4 lysA wedges (truth labels), to the corner"),
                       ("lysA/dmin", "DIALS 4 lysA wedges (truth labels), d_min %s" % dmin)):
        label, stats, cc = dials_row(os.path.join(dials_dir, sub), label, truths, sg)
        rows.append((label, stats, cc))
    print("%-60s %6s %6s %7s %6s %6s   %s" % ("merged set (overall, all resolution)", "Cmpl%", "Mult", "I/sig", "Rmeas%", "CC1/2%", "CC with truth (n common)"))
    for label, stats, cc in rows:
        if stats is None:
            print("%-60s %s" % (label, cc))
        else:
            print("%-60s %6.1f %6.1f %7.2f %6.1f %6.1f   %s" % ((label,) + tuple(stats) + (cc,)))


if __name__ == "__main__":
    main()
