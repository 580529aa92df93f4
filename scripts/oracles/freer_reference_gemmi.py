#!/usr/bin/python3
"""Makes a FreeR_flag reference MTZ from a real merged MTZ, in another ASU choice, with gemmi.

    /usr/bin/python3 scripts/oracles/freer_reference_gemmi.py \
        ../shared/data/real/mtz/x4wide_scaled.mtz core/src/test/resources/oracles/freer_reference_x4wide.mtz

The real files in shared/data/real/mtz carry no FreeR_flag, so this script gives the reflections
of x4wide_scaled.mtz (xia2/AIMLESS, P 41 21 2) a FreeR_flag as CCP4 FREERFLAG would (0..19,
uniform, numpy seed 4101), leaves ~4 % of them out, and writes each kept reflection not at its
ASU index but at a symmetry mate chosen at random (any operator of the group, Friedel mate half
of the time): a reference in "another ASU choice". Columns: H K L FreeR_flag (I), and
H_ASU K_ASU L_ASU (I): the ASU index gemmi maps the written index to (asserted equal to the
original), which core's FreeRFlagsTest compares mxflow's own mapping against.
"""
import sys

import gemmi
import numpy as np

src, dst = sys.argv[1], sys.argv[2]
mtz = gemmi.read_mtz_file(src)
sg = mtz.spacegroup
ops = list(sg.operations())
asu = gemmi.ReciprocalAsu(sg)
rng = np.random.default_rng(4101)
hkl = np.array(mtz.make_miller_array(), dtype=int)
n = len(hkl)
flags = rng.integers(0, 20, n)
keep = rng.random(n) >= 0.04
op_choice = rng.integers(0, len(ops), n)
friedel = rng.random(n) < 0.5
rows = []
for i in range(n):
    if not keep[i]:
        continue
    h = ops[op_choice[i]].apply_to_hkl([int(x) for x in hkl[i]])
    if friedel[i]:
        h = [-x for x in h]
    back, _ = asu.to_asu(h, sg.operations())
    assert list(back) == [int(x) for x in hkl[i]], (hkl[i], h, back)
    rows.append(list(h) + [flags[i]] + list(back))

out = gemmi.Mtz()
out.title = "FreeR_flag reference from " + src.split("/")[-1] + " (freer_reference_gemmi.py)"
out.spacegroup = sg
out.cell = mtz.cell
out.add_dataset("HKL_base")
ds = out.add_dataset("freer")
ds.project_name = "mxflow"
ds.crystal_name = "x4wide"
ds.wavelength = 0.9795
for label in ("H", "K", "L"):
    out.add_column(label, "H", dataset_id=0)
out.add_column("FreeR_flag", "I", dataset_id=1)
for label in ("H_ASU", "K_ASU", "L_ASU"):
    out.add_column(label, "I", dataset_id=1)
out.set_data(np.array(rows, dtype=np.float32))
out.write_to_file(dst)
print(f"{dst}: {len(rows)} of {n} reflections, {sum(1 for r in rows if r[3] == 0)} with flag 0, "
      f"{sum(1 for r in rows if r[:3] != r[4:])} written off their ASU index")
