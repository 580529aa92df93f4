#!/usr/bin/python3
"""bench/merge's table: mxflow's and DIALS's merged results on the same wedges, side by side.

Arguments: OUT D_MIN   (OUT = bench/out/merge; D_MIN = mxflow's final resolution, used for both)
  mxflow: OUT/out/merge_<method>_*/<method>_*A_final/cluster_*/run_NN (the last run of each
          cluster): xscale.hkl (scaled unmerged; records with σ < 0 are its rejections),
          xscale_merged.hkl (merged), and the cluster's own numbers in cluster_summary.dat.
          Shown: the root cluster (most datasets) and the largest cluster made of one truth form
          only (forms from the wedge names A###/B### in xscale.hkl's !ISET lines).
  DIALS:  OUT/dials/<A|B|all>/: scaled.expt/.refl (dials.scale), merged.mtz and dials.merge.log.
Statistics are computed twice:
  "own"    each program's own overall numbers (mxflow: cluster_summary.dat; DIALS: dials.merge's
           summary, which is to its own corner resolution);
  "common" one calculator for both, cctbx's iotbx.merging_statistics (an independent program),
           on each program's scaled unmerged intensities after its own outlier rejection, same
           d range (D_MIN to the lowest), same 10 equal-volume shells, σ as scaled (no internal
           variance), no σ filter: overall and outer shell completeness, multiplicity, I/σ,
           Rmeas and CC½.
CC with truth: Pearson CC of merged I with OUT/truth_<A|B>.hkl on common reflections (P212121,
Friedel mates merged; the truth is the unscaled simulation input, so CC is about 1 for the
right form and about 0.07 for the other).
Uses Debian's python3 (DIALS 3.12's cctbx, gemmi 0.5.7, numpy).
"""
import glob
import os
import re
import sys

import gemmi
import numpy as np
from cctbx import crystal, miller
from cctbx.array_family import flex as cflex
from iotbx import merging_statistics


def read_xds(path):
    """(items, rows as float array, ISET file names) of an XDS_ASCII-format file."""
    items, rows, isets = {}, [], {}
    cell = sg = None
    for line in open(path, encoding="latin-1"):
        if line.startswith("!"):
            if line.startswith("!ITEM_"):
                k, v = line[6:].split("=")
                items[k.strip()] = int(v) - 1
            elif line.startswith("!ISET="):
                m = re.match(r"!ISET=\s*(\d+)\s+INPUT_FILE=(\S+)", line)
                if m:
                    isets[int(m.group(1))] = m.group(2)
            elif line.startswith("!UNIT_CELL_CONSTANTS="):
                cell = [float(x) for x in line.split("=")[1].split()]
            elif line.startswith("!SPACE_GROUP_NUMBER="):
                sg = int(line.split("=")[1])
            continue
        if line.strip():
            rows.append([float(x) for x in line.split()])
    return items, np.array(rows), isets, cell, sg


def truth(out, form):
    items, rows, _, _, _ = read_xds(os.path.join(out, "truth_%s.hkl" % form))
    return {(int(r[0]), int(r[1]), int(r[2])): r[items["IOBS"]] for r in rows}


def asu_map(merged, sg):
    asu, ops = gemmi.ReciprocalAsu(sg), sg.operations()
    return {tuple(asu.to_asu(list(h), ops)[0]): i for h, i in merged.items() if np.isfinite(i)}


def cc_truth(merged, truths, sg):
    m = asu_map(merged, sg)
    out = []
    for form in sorted(truths):
        t = asu_map(truths[form], sg)
        keys = [k for k in m if k in t]
        cc = np.corrcoef([m[k] for k in keys], [t[k] for k in keys])[0, 1] if len(keys) > 2 else float("nan")
        out.append("%s %.3f" % (form, cc))
    return ", ".join(out)


def stats(i_obs, d_min):
    """Overall and outer-shell [Cmpl %, Mult, I/σ, Rmeas %, CC½ %] from iotbx.merging_statistics."""
    s = merging_statistics.dataset_statistics(i_obs=i_obs, d_min=d_min, n_bins=10, anomalous=False,
                                              sigma_filtering=None, use_internal_variance=False,
                                              eliminate_sys_absent=True)

    def row(b):
        return [100 * b.completeness, b.mean_redundancy, b.i_over_sigma_mean, 100 * (b.r_meas or float("nan")),
                100 * b.cc_one_half]
    return row(s.overall), row(s.bins[-1]), s.bins[-1].d_min


def miller_array(indices, i, sig, cell, sg_number):
    cs = crystal.symmetry(unit_cell=cell, space_group_symbol=gemmi.find_spacegroup_by_number(sg_number).hm)
    ms = miller.set(cs, cflex.miller_index([tuple(int(x) for x in h) for h in indices]), anomalous_flag=False)
    return miller.array(ms, data=cflex.double(np.ascontiguousarray(i, dtype=float)), sigmas=cflex.double(np.ascontiguousarray(sig, dtype=float))).set_observation_type_xray_intensity()


def mxflow_rows(out, d_min, truths, sg):
    rows = []
    for final in sorted(glob.glob(os.path.join(out, "out", "merge_*", "*_final"))):
        method = os.path.basename(final).split("_")[0]
        summary = {}
        sfile = os.path.join(final, "cluster_summary.dat")
        if os.path.exists(sfile):
            lines = [l.split() for l in open(sfile) if l.strip() and not l.startswith("#")]
            col = {n: i for i, n in enumerate(lines[0])}
            for r in lines[1:]:
                summary[(r[0], int(r[col["run"]]))] = r, col
        clusters = []
        for cdir in sorted(glob.glob(os.path.join(final, "cluster_*"))):
            runs = sorted(glob.glob(os.path.join(cdir, "run_0[1-9]", "xscale.hkl")))
            if not runs:
                continue
            hkl = runs[-1]
            items, data, isets, cell, sgn = read_xds(hkl)
            forms = {}
            for name in isets.values():
                m = re.search(r"(?<![A-Za-z0-9])([AB])\d{3}", name)
                f = m.group(1) if m else "?"
                forms[f] = forms.get(f, 0) + 1
            clusters.append((cdir, hkl, items, data, isets, cell, sgn, forms))
        if not clusters:
            rows.append(("mxflow %s: no cluster in %s" % (method, final), None, None, None, ""))
            continue
        root = max(clusters, key=lambda c: len(c[4]))
        picks = [("all", root)]
        for form in "AB":
            pure = [c for c in clusters if set(c[7]) == {form}]
            if pure:
                picks.append((form, max(pure, key=lambda c: len(c[4]))))
            else:
                picks.append((form, None))
        for label, c in picks:
            if c is None:
                rows.append(("mxflow %s: no cluster of form %s only" % (method, label), None, None, None, ""))
                continue
            cdir, hkl, items, data, isets, cell, sgn, forms = c
            run = os.path.basename(os.path.dirname(hkl))
            keep = data[:, items["SIGMA(IOBS)"]] > 0
            arr = miller_array(data[keep][:, [items["H"], items["K"], items["L"]]], data[keep][:, items["IOBS"]],
                               data[keep][:, items["SIGMA(IOBS)"]], cell, sgn)
            ov, outer, dlo = stats(arr, d_min)
            mi, md, _, _, _ = read_xds(os.path.join(os.path.dirname(hkl), "xscale_merged.hkl"))
            merged = {(int(r[0]), int(r[1]), int(r[2])): r[mi["IOBS"]] for r in md}
            comp = " + ".join("%d %s" % (n, f) for f, n in sorted(forms.items()))
            own = summary.get((os.path.basename(cdir), int(run[-2:])))
            own_txt = ""
            if own:
                r, col = own
                own_txt = "own: Cmpl %s%% Redun %s I/sig %s Rmeas %s%% CC1/2 %s%%" % tuple(
                    r[col[k]] for k in ("Cmpl", "Redun", "I/sigI", "Rmeas", "CC1/2"))
            name = "mxflow %s %s %s (%s)" % (method, os.path.basename(cdir), run, comp)
            rows.append((name, ov, outer, cc_truth(merged, truths, sg), own_txt))
    return rows


def dials_rows(out, d_min, truths, sg):
    from dials.array_family import flex
    from dials.algorithms.scaling.scaling_library import scaled_data_as_miller_array
    from dials.util.filter_reflections import filter_reflection_table
    from dxtbx.model.experiment_list import ExperimentListFactory
    rows = []
    for group, label in (("all", "all wedges"), ("A", "form A wedges (truth labels)"), ("B", "form B wedges (truth labels)")):
        d = os.path.join(out, "dials", group)
        name = "DIALS %s" % label
        if not os.path.exists(os.path.join(d, "merged.mtz")):
            rows.append((name + ": no merged.mtz (DIALS did not finish)", None, None, None, ""))
            continue
        expts = ExperimentListFactory.from_json_file(os.path.join(d, "scaled.expt"), check_format=False)
        refl = flex.reflection_table.from_file(os.path.join(d, "scaled.refl"))
        # as dials.merge does: its filter (outliers, bad_for_scaling, partiality), scale applied
        refl = filter_reflection_table(refl, intensity_choice=["scale"], partiality_threshold=0.4)
        refl["inverse_scale_factor"] = flex.double(refl.size(), 1.0)
        arr = scaled_data_as_miller_array([refl], expts)
        ov, outer, dlo = stats(arr, d_min)
        mtz = gemmi.read_mtz_file(os.path.join(d, "merged.mtz"))
        cols = [c.label for c in mtz.columns]
        data = np.array(mtz, copy=False)
        merged = {(int(r[0]), int(r[1]), int(r[2])): float(r[cols.index("IMEAN")]) for r in data}
        own = {}
        for line in open(os.path.join(d, "dials.merge.log")):
            for key, pat in (("Cmpl", r"^Completeness\s"), ("Redun", r"^Multiplicity\s"), ("I/sig", r"^I/sigma\s"),
                             ("Rmeas", r"^Rmeas\(I\)\s"), ("CC1/2", r"^CC half\s"), ("dmin", r"^High resolution limit\s")):
                if key not in own and re.match(pat, line):
                    own[key] = float(line.split()[-3])
        own_txt = "own (to %.2f A): Cmpl %.1f%% Mult %.1f I/sig %.1f Rmeas %.1f%% CC1/2 %.1f%%" % (
            own.get("dmin", float("nan")), own.get("Cmpl", float("nan")), own.get("Redun", float("nan")),
            own.get("I/sig", float("nan")), 100 * own.get("Rmeas", float("nan")), 100 * own.get("CC1/2", float("nan")))
        rows.append(("%s (%d used)" % (name, len(expts)), ov, outer, cc_truth(merged, truths, sg), own_txt))
    return rows


def main(out, d_min):
    sg = gemmi.SpaceGroup("P 21 21 21")
    truths = {f: truth(out, f) for f in "AB"}
    rows = mxflow_rows(out, d_min, truths, sg) + dials_rows(out, d_min, truths, sg)
    print("Statistics by one calculator (iotbx.merging_statistics, 10 shells, %.2f A to the lowest; outer shell at right)" % d_min)
    hdr = "%6s %5s %6s %6s %6s"
    print("%-52s  " % "merged set" + hdr % ("Cmpl%", "Mult", "I/sig", "Rmeas%", "CC1/2%") + "  | "
          + hdr % ("Cmpl%", "Mult", "I/sig", "Rmeas%", "CC1/2%") + "  | CC with truth")
    fmt = "%6.1f %5.1f %6.1f %6.1f %6.1f"
    for name, ov, outer, cc, own in rows:
        if ov is None:
            print(name)
            continue
        print("%-52s  " % name + fmt % tuple(ov) + "  | " + fmt % tuple(outer) + "  | " + cc)
    print("\nEach program's own overall numbers:")
    for name, ov, outer, cc, own in rows:
        if own:
            print("  %-52s %s" % (name, own))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], float(sys.argv[2]))
