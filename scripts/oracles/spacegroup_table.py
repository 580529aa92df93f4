#!/usr/bin/python3
"""Writes the space-group table that org.mxflow.symmetry.SpaceGroups loads.

Only symbols are taken: number, CCP4 number, Hermann-Mauguin symbol, setting extension and
Hall symbol of the 230 groups in the settings CCP4/XDS mean by the number, plus the
rhombohedral-axes settings of the 7 R groups. These are the standard symbols of
International Tables B, table A1.4.2.7, as tabulated by gemmi 0.5.7. Everything else
(operators, point group, ASU, absences) is derived in Java and checked against gemmi by
SpaceGroupOracleTest.

    /usr/bin/python3 scripts/oracles/spacegroup_table.py > core/src/main/resources/org/mxflow/symmetry/spacegroups.tsv
"""
import gemmi

print("# number\tccp4\thermann-mauguin\tsetting\thall   (ITB A1.4.2.7 via gemmi %s)" % gemmi.__version__)
rows = [gemmi.find_spacegroup_by_number(n) for n in range(1, 231)]
rows += [sg for sg in gemmi.spacegroup_table_itb() if sg.ext == "R"]
for sg in rows:
    ext = sg.ext if sg.ext in ("H", "R") else ("" if sg.ext == "\x00" else sg.ext)
    print("%d\t%d\t%s\t%s\t%s" % (sg.number, sg.ccp4, sg.hm, ext, sg.hall.strip()))
