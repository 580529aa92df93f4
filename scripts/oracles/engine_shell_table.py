#!/usr/bin/python3
"""Oracle for the engine's CORRECT-style shell table: cctbx's iotbx.merging_statistics on an
unmerged XDS_ASCII.HKL written by mxflow (simulated P4212 wedge, frames 1-6), one shell from 50 A
to the data's d_min, with Friedel mates apart (anomalous=True, as XDS with FRIEDEL'S_LAW=FALSE)
and together, with XDS's "SIGNAL/NOISE >= -3.0" rejection (sigma_filtering="xds", as the table in
CORRECT.LP and core's MergingStatisticsCalculator). Writes the JSON fixture the Java test compares with.
Usage: /usr/bin/python3 scripts/oracles/engine_shell_table.py IN.HKL OUT.json  (Debian python3 with cctbx from the dials package)
"""
import json
import sys

import iotbx.merging_statistics as ms
from iotbx.xds import read_ascii

src, out = sys.argv[1], sys.argv[2]
ma = read_ascii.reader(open(src)).as_miller_array(merge_equivalents=False)
res = {"source": "iotbx.merging_statistics (cctbx, Debian dials package)", "sigma_filtering": "xds", "d_min": ma.d_min()}
for anom in (False, True):
    o = ms.dataset_statistics(i_obs=ma, n_bins=1, anomalous=anom, d_max=50, sigma_filtering="xds").overall
    res["anomalous" if anom else "friedel_merged"] = {
        "n_obs": o.n_obs, "n_uniq": o.n_uniq, "completeness": o.completeness,
        "r_merge": o.r_merge, "r_meas": o.r_meas, "i_over_sigma_mean": o.i_over_sigma_mean}
with open(out, "w") as f:
    json.dump(res, f, indent=1)
