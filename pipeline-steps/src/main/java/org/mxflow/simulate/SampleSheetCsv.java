package org.mxflow.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The ZOO-style sample sheet of a simulated beamtime, one row per pin, as plain CSV. */
public final class SampleSheetCsv {

    public static final List<String> HEADER = List.of("puckid", "pinid", "sample_name", "mode", "wavelength",
            "total_osc", "osc_width", "exp_time", "n_crystals", "resolution", "space_group", "cell", "anomalous");

    private SampleSheetCsv() {
    }

    /** Rows of cells, header first, so the CSV and XLSX writers share one source. */
    public static List<List<String>> rows(SimulationPreset preset) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (PinPlan p : preset.pins()) {
            // The user states one expected space group and cell per sample, whatever the crystals turn out to be.
            PinPlan firstOfSample = preset.pins().stream().filter(q -> q.sampleName().equals(p.sampleName()))
                    .findFirst().orElseThrow();
            StructureGroup g = preset.group(firstOfSample.crystalGroups().get(0));
            rows.add(List.of(p.puckId(), p.pinId(), p.sampleName(), p.mode(),
                    fmt("%.4f", preset.beam().wavelengthA()), fmt("%.1f", p.sweepDeg()), fmt("%.2f", preset.oscWidthDeg()),
                    fmt("%.3f", preset.exposureS()), Integer.toString(p.crystalGroups().size()),
                    fmt("%.1f", preset.dMinA()), g.spaceGroup().shortSymbol(), g.cell().format(), "no"));
        }
        return rows;
    }

    public static String render(SimulationPreset preset) {
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows(preset)) {
            sb.append(String.join(",", row.stream().map(SampleSheetCsv::quote).toList())).append('\n');
        }
        return sb.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String fmt(String f, Object v) {
        return String.format(Locale.ROOT, f, v);
    }
}
