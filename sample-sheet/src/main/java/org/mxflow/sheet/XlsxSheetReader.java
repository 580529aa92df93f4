package org.mxflow.sheet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Reads an Excel sample sheet. ZOO's template keeps the pins on the sheet named "Sheet" with the
 * header on row 3 ("PuckID", "PinID", "SampleName", ...); this reader takes that sheet when it
 * exists (else the first sheet) and the first of its first 20 rows that names both a pin and a
 * sample column as the header. Formulas are evaluated; a formula that fails is reported with its cell.
 */
public final class XlsxSheetReader {

    /** The sheet ZOO's Excel template uses (ZOO's UserESA reads sheet_name="Sheet", header row 3). */
    static final String ZOO_SHEET = "Sheet";

    private XlsxSheetReader() {
    }

    public static RawSheet read(Path file) throws IOException {
        List<SheetProblem> problems = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file); Workbook wb = WorkbookFactory.create(in)) {
            Sheet sheet = wb.getSheet(ZOO_SHEET) != null ? wb.getSheet(ZOO_SHEET) : wb.getSheetAt(0);
            FormulaEvaluator evaluator = wb.getCreationHelper().createFormulaEvaluator();
            DataFormatter formatter = new DataFormatter(java.util.Locale.ROOT);
            List<String> header = null;
            int headerRow = 0;
            List<RawSheet.Row> rows = new ArrayList<>();
            for (Row r : sheet) {
                int number = r.getRowNum() + 1;
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < Math.max(0, r.getLastCellNum()); c++) {
                    cells.add(text(r.getCell(c), formatter, evaluator, file, number, problems));
                }
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (header == null) {
                    if (number <= 20 && looksLikeHeader(cells)) {
                        header = cells;
                        headerRow = number;
                    }
                    continue;
                }
                rows.add(new RawSheet.Row(number, cells));
            }
            if (header == null) {
                problems.add(new SheetProblem(file, 0, "", "sheet '" + sheet.getSheetName()
                        + "' has no header row naming pin and sample columns in its first 20 rows"));
            }
            if (!problems.isEmpty()) {
                throw new SampleSheetException(problems);
            }
            return new RawSheet(file, header, headerRow, rows, true);
        } catch (SampleSheetException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SampleSheetException(List.of(new SheetProblem(file, 0, "", "not a readable Excel file: " + e.getMessage())));
        }
    }

    private static boolean looksLikeHeader(List<String> cells) {
        boolean pin = false, sample = false;
        for (String c : cells) {
            SheetColumn col = SheetColumn.forHeader(c).orElse(null);
            pin |= col == SheetColumn.PIN || col == SheetColumn.TOP_DIR;
            sample |= col == SheetColumn.SAMPLE_NAME;
        }
        return pin && sample;
    }

    private static String text(Cell cell, DataFormatter formatter, FormulaEvaluator evaluator, Path file, int row,
                               List<SheetProblem> problems) {
        if (cell == null) {
            return "";
        }
        if (cell.getCellType() == CellType.FORMULA) {
            try {
                CellType result = evaluator.evaluateFormulaCell(cell);
                if (result == CellType.ERROR) {
                    problems.add(new SheetProblem(file, row, cell.getAddress().formatAsString(),
                            "formula =" + cell.getCellFormula() + " evaluates to an error"));
                    return "";
                }
            } catch (RuntimeException e) {
                problems.add(new SheetProblem(file, row, cell.getAddress().formatAsString(),
                        "formula =" + cell.getCellFormula() + " cannot be evaluated: " + e.getMessage()));
                return "";
            }
        }
        // Numbers come back as the shortest exact decimal ("0.1", "1"), not with the cell's display format.
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC) {
            double v = cell.getNumericCellValue();
            if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                return String.valueOf((long) v);
            }
            return String.valueOf(v);
        }
        return formatter.formatCellValue(cell, evaluator);
    }
}
