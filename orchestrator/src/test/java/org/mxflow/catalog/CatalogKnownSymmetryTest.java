package org.mxflow.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.cell.UnitCell;
import org.mxflow.sheet.KnownSymmetry;
import org.mxflow.symmetry.SpaceGroups;

/**
 * The sample sheet's symmetry stored with each unit (migration V003): it reads back to the same
 * numbers, a sheet given again replaces it for units still to run and not for done ones, a run
 * without a sheet leaves it, and a catalog written before V003 opens with no known symmetry.
 */
class CatalogKnownSymmetryTest {

    static final KnownSymmetry LYS = new KnownSymmetry("P43212", SpaceGroups.bySymbol("P43212"),
            new UnitCell(78.6, 78.6, 37.9, 90, 90, 90));
    static final KnownSymmetry LYS_FIXED = new KnownSymmetry("P 43 21 2", SpaceGroups.bySymbol("P 43 21 2"),
            new UnitCell(78.61234567891234, 78.61234567891234, 37.9, 90, 90, 90));

    static NewUnit unit(String name, KnownSymmetry known, boolean inSheet) {
        return new NewUnit(UnitKind.PROCESS, "_kamoproc", "_kamoproc/P-01/data00/" + name, "P-01/data00/x_?????.cbf", 1, 10, "P-01",
                "lys", "single", "P-01/data00", name, "CBF", 1, 10, 1.0, 10, known, inSheet);
    }

    @Test
    void theSheetsSymmetryReadsBackExactlyAndAFixedSheetReachesOnlyUnitsStillToRun(@TempDir Path tmp) throws Exception {
        try (Catalog c = Catalog.open(tmp.resolve("c.sqlite"))) {
            long s = c.session(tmp, "sheet.csv");
            c.register(s, List.of(unit("a_1-10", LYS, true), unit("b_1-10", LYS, true),
                    new NewUnit(UnitKind.PROCESS, "_kamoproc", "_kamoproc/P-02/data00/c_1-10", "P-02/data00/c_?????.cbf", 1, 10,
                            "P-02", "", null, "P-02/data00", "c", "CBF", 1, 10, 1.0, 10)));
            UnitRecord a = c.unit("_kamoproc/P-01/data00/a_1-10");
            assertThat(a.knownSymmetry()).get().satisfies(k -> {
                assertThat(k.symbol()).isEqualTo("P43212");
                assertThat(k.spaceGroup().number()).isEqualTo(96);
                assertThat(k.cell().toArray()).containsExactly(78.6, 78.6, 37.9, 90, 90, 90);
            });
            assertThat(c.unit("_kamoproc/P-02/data00/c_1-10").knownSymmetry()).as("pin without a sheet row").isEmpty();

            // a finishes; then the sheet is corrected: b (still pending) takes the new cell, a keeps what it was made with
            Catalog.Claim claim = c.claimNext("host", 1, Instant.now()).orElseThrow();
            assertThat(claim.unit().workDir()).endsWith("a_1-10");
            c.finishDone(claim, Instant.now(), 1.0, "{}");
            c.register(s, List.of(unit("a_1-10", LYS_FIXED, true), unit("b_1-10", LYS_FIXED, true)));
            assertThat(c.unit("_kamoproc/P-01/data00/a_1-10").known()).isEqualTo(LYS);
            UnitRecord b = c.unit("_kamoproc/P-01/data00/b_1-10");
            assertThat(b.known().symbol()).isEqualTo("P 43 21 2");
            assertThat(b.known().cell().a()).as("Double.toString round trip").isEqualTo(78.61234567891234);

            // a run without the sheet (pins not in a sheet) leaves the stored symmetry alone
            c.register(s, List.of(unit("b_1-10", null, false)));
            assertThat(c.unit("_kamoproc/P-01/data00/b_1-10").known()).isEqualTo(LYS_FIXED);
            // a sheet row without symmetry clears it
            c.register(s, List.of(unit("b_1-10", null, true)));
            assertThat(c.unit("_kamoproc/P-01/data00/b_1-10").knownSymmetry()).isEmpty();
        }
    }

    @Test
    void aCatalogWrittenBeforeVersionThreeOpensWithNoKnownSymmetry(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("old.sqlite");
        try (Connection conn = DriverManager.getConnection("jdbc:sqlite:" + f); Statement s = conn.createStatement()) {
            s.executeUpdate("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
            for (String name : List.of("V001__catalog.sql", "V002__runs.sql")) {
                for (String stmt : Catalog.statements(script(name))) {
                    s.executeUpdate(stmt);
                }
            }
            s.executeUpdate("INSERT INTO schema_version VALUES (1, 'V001__catalog.sql', 'x'), (2, 'V002__runs.sql', 'x')");
            s.executeUpdate("INSERT INTO session VALUES (1, '/r', NULL, 'x')");
            s.executeUpdate("INSERT INTO pin VALUES (1, 1, 'P-01', 'lys', 'single')");
            s.executeUpdate("INSERT INTO unit(id, pin_id, kind, tree, work_dir, source, first_frame, last_frame, sample_name, priority, "
                    + "state) VALUES (1, 1, 'process', '_kamoproc', '_kamoproc/P-01/data00/x_1-10', 'x', 1, 10, 'lys', 10, 'done')");
        }
        try (Catalog c = Catalog.open(f)) {
            assertThat(c.schemaVersion()).isEqualTo(3);
            UnitRecord u = c.unit("_kamoproc/P-01/data00/x_1-10");
            assertThat(u.state()).isEqualTo(UnitState.DONE);
            assertThat(u.knownSymmetry()).isEmpty();
        }
    }

    private static String script(String name) throws Exception {
        try (InputStream in = Catalog.class.getResourceAsStream("migrations/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
