#!/usr/bin/python3
"""Writes sample-sheet/src/test/resources/sheets/zoo_template.xlsx with openpyxl (Debian python3-openpyxl),
an independent XLSX writer, in the layout of ZOO's Excel template: sheet "Sheet", two title rows,
the header on row 3 (the column names ZOO's UserESA.read_new() documents), pins from row 4, and
formula cells that only an evaluating reader gets right (openpyxl stores no cached values).

Run: /usr/bin/python3 scripts/oracles/make_zoo_template_xlsx.py
"""
import os
import openpyxl

out = os.path.join(os.path.dirname(__file__), "..", "..", "sample-sheet", "src", "test", "resources", "sheets", "zoo_template.xlsx")
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Sheet"
ws["A1"] = "ZOOPREP_201128_yamada_BL45XU_v2"
ws["A2"] = "Fill in one row per pin. Rows without PuckID are ignored."
header = ["PuckID", "PinID", "SampleName", "Objective", "Mode", "HA", "Wavelength [Å]",
          "Hor. scan length [µm]", "Resolution limit [Å]", "Beam size [um]\n(H x V)", "Crystal size [µm]",
          "# of crystals\n / Loop", "Total osc \n/ Crystal", "Osc. Width", "LN2\nSplash", "PIN Type",
          "Zoom\nCapture", "", "Confirmation required"]
for c, h in enumerate(header, start=1):
    ws.cell(row=3, column=c, value=h)
rows = [
    ["CPS1012", "1-2", "Lys_multi", "normal", "multi", "No", 1.0, 400, 1.6, "10x15", 20, 30, 10, 0.1, "No", "SPINE", "No", None, None],
    ["HEL0002", 2, "thermolysin", "normal", "helical", "Yes", "=12.3984/13.776", 600, 1.8, "10x15", 100, 1, "=2*180", "=M5/3600", "No", "SPINE", "No", None, None],
    ["SIN0003", 3, "complex 1", "phasing", "single", "-", 1.0, 400, 2.5, "10x15", 50, 1, 180, 0.2, "No", "SPINE", "No", None, None],
]
for r, row in enumerate(rows, start=4):
    for c, v in enumerate(row, start=1):
        if v is not None:
            ws.cell(row=r, column=c, value=v)
wb.save(out)
print("wrote", os.path.normpath(out))
