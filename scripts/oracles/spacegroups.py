#!/usr/bin/python3
"""Oracle for org.mxflow.symmetry: dumps what gemmi 0.5.7 says about every space group.

Run with Debian's python (it has python3-gemmi 0.5.7):
    /usr/bin/python3 scripts/oracles/spacegroups.py > core/src/test/resources/oracles/spacegroups.json

For each of the 230 groups (the setting gemmi.find_spacegroup_by_number returns, which is the
setting CCP4 and XDS mean by that number) plus the rhombohedral-axes settings of the 7 R groups:
number, ccp4 number, H-M (hm, xhm, short), Hall, operators as triplets, centring vectors in
1/24, point group, Laue class, crystal system, centring letter, and the MTZ SYMINF record
gemmi writes.  Per group, for every hkl with |h|,|k|,|l| <= 4 (h outer, l inner loop), one
hex digit: 1 = systematically absent, 2 = centric, 4 = in the CCP4 reciprocal ASU; and one
base-36 digit: epsilon without centring ("-" for 0 0 0).  Plus 30 random hkl up to 12 with gemmi's ASU
representative and epsilon with centring.
"""
import json
import random
import gemmi

B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def syminf(sg):
    m = gemmi.Mtz(with_base=True)
    m.spacegroup = sg
    m.set_cell_for_all(gemmi.UnitCell(50, 60, 70, 90, 90, 90))
    path = "/tmp/mxflow-oracle-sg.mtz"
    m.write_to_file(path)
    data = open(path, "rb").read()
    i = data.find(b"SYMINF")
    return data[i:i + 80].decode().rstrip()


def entry(sg):
    ops = sg.operations()
    asu = gemmi.ReciprocalAsu(sg)
    flags, eps = [], []
    for h in range(-4, 5):
        for k in range(-4, 5):
            for l in range(-4, 5):
                hkl = [h, k, l]
                f = 0
                if ops.is_systematically_absent(hkl):
                    f |= 1
                if ops.is_reflection_centric(hkl):
                    f |= 2
                if asu.is_in(hkl):
                    f |= 4
                flags.append("%x" % f)
                eps.append("-" if hkl == [0, 0, 0] else B36[ops.epsilon_factor_without_centering(hkl)])
    rnd = random.Random(sg.number * 7919 + sg.ccp4)
    samples = []
    for _ in range(30):
        hkl = [rnd.randint(-12, 12) for _ in range(3)]
        rep, isym = asu.to_asu(hkl, ops)
        samples.append(hkl + list(rep) + [ops.epsilon_factor(hkl)])
    return {
        "number": sg.number,
        "ccp4": sg.ccp4,
        "hm": sg.hm,
        "xhm": sg.xhm(),
        "short": sg.short_name(),
        "hall": sg.hall.strip(),
        "ops": [op.triplet() for op in ops.sym_ops],
        "centring": [list(c) for c in ops.cen_ops],
        "pointGroup": sg.point_group_hm(),
        "laue": sg.laue_str(),
        "crystalSystem": sg.crystal_system_str(),
        "centringType": sg.centring_type(),
        "centrosymmetric": sg.is_centrosymmetric(),
        "sohncke": sg.is_sohncke(),
        "syminf": syminf(sg),
        "grid": "".join(flags),
        "epsilon": "".join(eps),
        "samples": samples,
    }


groups = [entry(gemmi.find_spacegroup_by_number(n)) for n in range(1, 231)]
for sg in gemmi.spacegroup_table_itb():
    if sg.ext == "R":
        groups.append(entry(sg))
out = {"source": "gemmi " + gemmi.__version__, "gridMax": 4, "groups": groups}
print(json.dumps(out, separators=(",", ":")))
