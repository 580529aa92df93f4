package org.mxflow.sheet;

import java.nio.file.Path;

/**
 * One thing wrong in a sample sheet, located as precisely as the format allows.
 *
 * @param file    the sheet file
 * @param row     1-based row as a spreadsheet shows it (the header is a row), or 0 for the whole sheet
 * @param cellRef the cell ("C7") for CSV and XLSX, the column name for SQLite, or "" when no single cell
 * @param message what is wrong, in words a beamline scientist understands
 */
public record SheetProblem(Path file, int row, String cellRef, String message) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file.toString());
        if (row > 0) {
            s.append(": row ").append(row);
        }
        if (!cellRef.isEmpty()) {
            s.append(row > 0 ? ", " : ": ").append(cellRef);
        }
        return s.append(": ").append(message).toString();
    }
}
