package org.mxflow.sheet;

import java.nio.file.Path;
import java.util.List;

/**
 * A sheet as text cells, before interpretation: what every reader produces.
 *
 * @param file              the sheet file
 * @param header            the header cells, in column order
 * @param headerRow         the row the header is on (1-based)
 * @param rows              the data rows, empty rows already dropped
 * @param spreadsheetCells  true when cells are named like "C7" (CSV, XLSX); false for SQLite,
 *                          whose cells are named by column
 */
public record RawSheet(Path file, List<String> header, int headerRow, List<Row> rows, boolean spreadsheetCells) {

    /** One data row: its 1-based number and its cells as text (formulas already evaluated). */
    public record Row(int number, List<String> cells) {
        public String cell(int column) {
            return column < cells.size() && cells.get(column) != null ? cells.get(column).trim() : "";
        }
    }

    /** The reference of one cell for error messages: "C7" or the SQLite column name. */
    public String cellRef(int column, int rowNumber) {
        if (!spreadsheetCells) {
            return "column " + header.get(column);
        }
        return columnLetters(column) + rowNumber;
    }

    /** Spreadsheet column letters: 0 is A, 25 is Z, 26 is AA. */
    public static String columnLetters(int column) {
        StringBuilder s = new StringBuilder();
        int c = column + 1;
        while (c > 0) {
            int r = (c - 1) % 26;
            s.insert(0, (char) ('A' + r));
            c = (c - 1) / 26;
        }
        return s.toString();
    }
}
