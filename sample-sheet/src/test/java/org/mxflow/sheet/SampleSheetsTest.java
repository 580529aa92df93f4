package org.mxflow.sheet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mxflow.cell.UnitCell;
import org.mxflow.sheet.SheetFiles.Format;

/**
 * Sample sheets in the ZOO CSV layout (column names from ZOO's own CSV writer:
 * puckid, pinid, sample_name, mode, wavelength, total_osc, osc_width, exp_ds, maxhits), written
 * as CSV, XLSX and SQLite from the same rows.
 */
class SampleSheetsTest {

    static final List<String> HEADER = List.of("puckid", "pinid", "sample_name", "mode", "wavelength",
            "total_osc", "osc_width", "exp_ds", "maxhits", "resolution_limit", "space_group", "unit_cell", "anomalous");

    static List<List<String>> goodRows() {
        return new ArrayList<>(List.of(
                List.of("CPS1012", "1", "Lys_multi", "multi", "1.0", "10", "0.1", "0.02", "30", "1.6", "P 43 21 2", "79.1 79.1 38.0 90 90 90", "no"),
                List.of("CPS1012", "2", "Lys_multi", "multi", "1.0", "10", "0.1", "0.02", "30", "1.6", "P43212", "", "no"),
                List.of("HEL0002", "002", "thermolysin", "helical", "0.9", "360", "0.1", "0.02", "1", "1.8", "", "", "yes"),
                List.of("SIN0003", "3", "complex1", "single", "1.0", "180", "0.2", "0.05", "", "2.5", "", "", "")));
    }

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Format.class)
    void zooStyleSheetGivesPinsWithTheirParameters(Format f) throws Exception {
        SampleSheet s = SampleSheets.read(SheetFiles.write(f, dir, "zoo", HEADER, goodRows()));

        assertThat(s.pins()).extracting(Pin::id).containsExactly("CPS1012-01", "CPS1012-02", "HEL0002-002", "SIN0003-03");
        Pin multi = s.pins().get(0);
        assertThat(multi.mode()).isEqualTo(Mode.MULTI);
        assertThat(multi.wavelengthA()).isEqualTo(1.0);
        assertThat(multi.expectedFrames()).isEqualTo(100);       // 10° / 0.1°
        assertThat(multi.crystals()).isEqualTo(30);
        assertThat(multi.knownSymmetry().orElseThrow().spaceGroup().number()).isEqualTo(96);   // P 43 21 2
        assertThat(s.pins().get(1).knownSymmetry().orElseThrow().spaceGroup().number()).isEqualTo(96); // "P43212"
        assertThat(multi.knownSymmetry().orElseThrow().unitCell()).contains(new UnitCell(79.1, 79.1, 38.0, 90, 90, 90));
        Pin helical = s.pins().get(2);
        assertThat(helical.expectedFrames()).isEqualTo(3600);    // 360° / 0.1°
        assertThat(helical.anomalous()).isTrue();
        assertThat(s.pins().get(3).crystals()).isZero();
        assertThat(s.pins().get(3).expectedFrames()).isEqualTo(900);
        assertThat(s.bySampleName().get("Lys_multi")).hasSize(2);
        assertThat(s.pin("HEL0002-2")).isPresent();               // numeric pins match at any padding
    }

    @Test
    void allThreeFormatsGiveTheSameModelForTheSameContent() throws Exception {
        List<Pin> csv = withoutRows(SampleSheets.read(SheetFiles.write(Format.CSV, dir, "a", HEADER, goodRows())));
        List<Pin> xlsx = withoutRows(SampleSheets.read(SheetFiles.write(Format.XLSX, dir, "b", HEADER, goodRows())));
        List<Pin> db = withoutRows(SampleSheets.read(SheetFiles.write(Format.SQLITE, dir, "c", HEADER, goodRows())));
        assertThat(xlsx).isEqualTo(csv);
        assertThat(db).isEqualTo(csv);
    }

    /** The row differs by design (spreadsheet row vs SQLite rowid); everything else must agree. */
    private static List<Pin> withoutRows(SampleSheet s) {
        return s.pins().stream().map(p -> new Pin(p.puck(), p.pin(), p.sampleName(), p.mode(), p.wavelengthA(),
                p.totalOscDeg(), p.oscWidthDeg(), p.exposureS(), p.crystals(), p.resolutionA(), p.known(),
                p.anomalous(), p.reference(), 0)).toList();
    }

    /** One malformed row per case, inserted as the third data row (row 4 in a spreadsheet, rowid 3 in SQLite). */
    static Stream<Arguments> malformed() {
        List<Arguments> out = new ArrayList<>();
        Object[][] cases = {
            {"unknown mode", 3, "raster", "mode 'raster' is not one of multi, helical, single"},
            {"missing sample name", 2, "", "sample name is missing"},
            {"non-numeric wavelength", 4, "1.0A", "wavelength '1.0A' is not a number"},
            {"non-numeric osc width", 6, "0,1", "oscillation width '0,1' is not a number"},
            {"path separator", 2, "lys/../../etc", "path separator '/'"},
            {"backslash", 2, "lys\\a", "path separator '\\'"},
            {"dot dot", 2, "lys..a", "contains '..'"},
            // A line break typed into an Excel cell (Alt+Enter) is the control character sheets really carry.
            {"control character", 2, "lys\na", "control character (code 10)"},
            {"tab", 2, "lys\ta", "control character (code 9)"},
            {"shell metacharacter", 2, "lys;rm -rf", "shell metacharacter ';'"},
            {"command substitution", 2, "lys$(id)", "shell metacharacter '$'"},
            {"backquote", 2, "lys`id`", "shell metacharacter '`'"},
            {"leading dash", 2, "-rf", "starts with '-'"},
            {"cell without space group", 11, "78 78 37 90 90 90", "a unit cell is given without a space group"},
            {"unparseable cell", 11, "78 78 37", "a unit cell needs 6 numbers"},
            {"unknown space group", 10, "P 5", "space group 'P 5' is not a known space-group symbol or number"},
            {"space group number out of range", 10, "231", "space group '231' is not a known"},
        };
        for (Format f : Format.values()) {
            for (Object[] c : cases) {
                out.add(Arguments.of(f, c[0], c[1], c[2], c[3]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformed")
    void malformedRowIsReportedWithFileRowAndCell(Format f, String what, int column, String value, String message) throws Exception {
        List<List<String>> rows = goodRows();
        List<String> bad = new ArrayList<>(List.of("BAD0001", "5", "Lys", "single", "1.0", "180", "0.1", "0.02", "", "2.0", "", "", ""));
        bad.set(column, value);
        if (column == 11) {
            bad.set(10, "");
        }
        if (column == 10) {
            bad.set(11, "");
        }
        rows.add(2, bad);
        Path file = SheetFiles.write(f, dir, "bad", HEADER, rows);

        assertThatThrownBy(() -> SampleSheets.read(file))
                .isInstanceOfSatisfying(SampleSheetException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    SheetProblem p = e.problems().get(0);
                    assertThat(p.file()).isEqualTo(file);
                    assertThat(p.row()).isEqualTo(f == Format.SQLITE ? 3 : 4);
                    assertThat(p.cellRef()).isEqualTo(f == Format.SQLITE
                            ? "column " + HEADER.get(column) : RawSheet.columnLetters(column) + "4");
                    assertThat(p.message()).contains(message);
                    assertThat(e.getMessage()).contains(file.toString()).contains(message);
                });
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void duplicatePinIsReportedAtTheSecondRowNamingTheFirst(Format f) throws Exception {
        List<List<String>> rows = goodRows();
        rows.add(List.of("CPS1012", "01", "other", "single", "1.0", "180", "0.1", "0.02", "", "2.0", "", "", ""));
        Path file = SheetFiles.write(f, dir, "dup", HEADER, rows);

        assertThatThrownBy(() -> SampleSheets.read(file)).isInstanceOfSatisfying(SampleSheetException.class, e -> {
            assertThat(e.problems()).singleElement().satisfies(p -> {
                assertThat(p.row()).isEqualTo(f == Format.SQLITE ? 5 : 6);
                assertThat(p.cellRef()).isEqualTo(f == Format.SQLITE ? "column pinid" : "B6");
                assertThat(p.message()).isEqualTo("pin CPS1012-01 is given twice (first in row " + (f == Format.SQLITE ? 1 : 2) + ")");
            });
        });
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void everyProblemOfTheSheetIsReportedAtOnce(Format f) throws Exception {
        List<List<String>> rows = goodRows();
        rows.set(0, List.of("CPS1012", "1", "", "multi", "x", "10", "0.1", "0.02", "30", "1.6", "", "", "maybe"));
        rows.set(3, List.of("SIN0003", "3", "a|b", "spiral", "1.0", "180", "0.2", "0.05", "", "2.5", "", "", ""));
        Path file = SheetFiles.write(f, dir, "many", HEADER, rows);

        assertThatThrownBy(() -> SampleSheets.read(file)).isInstanceOfSatisfying(SampleSheetException.class, e ->
                assertThat(e.problems()).extracting(SheetProblem::message).containsExactly(
                        "sample name is missing",
                        "wavelength 'x' is not a number",
                        "anomalous flag 'maybe' is not yes or no",
                        "sample name 'a|b' contains the shell metacharacter '|'",
                        "mode 'spiral' is not one of multi, helical, single"));
    }

    @Test
    void kamoMergeCsvWithTopdirGivesPinsWithoutMode() throws Exception {
        Path file = SheetFiles.csv(dir.resolve("merge.csv"), List.of("topdir", "name", "anomalous", "space_group", "unit_cell"), List.of(
                List.of("/data/200928_BL45XU_yamada/CPS1012-06/", "complex1", "yes", "C2", "88.7 82.3 93.7 90 108.65 90"),
                List.of("/data/200928_BL45XU_yamada/CPS0836-07", "complex1", "no", "", "")));
        SampleSheet s = SampleSheets.read(file);
        assertThat(s.pins()).extracting(Pin::id).containsExactly("CPS1012-06", "CPS0836-07");
        assertThat(s.pins().get(0).mode()).isNull();
        assertThat(s.pins().get(0).anomalous()).isTrue();
        assertThat(s.pins().get(0).knownSymmetry().orElseThrow().spaceGroup().number()).isEqualTo(5);   // C 1 2 1
        assertThat(s.bySampleName().get("complex1")).hasSize(2);
    }

    @Test
    void knownCellMustFitTheLatticeOfItsSpaceGroup() throws Exception {
        Path file = SheetFiles.csv(dir.resolve("cell.csv"), List.of("puckid", "pinid", "sample_name", "space_group", "unit_cell"), List.of(
                List.of("CPS1012", "1", "lys", "P 43 21 2", "79.1 79.1 38.0 90 90 90"),
                List.of("CPS1012", "2", "lys", "P 43 21 2", "79.1 85.0 38.0 90 90 90"),      // a != b: not tetragonal
                List.of("CPS1012", "3", "thl", "P 61 2 2", "92.9 92.9 130.4 90 90 120")));
        assertThatThrownBy(() -> SampleSheets.read(file)).isInstanceOfSatisfying(SampleSheetException.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.cellRef()).isEqualTo("E3");
                    assertThat(p.message()).isEqualTo("unit cell 79.1 85.0 38.0 90 90 90 does not fit the tP lattice of space group P 43 21 2");
                }));
    }

    @Test
    void kamoZooStyleMergeCsvPrefixesTheUserName() throws Exception {
        Path file = SheetFiles.csv(dir.resolve("merge.csv"), List.of("root_dir", "uname", "puck", "pin", "name"),
                List.of(List.of("/data/x", "yamada", "CPS1012", "6", "sample1")));
        assertThat(SampleSheets.read(file).pins()).extracting(Pin::id).containsExactly("yamada-CPS1012-06");
    }

    @Test
    void zooPinRangesExpandToOnePinEach() throws Exception {
        Path file = SheetFiles.csv(dir.resolve("r.csv"), List.of("PuckID", "PinID", "SampleName", "Mode"),
                List.of(List.of("CPS1012", "1-3+7", "Lys", "multi")));
        assertThat(SampleSheets.read(file).pins()).extracting(Pin::id)
                .containsExactly("CPS1012-01", "CPS1012-02", "CPS1012-03", "CPS1012-07");
    }

    @Test
    void sheetWithoutPinColumnsSaysWhichHeaderItFound() throws Exception {
        Path file = SheetFiles.csv(dir.resolve("h.csv"), List.of("tray", "well", "sample_name"), List.of(List.of("a", "1", "x")));
        assertThatThrownBy(() -> SampleSheets.read(file)).isInstanceOf(SampleSheetException.class)
                .hasMessageContaining("no puck and pin columns").hasMessageContaining("[tray, well, sample_name]");
    }

    @Test
    void unknownExtensionAndMissingFileAreClearErrors() {
        assertThatThrownBy(() -> SampleSheets.read(dir.resolve("none.csv"))).hasMessageContaining("none.csv").hasMessageContaining("no such file");
    }

    @Test
    void xlsxFormulaThatFailsIsReportedWithItsCell() throws Exception {
        Path file = dir.resolve("f.xlsx");
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = java.nio.file.Files.newOutputStream(file)) {
            var sh = wb.createSheet("Sheet");
            var h = sh.createRow(0);
            String[] header = {"PuckID", "PinID", "SampleName", "Mode", "Wavelength [Å]"};
            for (int c = 0; c < header.length; c++) {
                h.createCell(c).setCellValue(header[c]);
            }
            var r = sh.createRow(1);
            r.createCell(0).setCellValue("CPS1012");
            r.createCell(1).setCellValue(1);
            r.createCell(2).setCellValue("lys");
            r.createCell(3).setCellValue("single");
            r.createCell(4).setCellFormula("12.3984/0");
            wb.write(out);
        }
        assertThatThrownBy(() -> SampleSheets.read(file)).isInstanceOfSatisfying(SampleSheetException.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.row()).isEqualTo(2);
                    assertThat(p.cellRef()).isEqualTo("E2");
                    assertThat(p.message()).isEqualTo("formula =12.3984/0 evaluates to an error");
                }));
    }

    @Test
    void sqliteWithSeveralTablesAndNoKnownNameSaysWhichTablesItFound() throws Exception {
        Path file = dir.resolve("x.db");
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file); var st = db.createStatement()) {
            st.execute("CREATE TABLE pucks (id TEXT)");
            st.execute("CREATE TABLE pins (id TEXT)");
        }
        assertThatThrownBy(() -> SampleSheets.read(file)).isInstanceOf(SampleSheetException.class)
                .hasMessageContaining("x.db").hasMessageContaining("expected a table named ESA or sample_sheet")
                .hasMessageContaining("[pins, pucks]");
    }
}
