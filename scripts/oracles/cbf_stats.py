#!/usr/bin/python3
"""Expected header values and pixel statistics of the real CBF frames, from independent readers.

Run with Debian's python (fabio 0.14, dxtbx from the DIALS packages):
    /usr/bin/python3 scripts/oracles/cbf_stats.py ../shared/data/real \
        > pipeline-steps/src/test/resources/oracles/cbf_stats.json
Pixels come from fabio; header numbers are parsed from fabio's header text; for the full CBF
(imgCIF) the geometry comes from dxtbx's imgCIF model (beam centre where s0 hits the panel).
Statistics: gap = pixels == -1, bad = pixels <= -2, overload = pixels >= Count_cutoff,
valid = 0 <= pixel < Count_cutoff (min, max, mean, sum over valid pixels).
"""
import glob, json, os, re, sys
import fabio
import numpy as np

root = sys.argv[1]
files = sorted(glob.glob(os.path.join(root, "single_frames", "*.cbf*"))) + \
        sorted(glob.glob(os.path.join(root, "thaumatin_grid", "*.cbf*")))
NUM = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"


def pilatus(text):
    keys = {}
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("#"):
            continue
        parts = re.split(r"[\s:=]+", line[1:].strip(), maxsplit=1)
        if len(parts) == 2:
            keys.setdefault(parts[0], parts[1])
    nums = lambda k: [float(x) for x in re.findall(NUM, keys[k])]
    return {
        "detector": keys["Detector"],
        "pixelSizeXMm": nums("Pixel_size")[0] * 1000, "pixelSizeYMm": nums("Pixel_size")[1] * 1000,
        "wavelengthA": nums("Wavelength")[0], "distanceMm": nums("Detector_distance")[0] * 1000,
        "beamXPx": nums("Beam_xy")[0], "beamYPx": nums("Beam_xy")[1],
        "oscStartDeg": nums("Start_angle")[0], "oscWidthDeg": nums("Angle_increment")[0],
        "exposureS": nums("Exposure_time")[0], "countCutoff": int(nums("Count_cutoff")[0]),
    }


out = []
for f in files:
    img = fabio.open(f)
    data = img.data.astype(np.int64)
    text = img.header.get("_array_data.header_contents", "")
    h = pilatus(text)
    entry = {"file": os.path.relpath(f, root), "width": int(data.shape[1]), "height": int(data.shape[0]),
             "pilatusHeader": h}
    if "DLS_I03" in f:
        from dxtbx.model.experiment_list import ExperimentListFactory
        from dxtbx.imageset import ImageSetFactory
        import dxtbx
        fmt = dxtbx.load(f)
        det, beam, scan = fmt.get_detector()[0], fmt.get_beam(), fmt.get_scan()
        bx, by = det.get_beam_centre_px(beam.get_s0())
        entry["dxtbx"] = {"format": type(fmt).__name__, "beamXPx": bx, "beamYPx": by,
                          "distanceMm": det.get_distance(), "wavelengthA": beam.get_wavelength(),
                          "oscStartDeg": scan.get_oscillation()[0], "oscWidthDeg": scan.get_oscillation()[1]}
    cutoff = h["countCutoff"]
    valid = data[(data >= 0) & (data < cutoff)]
    entry["stats"] = {
        "sumAll": int(data.sum()), "min": int(valid.min()), "max": int(valid.max()),
        "mean": float(valid.mean()), "sumValid": int(valid.sum()), "valid": int(valid.size),
        "gap": int((data == -1).sum()), "bad": int((data <= -2).sum()), "overload": int((data >= cutoff).sum()),
        "at_1000_1000": int(data[1000, 1000]),
    }
    out.append(entry)
    print(f, file=sys.stderr)
print(json.dumps(out, indent=1))
