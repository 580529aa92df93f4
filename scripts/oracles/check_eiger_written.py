#!/usr/bin/python3
"""Reads an EIGER dataset written by mxflow's EigerWriter with h5py (libhdf5) and the Debian
bitshuffle/LZ4 filter plug-ins, and prints what it finds as JSON.

    HDF5_PLUGIN_PATH=/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins \
    /usr/bin/python3 scripts/oracles/check_eiger_written.py <dir>/<prefix>_master.h5 > out.json

EigerWriterH5pyTest runs it live when /usr/bin/python3 has h5py; otherwise it compares against
pipeline-steps/src/test/resources/eiger-written/h5py_view.json, made by this script from the
test's deterministic files (pipeline-steps/target/eiger-oracle/, written by the test):

    /usr/bin/python3 scripts/oracles/check_eiger_written.py \
        pipeline-steps/target/eiger-oracle/oracle_001_master.h5 \
        > pipeline-steps/src/test/resources/eiger-written/h5py_view.json

The JSON names every file's SHA-256 so the test can tell the fixture still matches the bytes.
"""
import hashlib, json, os, sys
import h5py
import numpy as np

master_path = sys.argv[1]
folder = os.path.dirname(os.path.abspath(master_path))


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def value(ds):
    v = ds[()]
    if isinstance(v, bytes):
        return v.decode("ascii")
    if isinstance(v, np.ndarray):
        return [float(x) for x in v.ravel()]
    return float(v) if isinstance(v, (np.floating, float)) else int(v)


def attrs(obj):
    return {k: (v.decode() if isinstance(v, bytes) else int(v)) for k, v in obj.attrs.items()}


out = {"files": {}, "metadata": {}, "units": {}, "nx_class": {}, "links": [], "mask": None}
with h5py.File(master_path, "r") as m:
    out["files"][os.path.basename(master_path)] = sha(master_path)
    def visit(name, obj):
        if isinstance(obj, h5py.Group):
            if "NX_class" in obj.attrs:
                out["nx_class"][name] = obj.attrs["NX_class"].decode()
        elif name.endswith("pixel_mask"):
            mask = obj[()]
            out["mask"] = {"shape": list(mask.shape), "dtype": str(mask.dtype),
                           "sha256_le_u4": hashlib.sha256(mask.astype("<u4").tobytes()).hexdigest(),
                           "bit0": int(((mask & 1) != 0).sum()), "bit1": int(((mask & 2) != 0).sum())}
        else:
            out["metadata"][name] = value(obj)
            if "units" in obj.attrs:
                out["units"][name] = obj.attrs["units"].decode()
    m["entry"].visititems(visit)
    for name in sorted(m["entry/data"].keys()):
        link = m["entry/data"].get(name, getlink=True)
        entry = {"name": name, "type": type(link).__name__}
        if isinstance(link, h5py.ExternalLink):
            entry["file"] = link.filename
            entry["path"] = link.path
            out["files"][link.filename] = sha(os.path.join(folder, link.filename))
        ds = m["entry/data/" + name]          # follows the external link
        entry.update({"shape": list(ds.shape), "dtype": str(ds.dtype), "chunks": list(ds.chunks),
                      "filters": sorted(int(k) for k in ds._filters.keys()),
                      "filter_opts": [int(x) for x in ds._filters.get("32008", ())],
                      "attrs": attrs(ds), "frames": []})
        for i in range(ds.shape[0]):
            frame = ds[i]
            valid = frame[frame != np.iinfo(frame.dtype).max].astype(np.int64)
            entry["frames"].append({"sha256_le_u4": hashlib.sha256(frame.astype("<u4").tobytes()).hexdigest(),
                                    "valid_sum": int(valid.sum()), "max": int(valid.max())})
        out["links"].append(entry)
json.dump(out, sys.stdout, indent=1, sort_keys=True)
print()
