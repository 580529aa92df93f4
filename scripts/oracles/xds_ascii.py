#!/usr/bin/python3
"""Oracle for org.mxflow.reflection.XdsAsciiReader/Writer: how cctbx reads our XDS_ASCII files.

Reads core/src/test/resources/xds/{XDS_ASCII_CORRECT_sample.HKL, written_by_mxflow.HKL} with
cctbx's independent reader iotbx.xds.read_ascii (Debian python3-cctbx) and prints, per file,
the space group number, cell, wavelength, anomalous flag, record count and every record's
h, k, l, IOBS, SIGMA(IOBS), ZD as cctbx parsed them.

    /usr/bin/python3 scripts/oracles/xds_ascii.py > core/src/test/resources/oracles/xds_ascii_cctbx.json
"""
import json
import os
from iotbx.xds import read_ascii

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "core", "src", "test", "resources", "xds")
out = {"source": "cctbx iotbx.xds.read_ascii"}
for name in ("XDS_ASCII_CORRECT_sample.HKL", "written_by_mxflow.HKL"):
    with open(os.path.join(HERE, name)) as fh:
        r = read_ascii.reader(fh)
    records = [list(h) + [i, s, z] for h, i, s, z in zip(r.miller_indices, r.iobs, r.sigma_iobs, r.zd)]
    out[name] = {
        "spaceGroupNumber": r.space_group_number,
        "cell": list(r.unit_cell.parameters()),
        "wavelength": r.wavelength,
        "anomalous": bool(r.anomalous_flag),
        "n": len(records),
        "records": records,
    }
print(json.dumps(out, separators=(",", ":")))
