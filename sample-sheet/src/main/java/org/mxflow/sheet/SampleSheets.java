package org.mxflow.sheet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads a sample sheet of any supported format, chosen by the file extension:
 * {@code .csv} (also {@code .txt}), {@code .xlsx} (and {@code .xls}) and {@code .db}/{@code .sqlite}.
 * All three give the same {@link SampleSheet} for the same content.
 *
 * <p>How sheet values become names on disk: the pin directory is {@code <PuckID>-<PinID>} where a
 * one-digit numeric pin is zero-padded to two digits as ZOO does ({@link PinId}); a sample name
 * becomes a directory name by {@link SampleName#directoryName}.
 */
public final class SampleSheets {

    private SampleSheets() {
    }

    /**
     * Reads and validates a sheet.
     *
     * @throws SampleSheetException with every problem found (file, row, cell, what is wrong)
     * @throws IOException          when the file cannot be read at all
     */
    public static SampleSheet read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new SampleSheetException(List.of(new SheetProblem(file, 0, "", "no such file")));
        }
        return SheetInterpreter.interpret(readRaw(file));
    }

    static RawSheet readRaw(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return CsvSheetReader.read(file);
        }
        if (name.endsWith(".xlsx") || name.endsWith(".xls") || name.endsWith(".xlsm")) {
            return XlsxSheetReader.read(file);
        }
        if (name.endsWith(".db") || name.endsWith(".sqlite") || name.endsWith(".sqlite3")) {
            return SqliteSheetReader.read(file);
        }
        throw new SampleSheetException(List.of(new SheetProblem(file, 0, "",
                "unknown sample-sheet format; expected .csv, .xlsx or .db")));
    }
}
