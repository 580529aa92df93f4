package org.mxflow.sheet;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a CSV sample sheet (ZOO's CSV, KAMO's merge CSV, or any CSV with recognised headers).
 * The first non-empty record is the header; cells are named like a spreadsheet shows the
 * file ("C7" is the third field of the seventh record).
 */
public final class CsvSheetReader {

    private CsvSheetReader() {
    }

    public static RawSheet read(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        mapper.enable(CsvParser.Feature.TRIM_SPACES);
        List<String> header = null;
        int headerRow = 0;
        List<RawSheet.Row> rows = new ArrayList<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(in)) {
            int record = 0;
            while (it.hasNextValue()) {
                String[] cells = it.nextValue();
                record++;
                if (record == 1 && cells.length > 0 && cells[0] != null && cells[0].startsWith("\uFEFF")) {
                    cells[0] = cells[0].substring(1); // Excel writes a byte-order mark
                }
                if (Arrays.stream(cells).allMatch(c -> c == null || c.isBlank())) {
                    continue;
                }
                if (header == null) {
                    header = Arrays.asList(cells);
                    headerRow = record;
                } else {
                    rows.add(new RawSheet.Row(record, Arrays.asList(cells)));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SampleSheetException(List.of(new SheetProblem(file,
                    e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "", "not a readable CSV file: " + e.getOriginalMessage())));
        }
        if (header == null) {
            throw new SampleSheetException(List.of(new SheetProblem(file, 0, "", "the file is empty")));
        }
        return new RawSheet(file, header, headerRow, rows, true);
    }
}
