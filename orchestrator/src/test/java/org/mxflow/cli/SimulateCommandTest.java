package org.mxflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.simulate.SampleSheetCsv;
import org.mxflow.simulate.SimulationPreset;
import picocli.CommandLine;

class SimulateCommandTest {

    @TempDir
    Path tmp;

    @Test
    void unknownPresetIsOneClearErrorLine() {
        StringWriter err = new StringWriter();
        CommandLine cl = MxflowCommand.newCommandLine();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("simulate", tmp.resolve("o").toString(), "--preset", "huge")).isEqualTo(1);
        assertThat(err.toString().trim()).isEqualTo("mxflow: error: unknown preset 'huge': use small or full");
    }

    /** The XLSX sheet, read back with POI, holds the same rows as the CSV with numbers as numbers. */
    @Test
    void xlsxSampleSheetHoldsTheSmallPresetsPins() throws Exception {
        Path x = tmp.resolve("s.xlsx");
        SimulateCommand.writeXlsx(x, SampleSheetCsv.rows(SimulationPreset.small()));
        try (InputStream in = Files.newInputStream(x); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            Sheet s = wb.getSheet("samples");
            assertThat(s.getLastRowNum()).isEqualTo(5);
            assertThat(s.getRow(0).getCell(2).getStringCellValue()).isEqualTo("sample_name");
            assertThat(s.getRow(1).getCell(0).getStringCellValue()).isEqualTo("MUL0001");
            assertThat(s.getRow(1).getCell(1).getStringCellValue()).isEqualTo("01");
            assertThat(s.getRow(2).getCell(2).getStringCellValue()).isEqualTo("lys");
            assertThat(s.getRow(3).getCell(3).getStringCellValue()).isEqualTo("helical");
            assertThat(s.getRow(1).getCell(4).getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(s.getRow(1).getCell(4).getNumericCellValue()).isEqualTo(1.0);
            assertThat(s.getRow(4).getCell(10).getStringCellValue()).isEqualTo("C2");
        }
    }
}
