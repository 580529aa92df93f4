package org.mxflow.sheet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** Writes the same header + rows as CSV, XLSX (POI) and SQLite (sqlite-jdbc), for "same content" checks. */
final class SheetFiles {

    enum Format { CSV, XLSX, SQLITE }

    private SheetFiles() {
    }

    static Path write(Format f, Path dir, String stem, List<String> header, List<List<String>> rows) throws IOException {
        return switch (f) {
            case CSV -> csv(dir.resolve(stem + ".csv"), header, rows);
            case XLSX -> xlsx(dir.resolve(stem + ".xlsx"), header, rows);
            case SQLITE -> sqlite(dir.resolve(stem + ".db"), header, rows);
        };
    }

    static Path csv(Path file, List<String> header, List<List<String>> rows) throws IOException {
        StringBuilder s = new StringBuilder(line(header));
        for (List<String> r : rows) {
            s.append(line(r));
        }
        Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private static String line(List<String> cells) {
        return cells.stream().map(c -> c.contains(",") || c.contains("\"") || c.contains("\n")
                ? "\"" + c.replace("\"", "\"\"") + "\"" : c).collect(Collectors.joining(",")) + "\n";
    }

    /** Numbers become numeric cells, as a person typing into Excel would make them. */
    static Path xlsx(Path file, List<String> header, List<List<String>> rows) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sh = wb.createSheet("Sheet");
            Row h = sh.createRow(0);
            for (int c = 0; c < header.size(); c++) {
                h.createCell(c).setCellValue(header.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sh.createRow(r + 1);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    String v = rows.get(r).get(c);
                    if (v.isEmpty()) {
                        continue;
                    }
                    if (v.matches("-?[0-9]+(\\.[0-9]+)?") && !v.matches("0[0-9]+")) {
                        row.createCell(c).setCellValue(Double.parseDouble(v));
                    } else {
                        row.createCell(c).setCellValue(v);
                    }
                }
            }
            wb.write(out);
        }
        return file;
    }

    /** Table "ESA" as ZOO's zoo.db; all columns TEXT. */
    static Path sqlite(Path file, List<String> header, List<List<String>> rows) throws IOException {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file); Statement st = db.createStatement()) {
            st.execute("CREATE TABLE ESA (" + header.stream().map(h -> "\"" + h + "\" TEXT").collect(Collectors.joining(",")) + ")");
            String q = "INSERT INTO ESA VALUES (" + header.stream().map(h -> "?").collect(Collectors.joining(",")) + ")";
            try (PreparedStatement ps = db.prepareStatement(q)) {
                for (List<String> r : rows) {
                    for (int c = 0; c < header.size(); c++) {
                        String v = c < r.size() ? r.get(c) : "";
                        if (v.isEmpty()) {
                            ps.setNull(c + 1, java.sql.Types.VARCHAR);
                        } else {
                            ps.setString(c + 1, v);
                        }
                    }
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new IOException(e);
        }
        return file;
    }
}
