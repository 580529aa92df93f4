package org.mxflow.sheet;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mxflow.cell.UnitCell;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

/**
 * Turns a {@link RawSheet} into a {@link SampleSheet}, checking every row and collecting every
 * problem before failing. No I/O: the readers produce the raw sheet.
 */
public final class SheetInterpreter {

    private final RawSheet sheet;
    private final List<SheetProblem> problems = new ArrayList<>();
    private final Map<SheetColumn, Integer> columns = new EnumMap<>(SheetColumn.class);

    private SheetInterpreter(RawSheet sheet) {
        this.sheet = sheet;
    }

    /**
     * Interprets the rows of a raw sheet.
     *
     * @throws SampleSheetException listing every problem, when there is at least one
     */
    public static SampleSheet interpret(RawSheet sheet) throws SampleSheetException {
        return new SheetInterpreter(sheet).run();
    }

    private SampleSheet run() throws SampleSheetException {
        mapHeader();
        if (!problems.isEmpty()) {
            throw new SampleSheetException(problems);
        }
        List<Pin> pins = new ArrayList<>();
        Map<String, Integer> firstRowOfPin = new HashMap<>();
        for (RawSheet.Row row : sheet.rows()) {
            for (Pin p : interpretRow(row)) {
                String key = PinId.canonical(p.id());
                Integer earlier = firstRowOfPin.putIfAbsent(key, row.number());
                if (earlier != null) {
                    problem(row, column(SheetColumn.PIN).orElse(-1),
                            "pin " + p.id() + " is given twice (first in row " + earlier + ")");
                } else {
                    pins.add(p);
                }
            }
        }
        if (pins.isEmpty() && problems.isEmpty()) {
            problems.add(new SheetProblem(sheet.file(), 0, "", "the sheet has no pins"));
        }
        if (!problems.isEmpty()) {
            throw new SampleSheetException(problems);
        }
        return new SampleSheet(sheet.file(), pins);
    }

    private void mapHeader() {
        for (int i = 0; i < sheet.header().size(); i++) {
            String h = sheet.header().get(i);
            if (h == null) {
                continue;
            }
            Optional<SheetColumn> c = SheetColumn.forHeader(h);
            if (c.isPresent()) {
                Integer earlier = columns.putIfAbsent(c.get(), i);
                if (earlier != null) {
                    problems.add(new SheetProblem(sheet.file(), sheet.headerRow(), headerRef(i),
                            "column '" + h.trim() + "' repeats column '" + sheet.header().get(earlier).trim() + "'"));
                }
            }
        }
        boolean hasPin = columns.containsKey(SheetColumn.PUCK) && columns.containsKey(SheetColumn.PIN);
        if (!hasPin && !columns.containsKey(SheetColumn.TOP_DIR)) {
            problems.add(new SheetProblem(sheet.file(), sheet.headerRow(), "",
                    "no puck and pin columns (PuckID/PinID, puckid/pinid, puck/pin) and no topdir column; header is "
                            + sheet.header()));
        }
        if (!columns.containsKey(SheetColumn.SAMPLE_NAME)) {
            problems.add(new SheetProblem(sheet.file(), sheet.headerRow(), "",
                    "no sample-name column (SampleName, sample_name or name); header is " + sheet.header()));
        }
    }

    private String headerRef(int column) {
        return sheet.spreadsheetCells() ? RawSheet.columnLetters(column) + sheet.headerRow() : "column " + sheet.header().get(column);
    }

    private Optional<Integer> column(SheetColumn c) {
        return Optional.ofNullable(columns.get(c));
    }

    private String text(RawSheet.Row row, SheetColumn c) {
        Integer i = columns.get(c);
        return i == null ? "" : row.cell(i);
    }

    private void problem(RawSheet.Row row, int column, String message) {
        String ref = column >= 0 ? sheet.cellRef(column, row.number()) : "";
        problems.add(new SheetProblem(sheet.file(), row.number(), ref, message));
    }

    private void problem(RawSheet.Row row, SheetColumn c, String message) {
        problem(row, column(c).orElse(-1), message);
    }

    private List<Pin> interpretRow(RawSheet.Row row) {
        int before = problems.size();
        String puck;
        List<String> pinIds;
        if (columns.containsKey(SheetColumn.PUCK) && columns.containsKey(SheetColumn.PIN)) {
            puck = text(row, SheetColumn.PUCK);
            String user = text(row, SheetColumn.USER_NAME);
            if (puck.isEmpty()) {
                problem(row, SheetColumn.PUCK, "puck ID is missing");
            } else if (!PinId.PART.matcher(puck).matches()) {
                problem(row, SheetColumn.PUCK, "puck ID '" + puck + "' may contain only letters, digits and _");
            }
            if (!user.isEmpty()) {
                if (!PinId.PART.matcher(user).matches()) {
                    problem(row, SheetColumn.USER_NAME, "user name '" + user + "' may contain only letters, digits and _");
                }
                puck = user + "-" + puck;
            }
            pinIds = pins(row, text(row, SheetColumn.PIN));
        } else {
            String top = text(row, SheetColumn.TOP_DIR).replaceAll("[/\\\\]+$", "");
            String base = top.substring(Math.max(top.lastIndexOf('/'), top.lastIndexOf('\\')) + 1);
            String[] parts = PinId.split(base);
            if (parts == null) {
                problem(row, SheetColumn.TOP_DIR, "topdir '" + top + "' does not end in a <Puck>-<Pin> directory");
                puck = "";
                pinIds = List.of();
            } else {
                puck = parts[0];
                pinIds = List.of(parts[1]);
            }
        }

        String name = text(row, SheetColumn.SAMPLE_NAME);
        SampleName.problem(name).ifPresent(m -> problem(row, SheetColumn.SAMPLE_NAME, m));

        Mode mode = null;
        if (columns.containsKey(SheetColumn.MODE)) {
            String m = text(row, SheetColumn.MODE);
            if (m.isEmpty()) {
                problem(row, SheetColumn.MODE, "mode is missing (multi, helical or single)");
            } else {
                mode = Mode.fromWord(m).orElse(null);
                if (mode == null) {
                    problem(row, SheetColumn.MODE, "mode '" + m + "' is not one of multi, helical, single");
                }
            }
        }
        double wavelength = positive(row, SheetColumn.WAVELENGTH, "wavelength");
        double totalOsc = positive(row, SheetColumn.TOTAL_OSC, "total oscillation");
        double oscWidth = positive(row, SheetColumn.OSC_WIDTH, "oscillation width");
        double exposure = positive(row, SheetColumn.EXPOSURE, "exposure");
        double resolution = positive(row, SheetColumn.RESOLUTION, "resolution");
        double crystalsValue = positive(row, SheetColumn.CRYSTALS, "number of crystals");
        int crystals = 0;
        if (!Double.isNaN(crystalsValue)) {
            if (crystalsValue != Math.rint(crystalsValue)) {
                problem(row, SheetColumn.CRYSTALS, "number of crystals '" + text(row, SheetColumn.CRYSTALS) + "' is not a whole number");
            }
            crystals = (int) crystalsValue;
        }
        KnownSymmetry known = knownSymmetry(row);
        boolean anomalous = anomalous(row);
        String reference = text(row, SheetColumn.REFERENCE);

        if (problems.size() > before) {
            return List.of();
        }
        List<Pin> out = new ArrayList<>();
        for (String pin : pinIds) {
            out.add(new Pin(puck, pin, name.trim(), mode, wavelength, totalOsc, oscWidth, exposure, crystals,
                    resolution, known, anomalous, reference.isEmpty() ? null : reference, row.number()));
        }
        return out;
    }

    /**
     * The pins a pin cell names. ZOO's Excel template lets one row stand for several pins:
     * "1-4" (a range), "1+3+5" or "1;3;5" (a list), or combinations such as "1-3+7".
     */
    private List<String> pins(RawSheet.Row row, String cell) {
        if (cell.isEmpty()) {
            problem(row, SheetColumn.PIN, "pin ID is missing");
            return List.of();
        }
        if (cell.matches("[0-9]+(?:[-+;][0-9]+)+")) {
            List<String> out = new ArrayList<>();
            for (String part : cell.split("[+;]")) {
                String[] range = part.split("-");
                int lo = Integer.parseInt(range[0]);
                int hi = Integer.parseInt(range[range.length - 1]);
                if (range.length > 2 || hi < lo || hi - lo > 100) {
                    problem(row, SheetColumn.PIN, "pin range '" + part + "' in '" + cell + "' is not a range low-high");
                    return List.of();
                }
                for (int p = lo; p <= hi; p++) {
                    out.add(PinId.pinForDirectory(String.valueOf(p)));
                }
            }
            return out;
        }
        if (!PinId.PART.matcher(cell).matches()) {
            problem(row, SheetColumn.PIN, "pin ID '" + cell + "' may contain only letters, digits and _");
            return List.of();
        }
        return List.of(PinId.pinForDirectory(cell));
    }

    /** A positive number, NaN when the column is absent or the cell empty; a problem when it is not a number. */
    private double positive(RawSheet.Row row, SheetColumn c, String what) {
        String t = text(row, c);
        if (t.isEmpty() || t.equals("-")) {
            return Double.NaN;
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            problem(row, c, what + " '" + t + "' is not a number");
            return Double.NaN;
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            problem(row, c, what + " " + t + " must be a positive number");
            return Double.NaN;
        }
        return v;
    }

    private KnownSymmetry knownSymmetry(RawSheet.Row row) {
        String sg = text(row, SheetColumn.SPACE_GROUP);
        String cellText = text(row, SheetColumn.UNIT_CELL);
        UnitCell cell = null;
        boolean cellUnreadable = false;
        if (!cellText.isEmpty()) {
            try {
                cell = UnitCell.parse(cellText);
            } catch (IllegalArgumentException e) {
                problem(row, SheetColumn.UNIT_CELL, e.getMessage());
                cellUnreadable = true;
            }
        }
        if (sg.isEmpty()) {
            if (!cellText.isEmpty() && !cellUnreadable) {
                problem(row, SheetColumn.UNIT_CELL, "a unit cell is given without a space group");
            }
            return null;
        }
        SpaceGroup group = SpaceGroups.find(sg).orElse(null);
        if (group == null) {
            problem(row, SheetColumn.SPACE_GROUP, "space group '" + sg + "' is not a known space-group symbol or number");
            return null;
        }
        // 2 % and 2°: sheet cells are typed from memory or an old paper, not refined values.
        if (cell != null && !cell.isCompatibleWith(group.latticeType(), 0.02, 2.0)) {
            problem(row, SheetColumn.UNIT_CELL, "unit cell " + cellText + " does not fit the " + group.latticeType()
                    + " lattice of space group " + group.hermannMauguin());
            return null;
        }
        return new KnownSymmetry(sg, group, cell);
    }

    private boolean anomalous(RawSheet.Row row) {
        String t = text(row, SheetColumn.ANOMALOUS).toLowerCase(Locale.ROOT);
        switch (t) {
            case "yes", "y", "true", "1", "on", "anomalous" -> {
                return true;
            }
            case "", "-", "no", "n", "false", "0", "off", "unavailable", "none" -> {
                return false;
            }
            default -> {
                problem(row, SheetColumn.ANOMALOUS, "anomalous flag '" + t + "' is not yes or no");
                return false;
            }
        }
    }
}
