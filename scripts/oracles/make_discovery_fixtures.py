#!/usr/bin/python3
"""Writes the small image fixtures the discovery tests build raw-data trees from, with independent
writers: fabio 0.14 (Debian python3-fabio) for PILATUS miniCBF, h5py 3.7 for an EIGER master with
external links to data files. Output: orchestrator/src/test/resources/discovery/.

- pilatus_0.1deg.cbf, pilatus_0.25deg.cbf: 64x64 int32 byte-offset miniCBF, PILATUS header with
  Wavelength 1.0 A, Detector_distance 0.2 m, Beam_xy (31.5, 32.5), Pixel_size 172e-6 m, and the
  Angle_increment in the name.
- EIG0004-01-multi_master.h5 + _data_000001.h5 + _data_000002.h5: an EIGER multi-mode master
  (nimages=10 per trigger, ntrigger=2 crystals, omega 1.0 deg/frame), 16x16 uint16 frames, each
  data file with image_nr_low/high on its dataset as the DECTRIS firmware writes them.

Run: /usr/bin/python3 scripts/oracles/make_discovery_fixtures.py
"""
import os
import numpy as np
import fabio.cbfimage
import h5py

out = os.path.join(os.path.dirname(__file__), "..", "..", "orchestrator", "src", "test", "resources", "discovery")
os.makedirs(out, exist_ok=True)

HEADER = """# Detector: PILATUS3 6M, S/N 60-0000
# 2020-09-28T10:00:00.000
# Pixel_size 172e-6 m x 172e-6 m
# Silicon sensor, thickness 0.000450 m
# Exposure_time 0.0200000 s
# Exposure_period 0.0200000 s
# Count_cutoff 1048500 counts
# Wavelength 1.00000 A
# Detector_distance 0.20000 m
# Beam_xy (31.50, 32.50) pixels
# Start_angle 0.0000 deg.
# Angle_increment {width:.4f} deg.
# Oscillation_axis X.CW
# N_oscillations 1"""

rng = np.random.default_rng(7)
for width in (0.1, 0.25):
    data = rng.poisson(3.0, size=(64, 64)).astype(np.int32)
    img = fabio.cbfimage.CbfImage(data=data)
    img.header["_array_data.header_convention"] = "PILATUS_1.2"
    img.header["_array_data.header_contents"] = HEADER.format(width=width)
    name = os.path.join(out, "pilatus_%gdeg.cbf" % width)
    img.write(name)

prefix = "EIG0004-01-multi"
nimages, ntrigger = 10, 2
for k in range(ntrigger):
    with h5py.File(os.path.join(out, "%s_data_%06d.h5" % (prefix, k + 1)), "w") as f:
        d = f.create_dataset("entry/data/data", data=rng.poisson(2.0, size=(nimages, 16, 16)).astype(np.uint16))
        d.attrs["image_nr_low"] = np.int32(k * nimages + 1)
        d.attrs["image_nr_high"] = np.int32((k + 1) * nimages)

with h5py.File(os.path.join(out, prefix + "_master.h5"), "w") as f:
    det = f.create_group("entry/instrument/detector")
    det["x_pixel_size"] = np.float32(75e-6)
    det["y_pixel_size"] = np.float32(75e-6)
    det["detector_distance"] = np.float32(0.15)
    det["beam_center_x"] = np.float32(7.5)
    det["beam_center_y"] = np.float32(8.5)
    det["count_time"] = np.float32(0.01)
    det["description"] = np.bytes_(b"Dectris EIGER X 9M")
    spec = det.create_group("detectorSpecific")
    spec["nimages"] = np.uint32(nimages)
    spec["ntrigger"] = np.uint32(ntrigger)
    spec["x_pixels_in_detector"] = np.uint32(16)
    spec["y_pixels_in_detector"] = np.uint32(16)
    spec["countrate_correction_count_cutoff"] = np.uint32(12440)
    f["entry/instrument/beam/incident_wavelength"] = np.float32(1.0)
    gon = f.create_group("entry/sample/goniometer")
    gon["omega_range_average"] = np.float32(1.0)
    gon["omega_increment"] = np.float32(1.0)
    gon["omega"] = np.arange(nimages * ntrigger, dtype=np.float32) * 1.0
    data = f.create_group("entry/data")
    for k in range(ntrigger):
        data["data_%06d" % (k + 1)] = h5py.ExternalLink("%s_data_%06d.h5" % (prefix, k + 1), "/entry/data/data")

for n in sorted(os.listdir(out)):
    print(n, os.path.getsize(os.path.join(out, n)))
