#!/usr/bin/python3
"""Oracle for org.mxflow.simulate.StructureFactorsTest: |F|^2 of small fixed atomic models
computed by gemmi 0.5.7 (Debian python3-gemmi), StructureFactorCalculatorX with its IT92
(Cromer-Mann) form factors, atoms with B = 0, expanded by gemmi's own space-group operators.
Writes pipeline-steps/src/test/resources/simulate/structure_factors_gemmi.csv:
  space_group,h,k,l,F2
The atoms below are repeated in the Java test; change both together.
"""
import os
import gemmi

MODELS = {
    "P 21 21 21": ((52.3, 63.5, 71.9, 90, 90, 90),
                   [("C", 0.1234, 0.2345, 0.3456), ("N", 0.7011, 0.0523, 0.9002),
                    ("O", 0.4444, 0.8123, 0.1717), ("S", 0.3001, 0.6002, 0.7003)]),
    "P 43 21 2": ((78.6, 78.6, 37.9, 90, 90, 90),
                  [("C", 0.1111, 0.3333, 0.0555), ("O", 0.6012, 0.2874, 0.4431), ("N", 0.9123, 0.5555, 0.8181)]),
    "C 1 2 1": ((72.4, 58.1, 48.3, 90, 104.2, 90),
                [("C", 0.2020, 0.1010, 0.3030), ("S", 0.5150, 0.7250, 0.0950), ("O", 0.8810, 0.4420, 0.6630)]),
}
HKL = [(1, 2, 3), (2, 0, 0), (3, 0, 0), (0, 0, 4), (0, 0, 5), (0, 0, 2), (5, 7, 2), (-4, 3, 9), (10, 1, 1),
       (1, 1, 0), (2, 1, 0), (12, 15, 7), (0, 3, 0), (3, 1, 2), (-3, 1, 2), (6, 0, -4), (20, 11, 9)]


def main():
    out = os.path.join(os.path.dirname(__file__), "..", "..", "pipeline-steps", "src", "test", "resources",
                       "simulate", "structure_factors_gemmi.csv")
    with open(out, "w") as f:
        f.write("# written by scripts/oracles/structure_factors_gemmi.py with gemmi %s\n" % gemmi.__version__)
        f.write("space_group,h,k,l,F2\n")
        for sg, (cell, atoms) in MODELS.items():
            ss = gemmi.SmallStructure()
            ss.cell = gemmi.UnitCell(*cell)
            ss.spacegroup_hm = sg
            for el, x, y, z in atoms:
                site = gemmi.SmallStructure.Site()
                site.element = gemmi.Element(el)
                site.fract = gemmi.Fractional(x, y, z)
                site.occ = 1.0
                site.u_iso = 0.0
                ss.add_site(site)
            ss.setup_cell_images()
            calc = gemmi.StructureFactorCalculatorX(ss.cell)
            for hkl in HKL:
                if ss.cell.calculate_d(list(hkl)) < 1.5:
                    continue
                fc = calc.calculate_sf_from_small_structure(ss, list(hkl))
                f.write("%s,%d,%d,%d,%.6f\n" % (sg, hkl[0], hkl[1], hkl[2], abs(fc) ** 2))


if __name__ == "__main__":
    main()
