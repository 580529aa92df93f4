package org.mxflow.xds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mxflow.cell.UnitCell;
import org.mxflow.stats.ErrorModel;
import org.mxflow.stats.MergingStatistics;
import org.mxflow.stats.ShellStatistics;

/**
 * Reads an XDS CORRECT.LP into a {@link CorrectLp}.
 *
 * <p>Tables are read by fixed columns, as XDS writes them: it glues {@code %} and the
 * significance {@code *} to numbers, and wide numbers can touch their neighbours. Column
 * positions follow KAMO's parser (kamo-conventions.md, Appendix A). A field of asterisks (an
 * XDS Fortran overflow) reads as NaN; anything else that is not a number is an error naming the
 * file and line.
 */
public final class CorrectLpParser {

    static final String STATISTICS_TITLE = "SUBSET OF INTENSITY DATA WITH SIGNAL/NOISE >= -3.0 AS FUNCTION OF RESOLUTION";
    static final String STATISTICS_HEADER = "RESOLUTION     NUMBER OF REFLECTIONS";
    static final String SAVED_DATA_SET = "STATISTICS OF SAVED DATA SET";
    static final String IMAGE_RANGE_SUMMARY = "SUMMARY OF DATA SET STATISTICS FOR IMAGE";
    static final String ERROR_TABLE_HEADER = "RESOLUTION RANGE  I/Sigma  Chi^2  R-FACTOR  R-FACTOR  NUMBER ACCEPTED REJECTED";
    private static final Pattern ISA_HEADER = Pattern.compile("^\\s*a\\s+b\\s+ISa\\s*$");
    private static final Pattern WILSON_LINE = Pattern.compile(
            "WILSON LINE \\(using all data\\)\\s*:\\s*A=\\s*(\\S+)\\s+B=\\s*(\\S+)\\s+CORRELATION=\\s*(\\S+)");
    private static final Pattern VERSION = Pattern.compile("\\*\\*\\*\\*\\* CORRECT \\*\\*\\*\\*\\*\\s*\\(VERSION\\s+([^)]*)\\)");
    private static final Pattern OVERFLOW = Pattern.compile("\\*+");

    private final String source;
    private final List<String> lines;

    private CorrectLpParser(String source, List<String> lines) {
        this.source = source;
        this.lines = lines;
    }

    /** Reads and parses a CORRECT.LP file. */
    public static CorrectLp parse(Path file) throws IOException {
        // XDS writes plain ASCII; ISO-8859-1 never fails on a stray byte.
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.ISO_8859_1));
    }

    /** Parses the lines of a CORRECT.LP; {@code source} names it in error messages. */
    public static CorrectLp parse(String source, List<String> lines) throws XdsLogFormatException {
        return new CorrectLpParser(source, lines).parse();
    }

    private CorrectLp parse() throws XdsLogFormatException {
        String version = null;
        for (String line : lines) {
            Matcher m = VERSION.matcher(line);
            if (m.find()) {
                version = m.group(1).trim();
                break;
            }
        }
        if (version == null) {
            throw new XdsLogFormatException(source, 0, "no '***** CORRECT *****' banner: not a CORRECT.LP");
        }
        double wavelength = firstKeywordNumber("X-RAY_WAVELENGTH=");
        double oscillation = firstKeywordNumber("OSCILLATION_RANGE=");
        int[] dataRange = dataRange();

        int sgLine = lastLineStartingWith("SPACE_GROUP_NUMBER=");
        int cellLine = lastLineStartingWith("UNIT_CELL_CONSTANTS=");
        if (sgLine < 0 || cellLine < 0) {
            throw new XdsLogFormatException(source, 0, "no SPACE_GROUP_NUMBER= / UNIT_CELL_CONSTANTS= lines");
        }
        int spaceGroup = (int) tokenNumber(sgLine, afterEquals(sgLine), 0, "space group number");
        UnitCell cell = cellAfterEquals(cellLine);

        List<ErrorModelShell> errorTable = new ArrayList<>();
        ErrorModelShell allData = parseErrorTable(errorTable);
        double dMax = errorTable.isEmpty() ? Double.NaN : errorTable.get(0).dMaxA();

        int saved = lastLineContaining(SAVED_DATA_SET);
        int finalTitle = lastLineContaining(STATISTICS_TITLE);
        if (finalTitle < 0) {
            throw new XdsLogFormatException(source, 0, "no table '" + STATISTICS_TITLE + "'");
        }
        if (saved >= 0 && finalTitle < saved) {
            throw new XdsLogFormatException(source, saved + 1, "no statistics table after '" + SAVED_DATA_SET + "'");
        }
        MergingStatistics statistics = parseStatisticsTable(finalTitle, dMax);

        return new CorrectLp(version, wavelength, oscillation, dataRange[0], dataRange[1], spaceGroup, cell,
                parseRefinedParameters(), parseErrorModel(), errorTable, allData, statistics,
                parseImageRanges(dMax), parseWilsonLine(), parseCorrectionFactors());
    }

    // ---- single keywords ---------------------------------------------------------------

    private double firstKeywordNumber(String keyword) throws XdsLogFormatException {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith(keyword)) {
                return tokenNumber(i, afterEquals(i), 0, keyword);
            }
        }
        return Double.NaN;
    }

    private int[] dataRange() throws XdsLogFormatException {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith("DATA_RANGE=")) {
                String rest = afterEquals(i);
                return new int[] {(int) tokenNumber(i, rest, 0, "first image"), (int) tokenNumber(i, rest, 1, "last image")};
            }
        }
        return new int[] {0, 0};
    }

    private String afterEquals(int index) {
        String line = lines.get(index);
        return line.substring(line.indexOf('=') + 1);
    }

    private UnitCell cellAfterEquals(int index) throws XdsLogFormatException {
        String rest = afterEquals(index);
        double[] v = new double[6];
        for (int k = 0; k < 6; k++) {
            v[k] = tokenNumber(index, rest, k, "unit cell constant " + (k + 1));
        }
        return cell(index, v);
    }

    private UnitCell cell(int index, double[] v) throws XdsLogFormatException {
        try {
            return new UnitCell(v[0], v[1], v[2], v[3], v[4], v[5]);
        } catch (IllegalArgumentException e) {
            throw new XdsLogFormatException(source, index + 1, e.getMessage());
        }
    }

    // ---- refined parameters ------------------------------------------------------------

    private RefinedParameters parseRefinedParameters() throws XdsLogFormatException {
        int start = lastLineContaining("REFINED VALUES OF DIFFRACTION PARAMETERS DERIVED FROM");
        if (start < 0) {
            return null;
        }
        int spots = (int) tokenNumber(start, lines.get(start).substring(lines.get(start).indexOf("FROM") + 4), 0, "indexed spots");
        List<String> refined = List.of();
        double spotSd = Double.NaN, spindleSd = Double.NaN, mosaicity = Double.NaN, distance = Double.NaN;
        double beamX = Double.NaN, beamY = Double.NaN, orgX = Double.NaN, orgY = Double.NaN;
        int spaceGroup = 0;
        UnitCell cell = null;
        RefinedParameters.CellEsd esd = null;
        for (int i = start + 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
            String t = lines.get(i).trim();
            String[] tok = t.split("\\s+");
            if (t.startsWith("REFINED PARAMETERS:")) {
                refined = Arrays.asList(t.substring("REFINED PARAMETERS:".length()).trim().split("\\s+"));
            } else if (t.startsWith("STANDARD DEVIATION OF SPOT")) {
                spotSd = number(i, tok[tok.length - 1], "spot position s.d.");
            } else if (t.startsWith("STANDARD DEVIATION OF SPINDLE")) {
                spindleSd = number(i, tok[tok.length - 1], "spindle position s.d.");
            } else if (t.startsWith("SPACE GROUP NUMBER")) {
                spaceGroup = (int) number(i, tok[tok.length - 1], "space group number");
            } else if (t.startsWith("UNIT CELL PARAMETERS")) {
                cell = cell(i, columns(i, new int[] {21, 32, 42, 52, 60, 68, 76}, "refined cell"));
            } else if (t.startsWith("E.S.D. OF CELL PARAMETERS")) {
                double[] e = columns(i, new int[] {26, 35, 43, 51, 59, 67, 75}, "cell e.s.d.");
                esd = new RefinedParameters.CellEsd(e[0], e[1], e[2], e[3], e[4], e[5]);
            } else if (t.startsWith("CRYSTAL MOSAICITY (DEGREES)")) {
                mosaicity = number(i, tok[tok.length - 1], "mosaicity");
            } else if (t.startsWith("DETECTOR COORDINATES (PIXELS) OF DIRECT BEAM")) {
                beamX = number(i, tok[tok.length - 2], "direct beam x");
                beamY = number(i, tok[tok.length - 1], "direct beam y");
            } else if (t.startsWith("DETECTOR ORIGIN (PIXELS) AT")) {
                orgX = number(i, tok[tok.length - 2], "detector origin x");
                orgY = number(i, tok[tok.length - 1], "detector origin y");
            } else if (t.startsWith("CRYSTAL TO DETECTOR DISTANCE (mm)")) {
                distance = number(i, tok[tok.length - 1], "detector distance");
            }
        }
        if (cell == null) {
            throw new XdsLogFormatException(source, start + 1, "refined parameters without 'UNIT CELL PARAMETERS'");
        }
        return new RefinedParameters(spots, refined, spotSd, spindleSd, spaceGroup, cell, esd, mosaicity,
                beamX, beamY, orgX, orgY, distance);
    }

    private double[] columns(int index, int[] edges, String what) throws XdsLogFormatException {
        double[] v = new double[edges.length - 1];
        for (int k = 0; k < v.length; k++) {
            v[k] = number(index, column(lines.get(index), edges[k], edges[k + 1]), what + " field " + (k + 1));
        }
        return v;
    }

    // ---- error model -------------------------------------------------------------------

    private ErrorModel parseErrorModel() throws XdsLogFormatException {
        int header = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (ISA_HEADER.matcher(lines.get(i)).matches()) {
                header = i;
            }
        }
        if (header < 0) {
            return ErrorModel.UNKNOWN;
        }
        int row = header + 1;
        if (row >= lines.size()) {
            throw new XdsLogFormatException(source, header + 1, "ISa header without values");
        }
        String line = lines.get(row);
        return new ErrorModel(tokenNumber(row, line, 0, "error model a"), tokenNumber(row, line, 1, "error model b"),
                tokenNumber(row, line, 2, "ISa"));
    }

    private ErrorModelShell parseErrorTable(List<ErrorModelShell> rows) throws XdsLogFormatException {
        int header = lastLineContaining(ERROR_TABLE_HEADER);
        if (header < 0) {
            return null;
        }
        boolean afterRule = false;
        for (int i = header + 1; i < lines.size(); i++) {
            String line = lines.get(i);
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("observed")) {
                if (t.isEmpty() && afterRule) {
                    break;
                }
                continue;
            }
            if (t.startsWith("---")) {
                afterRule = true;
                continue;
            }
            if (t.startsWith("***")) {
                break;
            }
            ErrorModelShell row = errorTableRow(i);
            if (afterRule) {
                return row;
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new XdsLogFormatException(source, header + 1, "empty standard-error table");
        }
        return null;
    }

    private ErrorModelShell errorTableRow(int i) throws XdsLogFormatException {
        double[] v = columns(i, new int[] {0, 9, 17, 26, 33, 43, 53, 61, 69, 77}, "standard-error table");
        return new ErrorModelShell(v[0], v[1], v[2], v[3], v[4], v[5], (long) v[6], (long) v[7], (long) v[8]);
    }

    // ---- statistics tables -------------------------------------------------------------

    private MergingStatistics parseStatisticsTable(int title, double dMaxA) throws XdsLogFormatException {
        int header = title + 1;
        if (header >= lines.size() || !lines.get(header).contains(STATISTICS_HEADER)) {
            throw new XdsLogFormatException(source, header + 1,
                    "expected the column header '" + STATISTICS_HEADER + " ...' under '" + STATISTICS_TITLE + "'");
        }
        boolean hasCcHalf = lines.get(header).contains("CC(1/2)");
        boolean hasAnomalous = lines.get(header).contains("Anomal");
        List<ShellStatistics> shells = new ArrayList<>();
        // Two header lines, a blank line, then the shells and the "total" row.
        for (int i = title + 3; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                if (shells.isEmpty()) {
                    continue;
                }
                break;
            }
            boolean total = column(line, 0, 9).trim().equals("total");
            if (total) {
                if (shells.isEmpty()) {
                    throw new XdsLogFormatException(source, i + 1, "'total' row without resolution shells");
                }
                double dMin = shells.get(shells.size() - 1).dMinA();
                return new MergingStatistics(dMaxA, shells, statisticsRow(i, dMin, hasCcHalf, hasAnomalous));
            }
            double d = number(i, column(line, 0, 9), "resolution limit");
            if (!shells.isEmpty() && !(d < shells.get(shells.size() - 1).dMinA())) {
                throw new XdsLogFormatException(source, i + 1, "resolution limit " + d + " does not decrease");
            }
            shells.add(statisticsRow(i, d, hasCcHalf, hasAnomalous));
        }
        throw new XdsLogFormatException(source, title + 1, "statistics table ends without a 'total' row");
    }

    private ShellStatistics statisticsRow(int i, double dMin, boolean hasCcHalf, boolean hasAnomalous)
            throws XdsLogFormatException {
        String line = lines.get(i);
        expectPercent(i, 50, "completeness");
        expectPercent(i, 61, "R-factor observed");
        expectPercent(i, 71, "R-factor expected");
        expectPercent(i, 98, "R-meas");
        double cc = Double.NaN, anom = Double.NaN, sigAno = Double.NaN;
        boolean ccSig = false, anomSig = false;
        long nano = 0;
        if (hasCcHalf) {
            cc = number(i, column(line, 99, 107), "CC(1/2)");
            ccSig = charAt(line, 107) == '*';
        }
        if (hasAnomalous) {
            anom = number(i, column(line, 108, 114), "anomalous correlation");
            anomSig = charAt(line, 114) == '*';
            sigAno = number(i, column(line, 115, 123), "SigAno");
            nano = count(i, column(line, 123, line.length()), "Nano");
        }
        return new ShellStatistics(dMin,
                count(i, column(line, 9, 21), "observed reflections"),
                count(i, column(line, 21, 29), "unique reflections"),
                count(i, column(line, 29, 39), "possible reflections"),
                number(i, column(line, 39, 50), "completeness"),
                number(i, column(line, 51, 61), "R-factor observed"),
                number(i, column(line, 62, 71), "R-factor expected"),
                count(i, column(line, 72, 81), "compared reflections"),
                number(i, column(line, 81, 89), "I/sigma"),
                number(i, column(line, 89, 98), "R-meas"),
                cc, ccSig, anom, anomSig, sigAno, nano);
    }

    private void expectPercent(int i, int position, String what) throws XdsLogFormatException {
        if (charAt(lines.get(i), position) != '%') {
            throw new XdsLogFormatException(source, i + 1,
                    "expected '%' after " + what + " at column " + (position + 1) + ": '" + lines.get(i) + "'");
        }
    }

    private List<ImageRangeStatistics> parseImageRanges(double dMaxA) throws XdsLogFormatException {
        List<ImageRangeStatistics> ranges = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.contains(IMAGE_RANGE_SUMMARY) || !line.contains("DATA_RANGE=")) {
                continue;
            }
            String rest = afterEquals(i);
            int first = (int) tokenNumber(i, rest, 0, "first image");
            int last = (int) tokenNumber(i, rest, 1, "last image");
            for (int j = i + 1; j < lines.size(); j++) {
                String l = lines.get(j);
                if (l.contains(IMAGE_RANGE_SUMMARY) || l.contains(SAVED_DATA_SET)) {
                    throw new XdsLogFormatException(source, i + 1, "image range " + first + "-" + last + " has no statistics table");
                }
                if (l.contains(STATISTICS_TITLE)) {
                    ranges.add(new ImageRangeStatistics(first, last, parseStatisticsTable(j, dMaxA)));
                    i = j;
                    break;
                }
            }
        }
        return ranges;
    }

    // ---- Wilson line and correction factors --------------------------------------------

    private WilsonLine parseWilsonLine() throws XdsLogFormatException {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = WILSON_LINE.matcher(lines.get(i));
            if (m.find()) {
                return new WilsonLine(number(i, m.group(1), "Wilson A"), number(i, m.group(2), "Wilson B"),
                        number(i, m.group(3), "Wilson correlation"));
            }
        }
        return null;
    }

    private List<CorrectionFactorFit> parseCorrectionFactors() throws XdsLogFormatException {
        List<CorrectionFactorFit> fits = new ArrayList<>();
        String title = null, file = null;
        int factors = 0, cycles = 0;
        double chi2 = Double.NaN;
        for (int i = 1; i + 1 < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (isStarRule(lines.get(i - 1)) && isStarRule(lines.get(i + 1)) && !t.isEmpty() && !isStarRule(t)) {
                title = t;
                file = null;
            }
            String[] tok = t.split("\\s+");
            if (t.startsWith("TOTAL NUMBER OF CORRECTION FACTORS DEFINED")) {
                factors = (int) number(i, tok[tok.length - 1], "number of correction factors");
            } else if (t.startsWith("CHI^2-VALUE OF FIT OF CORRECTION FACTORS")) {
                chi2 = number(i, tok[tok.length - 1], "chi^2 of correction factors");
            } else if (t.startsWith("NUMBER OF CYCLES CARRIED OUT")) {
                cycles = (int) number(i, tok[tok.length - 1], "number of cycles");
            } else if (t.startsWith("CORRECTION FACTORS for visual inspection by XDS-Viewer")) {
                file = tok[tok.length - 1];
            } else if (t.startsWith("NUMBER OF REFLECTIONS USED FOR DETERMINING CORRECTION FACTORS")) {
                fits.add(new CorrectionFactorFit(title, file, factors, chi2,
                        cycles, count(i, tok[tok.length - 1], "reflections used for correction factors")));
            }
        }
        return fits;
    }

    private static boolean isStarRule(String s) {
        String t = s.trim();
        return t.length() > 10 && t.chars().allMatch(c -> c == '*');
    }

    // ---- fields and numbers ------------------------------------------------------------

    private int lastLineStartingWith(String prefix) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).trim().startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    private int lastLineContaining(String text) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).contains(text)) {
                return i;
            }
        }
        return -1;
    }

    private static String column(String line, int from, int to) {
        if (from >= line.length()) {
            return "";
        }
        return line.substring(from, Math.min(to, line.length()));
    }

    private static char charAt(String line, int index) {
        return index < line.length() ? line.charAt(index) : ' ';
    }

    private double tokenNumber(int index, String text, int k, String what) throws XdsLogFormatException {
        String[] tok = text.trim().split("\\s+");
        if (k >= tok.length || tok[k].isEmpty()) {
            throw new XdsLogFormatException(source, index + 1, "missing " + what + ": '" + lines.get(index).trim() + "'");
        }
        return number(index, tok[k], what);
    }

    private double number(int index, String field, String what) throws XdsLogFormatException {
        String f = field.trim();
        if (OVERFLOW.matcher(f).matches()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(f);
        } catch (NumberFormatException e) {
            throw new XdsLogFormatException(source, index + 1,
                    (f.isEmpty() ? "missing " + what : what + " '" + f + "' is not a number") + ": '" + lines.get(index) + "'");
        }
    }

    private long count(int index, String field, String what) throws XdsLogFormatException {
        String f = field.trim();
        try {
            return Long.parseLong(f);
        } catch (NumberFormatException e) {
            throw new XdsLogFormatException(source, index + 1,
                    (f.isEmpty() ? "missing " + what : what + " '" + f + "' is not a whole number") + ": '" + lines.get(index) + "'");
        }
    }
}
