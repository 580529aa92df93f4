package org.mxflow.sheet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a sample sheet stored in SQLite, opened read-only.
 *
 * <p>Accepted layout: one table whose column names are the sheet headers (the same names and
 * aliases as the CSV, see {@link SheetColumn}), one row per pin. The table is {@code ESA} when
 * it exists (ZOO's {@code zoo.db}, which ZOO fills from its CSV), else {@code sample_sheet}, else
 * the only table of the file. Rows are read in rowid order and a row's number is its rowid.
 * All values are read as text, so numbers may be stored as REAL or TEXT.
 */
public final class SqliteSheetReader {

    static final List<String> TABLES = List.of("ESA", "sample_sheet");

    private SqliteSheetReader() {
    }

    public static RawSheet read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new SampleSheetException(List.of(new SheetProblem(file, 0, "", "no such file")));
        }
        String url = "jdbc:sqlite:file:" + file.toAbsolutePath() + "?mode=ro";
        try (Connection db = DriverManager.getConnection(url); Statement st = db.createStatement()) {
            String table = chooseTable(db, file);
            List<String> header = new ArrayList<>();
            List<RawSheet.Row> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT rowid AS mxflow_rowid, * FROM \"" + table.replace("\"", "\"\"") + "\" ORDER BY rowid")) {
                ResultSetMetaData md = rs.getMetaData();
                for (int c = 2; c <= md.getColumnCount(); c++) {
                    header.add(md.getColumnName(c));
                }
                while (rs.next()) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 2; c <= md.getColumnCount(); c++) {
                        Object v = rs.getObject(c);
                        cells.add(v == null ? "" : text(v));
                    }
                    if (cells.stream().allMatch(String::isBlank)) {
                        continue;
                    }
                    rows.add(new RawSheet.Row(rs.getInt(1), cells));
                }
            }
            return new RawSheet(file, header, 0, rows, false);
        } catch (SQLException e) {
            throw new SampleSheetException(List.of(new SheetProblem(file, 0, "", "not a readable SQLite sample sheet: " + e.getMessage())));
        }
    }

    private static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf(d.longValue());
        }
        return v.toString();
    }

    private static String chooseTable(Connection db, Path file) throws SQLException, SampleSheetException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = db.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME"));
            }
        }
        for (String wanted : TABLES) {
            for (String t : tables) {
                if (t.equalsIgnoreCase(wanted)) {
                    return t;
                }
            }
        }
        if (tables.size() == 1) {
            return tables.get(0);
        }
        throw new SampleSheetException(List.of(new SheetProblem(file, 0, "",
                "cannot tell which table holds the pins: expected a table named ESA or sample_sheet, or a single table; found " + tables)));
    }
}
