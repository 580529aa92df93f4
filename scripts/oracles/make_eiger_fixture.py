#!/usr/bin/python3
"""Writes small EIGER-like NXmx fixtures with h5py + the Debian bitshuffle/LZ4 HDF5 plug-ins.

    HDF5_PLUGIN_PATH=/usr/lib/x86_64-linux-gnu/hdf5/serial/plugins \
    /usr/bin/python3 scripts/oracles/make_eiger_fixture.py pipeline-steps/src/test/resources/eiger

Two datasets, each a master file plus two external-linked data files of 3 frames each:
  bslz4_master.h5  uint32 97x53 frames, bitshuffle+LZ4 (filter 32008, block size 0): 5141 pixels
                   = 2 full 2048-element blocks + a partial one, which jhdf 0.13's own filter
                   leaves undecoded (the regression this fixture exposes);
  lz4_master.h5    uint16 37x53 frames, HDF5 LZ4 (filter 32004).
A pixel mask marks a gap column (bit 0) and two dead pixels (bit 1) and a hot one (bit 3);
pixels under the mask hold the detector's invalid value (2^bits - 1), one pixel per frame is at
the saturation value. expected.json holds what h5py reads back (sums, chosen pixels, statistics).
"""
import json, os, sys
import h5py
import numpy as np
import bitshuffle.h5  # registers filter 32008 with h5py

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
expected = {}


def make(prefix, dtype, width, height, compression, opts):
    rng = np.random.default_rng(20261121)
    invalid = np.iinfo(dtype).max
    saturation = 40000 if dtype == np.uint16 else 1_000_000
    mask = np.zeros((height, width), np.uint32)
    mask[:, 17] = 1          # module gap column
    mask[5, 3] = 2           # dead
    mask[40, 30] = 2
    mask[7, 8] = 8           # hot
    frames = []
    for f in range(6):
        img = rng.poisson(3 + f, (height, width)).astype(np.int64)
        img[20, 20] = 500 + 1000 * f                     # a "spot"
        img[2, 2] = saturation                           # overloaded pixel
        img[mask != 0] = invalid
        frames.append(img.astype(dtype))
    frames = np.stack(frames)
    for part in range(2):
        with h5py.File(os.path.join(out, f"{prefix}_data_{part + 1:06d}.h5"), "w") as d:
            ds = d.create_dataset("entry/data/data", data=frames[3 * part:3 * part + 3],
                                  chunks=(1, height, width), compression=compression, compression_opts=opts)
            ds.attrs["image_nr_low"] = np.int32(3 * part + 1)
            ds.attrs["image_nr_high"] = np.int32(3 * part + 3)
    with h5py.File(os.path.join(out, f"{prefix}_master.h5"), "w") as m:
        e = m.create_group("entry")
        e.attrs["NX_class"] = "NXentry"
        det = m.create_group("entry/instrument/detector")
        det["description"] = np.bytes_("Dectris EIGER2 fixture")
        det["beam_center_x"] = np.float32(48.25); det["beam_center_x"].attrs["units"] = "pixel"
        det["beam_center_y"] = np.float32(26.5); det["beam_center_y"].attrs["units"] = "pixel"
        det["detector_distance"] = np.float32(0.1205); det["detector_distance"].attrs["units"] = "m"
        det["x_pixel_size"] = np.float32(75e-6); det["y_pixel_size"] = np.float32(75e-6)
        det["count_time"] = np.float32(0.0099)
        det["saturation_value"] = np.uint32(saturation)
        det["bit_depth_image"] = np.uint32(16 if dtype == np.uint16 else 32)
        spec = det.create_group("detectorSpecific")
        spec["pixel_mask"] = mask
        spec["x_pixels_in_detector"] = np.uint32(width)
        spec["y_pixels_in_detector"] = np.uint32(height)
        spec["nimages"] = np.uint32(6)
        spec["ntrigger"] = np.uint32(1)
        m["entry/instrument/beam/incident_wavelength"] = np.float32(0.97918)
        g = m.create_group("entry/sample/goniometer")
        g["omega"] = np.arange(6, dtype=np.float32) * 0.1 + 12.0
        g["omega_increment"] = np.float32(0.1)
        g["phi"] = np.zeros(6, np.float32)
        g["phi_increment"] = np.float32(0.0)
        data = m.create_group("entry/data")
        for part in range(2):
            data[f"data_{part + 1:06d}"] = h5py.ExternalLink(f"{prefix}_data_{part + 1:06d}.h5", "entry/data/data")
    valid = lambda a: a[(mask == 0) & (a < saturation)]
    expected[prefix] = {
        "width": width, "height": height, "frames": 6, "saturation": saturation,
        "frameSums": [int(f.astype(np.int64)[mask == 0].sum()) for f in frames],
        "pixel_20_20": [int(f[20, 20]) for f in frames],
        "lastPixel": [int(f[-1, -1]) for f in frames],
        "stats_frame1": {"min": int(valid(frames[0]).min()), "max": int(valid(frames[0]).max()),
                         "mean": float(valid(frames[0]).mean()), "valid": int(valid(frames[0]).size),
                         "gap": int((mask & 1 != 0).sum()), "bad": int(((mask != 0) & (mask & 1 == 0)).sum()),
                         "overload": int(((mask == 0) & (frames[0] >= saturation)).sum())},
    }


make("bslz4", np.uint32, 97, 53, 32008, (0, 2))
make("lz4", np.uint16, 37, 53, 32004, (0,))
with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump(expected, f, indent=1)
