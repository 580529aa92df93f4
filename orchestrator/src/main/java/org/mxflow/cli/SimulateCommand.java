package org.mxflow.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.mxflow.simulate.BeamtimeSimulator;
import org.mxflow.simulate.SampleSheetCsv;
import org.mxflow.simulate.FrameFormat;
import org.mxflow.simulate.SimulationPreset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mxflow simulate OUT}: writes a simulated ZOO beamtime with its truth beside it. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulate a complete ZOO-style beamtime (PILATUS miniCBF): multi, helical and single pins,",
            "raster scans and the sample sheet (CSV and XLSX), with the truth (cells, orientations,",
            "intensities) written beside the raw tree in <root>_truth/."})
public final class SimulateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "OUT", description = "Output directory (created; the beamtime root goes inside).")
    Path out;

    @Option(names = "--preset", defaultValue = "small",
            description = "small (PILATUS 1M layout, ~350 frames) or full (PILATUS 6M, 0.1°/frame). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--format", defaultValue = "cbf",
            description = "Rotation frames as cbf (PILATUS miniCBF) or eiger (HDF5 master + data files of 100 bitshuffle-LZ4 frames). Default: ${DEFAULT-VALUE}.")
    String format;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed; the same seed gives the same beamtime. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--user", defaultValue = "mxsim", description = "User name in the root directory name. Default: ${DEFAULT-VALUE}.")
    String user;

    @Option(names = "--date", description = "Beamtime date (YYYY-MM-DD) for the root name; default today.")
    LocalDate date;

    @Override
    public Integer call() throws IOException {
        SimulationPreset p = SimulationPreset.byName(preset).withFormat(FrameFormat.parse(format));
        LocalDate d = date == null ? LocalDate.now() : date;
        Files.createDirectories(out);
        long t0 = System.nanoTime();
        BeamtimeSimulator.Result r = new BeamtimeSimulator(p, seed).run(out, user, d);
        Path xlsx = r.rawRoot().resolve(r.rawRoot().getFileName() + ".xlsx");
        writeXlsx(xlsx, SampleSheetCsv.rows(p));
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "Simulated beamtime %s (preset %s, seed %d): %d pins, %d crystals, %d frames, %.0f MB in %.1f s%n",
                r.rawRoot(), p.name(), seed, p.pins().size(), r.crystals().size(), r.framesWritten(),
                r.bytesWritten() / 1e6, s);
        System.out.printf("Sample sheet: %s and %s%n", r.sampleSheetCsv().getFileName(), xlsx.getFileName());
        System.out.printf("Truth: %s%n", r.truthDir());
        return 0;
    }

    static void writeXlsx(Path file, List<List<String>> rows) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream os = Files.newOutputStream(file)) {
            Sheet sheet = wb.createSheet("samples");
            for (int i = 0; i < rows.size(); i++) {
                Row row = sheet.createRow(i);
                List<String> cells = rows.get(i);
                for (int j = 0; j < cells.size(); j++) {
                    String v = cells.get(j);
                    // Numbers as numbers, so a spreadsheet user sees what ZOO's own sheets hold.
                    if (i > 0 && v.matches("-?\\d+(\\.\\d+)?") && !SampleSheetCsv.HEADER.get(j).equals("pinid")) {
                        row.createCell(j).setCellValue(Double.parseDouble(v));
                    } else {
                        row.createCell(j).setCellValue(v);
                    }
                }
            }
            wb.write(os);
        }
    }
}
