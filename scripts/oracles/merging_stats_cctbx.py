#!/usr/bin/python3
"""cctbx oracle for org.mxflow.stats.MergingStatisticsCalculator.

Reads an unmerged XDS_ASCII.HKL with iotbx.xds.read_ascii and computes, with cctbx's
iotbx.merging_statistics.merging_stats (Debian python3-cctbx, installed with DIALS), the
statistics of each of mxflow's XDS-style shells (9 shells of equal width in 1/d² between
D_MAX and D_MIN; the shells are selected here, cctbx computes everything inside them) and of
all data:
  sigma_filtering="xds" (merged I < -3 sigma rejected), use_internal_variance=False (merged
  sigma = 1/sqrt(sum w)), eliminate_sys_absent() first, anomalous=False,
  cc_one_half_significance_level=0.001.
Also, per shell, the number of anomalous pairs and SigAno = mean |I+ - I-| / sqrt(s+^2 + s-^2)
from cctbx's merge_equivalents of the anomalous array (pairs with >= 2 observations of each
parity), and the CC(1/2) critical value at 0.1 %.

    mvn -o -q test -pl core -Dtest=MergingStatisticsOracleTest   # writes the input file
    /usr/bin/python3 scripts/oracles/merging_stats_cctbx.py core/target/synthetic/XDS_ASCII_P43212.HKL 30.0 2.4 \
        > core/src/test/resources/oracles/merging_stats_cctbx.json
"""
import hashlib
import json
import math
import sys

from cctbx import crystal, miller, sgtbx
from cctbx.array_family import flex
from iotbx.xds import read_ascii
from iotbx.merging_statistics import merging_stats

path, d_max, d_min = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
N_SHELLS = 9
raw = open(path, "rb").read()
with open(path) as fh:
    r = read_ascii.reader(fh)
sym = crystal.symmetry(unit_cell=r.unit_cell, space_group_info=sgtbx.space_group_info(number=r.space_group_number))
ms = miller.set(sym, flex.miller_index(r.miller_indices), anomalous_flag=False)
i_obs = miller.array(ms, data=flex.double(r.iobs), sigmas=flex.double(r.sigma_iobs)).set_observation_type_xray_intensity()
i_obs = i_obs.select(i_obs.sigmas() > 0)
i_obs = i_obs.eliminate_sys_absent()
s0, s1 = 1 / d_max ** 2, 1 / d_min ** 2
step = (s1 - s0) / N_SHELLS
dss = i_obs.d_star_sq().data()
keep = (dss >= s0 * (1 - 1e-9)) & (dss <= s1 * (1 + 1e-9))
i_obs = i_obs.select(keep)
dss = i_obs.d_star_sq().data()
shell_of = flex.int([max(0, min(N_SHELLS - 1, int(math.ceil((s - s0) / step)) - 1)) for s in dss])
limits = [1 / math.sqrt(s0 + step * (i + 1)) for i in range(N_SHELLS)]
limits[-1] = d_min


def anomalous(arr):
    a = arr.customized_copy(anomalous_flag=True).map_to_asu()
    merged = a.merge_equivalents(use_internal_variance=False)
    m = merged.array()
    red = merged.redundancies()
    plus, minus = {}, {}
    for h, i, s, n in zip(m.indices(), m.data(), m.sigmas(), red.data()):
        if n < 2:
            continue
        plus[h] = (i, s)
    total, npairs = 0.0, 0
    for h, (i, s) in list(plus.items()):
        mate = (-h[0], -h[1], -h[2])
        if mate in plus and (h > mate):
            i2, s2 = plus[mate]
            total += abs(i - i2) / math.sqrt(s * s + s2 * s2)
            npairs += 1
    cc, n_cc = arr.half_dataset_anomalous_correlation(return_n_pairs=True)
    return npairs, (total / npairs if npairs else None), cc, n_cc


def stats(arr, dmax, dmin):
    m = merging_stats(arr, d_max_min=(dmax, dmin), sigma_filtering="xds", use_internal_variance=False,
                      anomalous=False, cc_one_half_significance_level=0.001)
    nano, sigano, cc_anom, n_anom = anomalous(arr)
    return {
        "d_max": dmax, "d_min": dmin,
        "n_obs": m.n_obs, "n_uniq": m.n_uniq, "completeness_pct": 100 * m.completeness,
        "n_possible": int(round(m.n_uniq / m.completeness)) if m.completeness > 0 else 0,
        "multiplicity": m.mean_redundancy, "r_merge": m.r_merge, "r_meas": m.r_meas, "r_pim": m.r_pim,
        "i_over_sigma": m.i_over_sigma_mean, "cc_half": m.cc_one_half, "cc_half_n": m.cc_one_half_n_refl,
        "cc_half_critical": m.cc_one_half_critical_value, "cc_half_significant": bool(m.cc_one_half_significance),
        "cc_anom": cc_anom, "cc_anom_n": n_anom, "nano": nano, "sig_ano": sigano,
        "n_rejected_after_merge": m.n_rejected_after_merge,
    }


out = {"source": "cctbx iotbx.merging_statistics.merging_stats", "input_sha256": hashlib.sha256(raw).hexdigest(),
       "d_max": d_max, "d_min": d_min, "shells": [], "total": None}
prev = d_max
for i in range(N_SHELLS):
    out["shells"].append(stats(i_obs.select(shell_of == i), prev, limits[i]))
    prev = limits[i]
out["total"] = stats(i_obs, d_max, d_min)
json.dump(out, sys.stdout, indent=1)
print()
