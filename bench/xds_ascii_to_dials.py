#!/usr/bin/python3
"""Unmerged XDS_ASCII.HKL files -> one DIALS experiment list + reflection table (.expt/.refl).

Why: DIALS 3.12 has no reader for XDS_ASCII.HKL reflections (dials.import_xds takes reflections
only from INTEGRATE.HKL or SPOT.XDS, and its experiments need XDS.INP and the images), so
bench/merge uses this to give dials.scale + dials.merge the same 200 wedges mxflow merges.

Per file, one experiment, built from the header as XDS defines it:
  beam        X-RAY_WAVELENGTH, INCIDENT_BEAM_DIRECTION (source -> sample),
              FRACTION_OF_POLARIZATION / POLARIZATION_PLANE_NORMAL
  goniometer  ROTATION_AXIS
  scan        DATA_RANGE, STARTING_FRAME, STARTING_ANGLE, OSCILLATION_RANGE
  detector    NX NY QX QY, ORGX ORGY, DETECTOR_DISTANCE, DIRECTION_OF_DETECTOR_X/Y-AXIS
  crystal     UNIT_CELL_A/B/C-AXIS (real-space axes, lab frame, spindle datum) and
              SPACE_GROUP_NUMBER; without the axes, UNIT_CELL_CONSTANTS in a fixed orientation
              (then s1, and so DIALS's absorption term, is only nominal).
Reflections (records with SIGMA(IOBS) <= 0 are XDS's rejected ones and are skipped):
  miller_index; intensity.prf.* and intensity.sum.* = IOBS, SIGMA(IOBS)^2 (XDS_ASCII
  intensities are already LP-corrected: lp = qe = 1, partiality 1, full reflections);
  xyzobs.px.value = XD, YD, ZD as written (XDS's ZD and DIALS's z both put frame i on [i-1, i));
  s1 = s0 + R(phi(ZD)) A h, the crystal model's diffracted beam at the observed rotation angle,
  renormalised to 1/lambda; d from the cell; flags integrated_prf|integrated_sum; id and
  experiment identifiers.

Usage: xds_ascii_to_dials.py OUT_PREFIX FILE... | OUT_PREFIX --list formerge.lst
Writes OUT_PREFIX.expt and OUT_PREFIX.refl. Run with /usr/bin/python3 (Debian's DIALS 3.12).
"""
import math
import os
import sys

import numpy as np
from cctbx import sgtbx, uctbx
from dials.array_family import flex
from dxtbx.imageset import ImageSetFactory
from dxtbx.model import (BeamFactory, Crystal, Detector, Experiment, ExperimentList,
                         GoniometerFactory, ScanFactory)
from scitbx import matrix


class XdsAsciiError(Exception):
    pass


def read_xds_ascii(path):
    """Header keywords (name -> value text), item columns, and the records as a float array."""
    keywords, items, rows = {}, {}, []
    merged = None
    with open(path, encoding="latin-1") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("!"):
                body = line[1:].strip()
                if body.startswith("FORMAT=") and "MERGE=" in body:
                    merged = "MERGE=TRUE" in body
                if body.startswith("ITEM_"):
                    k, v = body[5:].split("=")
                    items[k.strip()] = int(v) - 1
                    continue
                if body.startswith(("END_OF_DATA", "END_OF_HEADER")):
                    continue
                # several KEY=value groups may share a line, values may have several numbers
                key = None
                for tok in body.split():
                    if "=" in tok:
                        key, _, v = tok.partition("=")
                        keywords[key] = v
                    elif key is not None:
                        keywords[key] = (keywords[key] + " " + tok).strip()
                continue
            if not line.strip():
                continue
            try:
                rows.append([float(x) for x in line.split()])
            except ValueError:
                raise XdsAsciiError(f"{path}: line {n}: not a number record: {line.strip()[:60]!r}")
    if merged is None:
        raise XdsAsciiError(f"{path}: no !FORMAT=XDS_ASCII line")
    if merged:
        raise XdsAsciiError(f"{path}: MERGE=TRUE; DIALS scaling needs unmerged observations")
    for need in ("H", "K", "L", "IOBS", "SIGMA(IOBS)", "XD", "YD", "ZD"):
        if need not in items:
            raise XdsAsciiError(f"{path}: no !ITEM_{need} column")
    width = max(items.values()) + 1
    bad = [i for i, r in enumerate(rows) if len(r) < width]
    if bad:
        raise XdsAsciiError(f"{path}: record {bad[0] + 1} has fewer than {width} numbers")
    return keywords, items, np.array(rows, dtype=float).reshape(-1, width)


def numbers(keywords, path, name, count):
    if name not in keywords:
        raise XdsAsciiError(f"{path}: header has no {name}")
    v = [float(x) for x in keywords[name].split()]
    if len(v) < count:
        raise XdsAsciiError(f"{path}: {name} needs {count} numbers, got {keywords[name]!r}")
    return v[:count] if count > 1 else v[0]


def experiment_from_header(kw, path, identifier):
    wavelength = numbers(kw, path, "X-RAY_WAVELENGTH", 1)
    incident = matrix.col(numbers(kw, path, "INCIDENT_BEAM_DIRECTION", 3)).normalize()
    beam = BeamFactory.simple_directional(tuple(-incident), wavelength)
    if "POLARIZATION_PLANE_NORMAL" in kw:
        beam.set_polarization_normal(tuple(numbers(kw, path, "POLARIZATION_PLANE_NORMAL", 3)))
        beam.set_polarization_fraction(numbers(kw, path, "FRACTION_OF_POLARIZATION", 1))
    gonio = GoniometerFactory.known_axis(tuple(matrix.col(numbers(kw, path, "ROTATION_AXIS", 3)).normalize()))
    first, last = (int(x) for x in numbers(kw, path, "DATA_RANGE", 2))
    start_frame = int(numbers(kw, path, "STARTING_FRAME", 1)) if "STARTING_FRAME" in kw else first
    osc = numbers(kw, path, "OSCILLATION_RANGE", 1)
    phi0 = numbers(kw, path, "STARTING_ANGLE", 1) + (first - start_frame) * osc
    n = last - first + 1
    scan = ScanFactory.make_scan(image_range=(first, last), exposure_times=0.1, oscillation=(phi0, osc),
                                 epochs=list(range(n)), deg=True)
    nx, ny = int(numbers(kw, path, "NX", 1)), int(numbers(kw, path, "NY", 1))
    qx, qy = numbers(kw, path, "QX", 1), numbers(kw, path, "QY", 1)
    orgx, orgy = numbers(kw, path, "ORGX", 1), numbers(kw, path, "ORGY", 1)
    dist = numbers(kw, path, "DETECTOR_DISTANCE", 1)
    dx = matrix.col(numbers(kw, path, "DIRECTION_OF_DETECTOR_X-AXIS", 3)).normalize()
    dy = matrix.col(numbers(kw, path, "DIRECTION_OF_DETECTOR_Y-AXIS", 3)).normalize()
    normal = dx.cross(dy).normalize()
    detector = Detector()
    panel = detector.add_panel()
    panel.set_type("SENSOR_PAD")
    panel.set_image_size((nx, ny))
    panel.set_pixel_size((qx, qy))
    panel.set_trusted_range((-1, 1e9))
    # XDS: (ORGX, ORGY) is the foot of the perpendicular from the crystal, DETECTOR_DISTANCE along x × y
    panel.set_frame(tuple(dx), tuple(dy), tuple(dist * normal - orgx * qx * dx - orgy * qy * dy))
    sgn = int(numbers(kw, path, "SPACE_GROUP_NUMBER", 1))
    group = sgtbx.space_group_info(number=sgn).group()
    if all(k in kw for k in ("UNIT_CELL_A-AXIS", "UNIT_CELL_B-AXIS", "UNIT_CELL_C-AXIS")):
        a, b, c = (numbers(kw, path, k, 3) for k in ("UNIT_CELL_A-AXIS", "UNIT_CELL_B-AXIS", "UNIT_CELL_C-AXIS"))
    else:
        cell = uctbx.unit_cell(numbers(kw, path, "UNIT_CELL_CONSTANTS", 6))
        o = matrix.sqr(cell.orthogonalization_matrix())
        a, b, c = (o * matrix.col(e) for e in ((1, 0, 0), (0, 1, 0), (0, 0, 1)))
    crystal = Crystal(tuple(a), tuple(b), tuple(c), space_group=group)
    # DIALS's reports want an image sequence per sweep; the frames are named but not needed
    # (nothing here reads images), one template per file so sweeps stay distinct.
    template = os.path.join(os.path.dirname(os.path.abspath(path)), "frames_not_available_#####.img")
    imageset = ImageSetFactory.make_sequence(template, list(range(first, last + 1)), beam=beam, detector=detector,
                                             goniometer=gonio, scan=scan, check_format=False)
    return Experiment(imageset=imageset, beam=beam, detector=detector, goniometer=gonio, scan=scan,
                      crystal=crystal, identifier=identifier)


def reflections(rows, items, expt, eid, path):
    sig = rows[:, items["SIGMA(IOBS)"]]
    keep = sig > 0
    rows = rows[keep]
    hkl = rows[:, [items["H"], items["K"], items["L"]]].astype(int)
    iobs, sig = np.ascontiguousarray(rows[:, items["IOBS"]]), np.ascontiguousarray(rows[:, items["SIGMA(IOBS)"]])
    xyz = rows[:, [items["XD"], items["YD"], items["ZD"]]]
    scan, beam = expt.scan, expt.beam
    # A ZD on the scan's end edge (XDS's F9.1 rounding of a centroid in the last image) would
    # make DIALS count one image past the scan; put it just inside the last image.
    z_end = scan.get_array_range()[1]
    edge = (xyz[:, 2] >= z_end) & (xyz[:, 2] < z_end + 0.05 + 1e-9)
    xyz[edge, 2] = z_end - 1e-3
    outside = (xyz[:, 2] < scan.get_array_range()[0]) | (xyz[:, 2] >= z_end)
    if outside.any():
        raise XdsAsciiError("%s: record with ZD=%.1f is outside DATA_RANGE (frames %d-%d)"
                            % (path, xyz[outside][0, 2], *scan.get_image_range()))
    # phi at ZD: array index 0 is the start of the scan's first image
    phi0, osc = (math.radians(x) for x in scan.get_oscillation())
    phi = phi0 + osc * (xyz[:, 2] - (scan.get_array_range()[0]))
    A = np.array(expt.crystal.get_A()).reshape(3, 3)
    r0 = hkl @ A.T
    e = np.array(expt.goniometer.get_rotation_axis())
    cp, sp = np.cos(phi)[:, None], np.sin(phi)[:, None]
    # Rodrigues rotation of each r0 about e by its phi
    r = r0 * cp + np.cross(e, r0) * sp + np.outer(r0 @ e, e) * (1 - cp)
    s0 = np.array(beam.get_s0())
    s1 = s0 + r
    s1 *= (1 / beam.get_wavelength()) / np.linalg.norm(s1, axis=1)[:, None]
    uc = expt.crystal.get_unit_cell()
    t = flex.reflection_table()
    n = len(hkl)
    t["id"] = flex.int(n, eid)
    t["panel"] = flex.size_t(n, 0)
    t["miller_index"] = flex.miller_index([tuple(int(x) for x in h) for h in hkl])
    t["intensity.prf.value"] = flex.double(iobs)
    t["intensity.prf.variance"] = flex.double(sig * sig)
    t["intensity.sum.value"] = flex.double(iobs)
    t["intensity.sum.variance"] = flex.double(sig * sig)
    t["partiality"] = flex.double(n, 1.0)
    t["lp"] = flex.double(n, 1.0)
    t["qe"] = flex.double(n, 1.0)
    t["xyzobs.px.value"] = flex.vec3_double([tuple(v) for v in xyz])
    t["xyzcal.px"] = flex.vec3_double([tuple(v) for v in xyz])
    t["s1"] = flex.vec3_double([tuple(v) for v in s1])
    t["d"] = uc.d(t["miller_index"])
    t["entering"] = flex.bool((s1 @ np.cross(e, s0)) < 0)
    t.set_flags(flex.bool(n, True), t.flags.integrated_prf | t.flags.integrated_sum)
    t.experiment_identifiers()[eid] = expt.identifier
    return t, int((~keep).sum()), int(edge.sum())


def convert(paths, out_prefix):
    experiments = ExperimentList()
    tables = []
    skipped = edges = 0
    for eid, path in enumerate(paths):
        kw, items, rows = read_xds_ascii(path)
        expt = experiment_from_header(kw, path, "%d:%s" % (eid, os.path.abspath(path)))
        t, s, e = reflections(rows, items, expt, eid, path)
        edges += e
        experiments.append(expt)
        tables.append(t)
        skipped += s
    table = flex.reflection_table()
    for t in tables:
        table.extend(t)
    experiments.as_file(out_prefix + ".expt")
    table.as_file(out_prefix + ".refl")
    return len(experiments), table.size(), skipped, edges


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    out = argv[0]
    if argv[1] == "--list":
        with open(argv[2]) as f:
            paths = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    else:
        paths = argv[1:]
    try:
        n, m, skipped, edges = convert(paths, out)
    except XdsAsciiError as e:
        sys.exit("xds_ascii_to_dials: " + str(e))
    print("%d XDS_ASCII.HKL files -> %s.expt/.refl: %d observations (%d rejected records skipped, %d with ZD on the scan's end edge moved inside)"
          % (n, out, m, skipped, edges))


if __name__ == "__main__":
    main(sys.argv[1:])
