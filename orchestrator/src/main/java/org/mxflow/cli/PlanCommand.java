package org.mxflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mxflow.discovery.BeamtimeSurvey;
import org.mxflow.discovery.CompletenessRule;
import org.mxflow.discovery.Dataset;
import org.mxflow.discovery.Discovery;
import org.mxflow.discovery.FileHeaders;
import org.mxflow.discovery.FrameRange;
import org.mxflow.discovery.PinReport;
import org.mxflow.plan.MergeGroup;
import org.mxflow.plan.Planner;
import org.mxflow.plan.ProcessingPlan;
import org.mxflow.plan.ProcessingTree;
import org.mxflow.plan.ProcessingUnit;
import org.mxflow.sheet.SampleSheet;
import org.mxflow.sheet.SampleSheets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mxflow plan ROOT [--sheet FILE]}: what is in a raw-data tree and how it will be processed. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Discover the datasets of a beamtime's raw-data tree and print the processing plan:",
            "working directories in _kamoproc and _kamo_30deg (30° wedges) and merge groups per sample.",
            "Nothing is written; raw data is only read."})
public final class PlanCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ROOT", description = "Beamtime root directory (holds the <Puck>-<Pin> directories).")
    Path root;

    @Option(names = "--sheet", paramLabel = "FILE", description = "Sample sheet: .csv, .xlsx or .db (ZOO or KAMO style).")
    Path sheetFile;

    @Option(names = "--json", description = "Print the plan as JSON instead of a table.")
    boolean json;

    @Option(names = "--settle-seconds", defaultValue = "10", paramLabel = "S",
            description = "A dataset is complete when no file changed for this long (default ${DEFAULT-VALUE}).")
    long settleSeconds;

    @Option(names = "--stall-minutes", defaultValue = "30", paramLabel = "M",
            description = "An incomplete dataset unchanged this long is 'stalled' (default ${DEFAULT-VALUE}).")
    long stallMinutes;

    @Option(names = "--min-wedge-deg", defaultValue = "5", paramLabel = "DEG",
            description = "A 30° tree end piece shorter than this joins its neighbour; 0 cuts exactly as KAMO (default ${DEFAULT-VALUE}).")
    double minWedgeDeg;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + " is not a directory");
        }
        SampleSheet sheet = sheetFile == null ? null : SampleSheets.read(sheetFile);
        CompletenessRule rule = new CompletenessRule(Duration.ofSeconds(settleSeconds), Duration.ofMinutes(stallMinutes));
        BeamtimeSurvey survey = new Discovery(new FileHeaders(), rule).survey(root, sheet, Instant.now());
        ProcessingPlan plan = new Planner(30, minWedgeDeg).plan(survey);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(plan)));
        } else {
            printTable(plan, out);
        }
        out.flush();
        return 0;
    }

    static void printTable(ProcessingPlan plan, PrintWriter out) {
        BeamtimeSurvey s = plan.survey();
        out.printf("Beamtime %s%n", s.root().toAbsolutePath().normalize().getFileName());
        out.printf("  %s, %d pin directories, %d datasets, %d processing units (%d in _kamoproc, %d in _kamo_30deg)%n%n",
                s.sheet() == null ? "no sample sheet" : "sheet " + s.sheet().source().getFileName() + " (" + s.sheet().pins().size() + " pins)",
                s.pins().stream().filter(p -> p.directory() != null).count(), s.datasets().size(), plan.units().size(),
                count(plan, ProcessingTree.KAMOPROC), count(plan, ProcessingTree.KAMO_30DEG));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"PIN", "SAMPLE", "MODE", "DATASET", "FRAMES", "STATUS", "UNITS"});
        for (PinReport p : s.pins()) {
            if (p.datasets().isEmpty()) {
                String mode = p.sheetRow() != null && p.sheetRow().mode() != null ? p.sheetRow().mode().word() : "-";
                rows.add(new String[] {p.id(), orDash(p.sampleName()), mode, "-", "-", "no data", p.comment()});
                continue;
            }
            boolean first = true;
            for (Dataset d : p.datasets()) {
                String dataset = d.relativeDirectory().substring(d.relativeDirectory().indexOf('/') + 1) + "/" + d.template();
                if (d.format() == org.mxflow.discovery.ImageFormat.EIGER) {
                    dataset += " [" + d.frames() + "]";
                }
                int wedges = plan.unitsOf(d, ProcessingTree.KAMO_30DEG).size();
                String units = "1 + " + wedges + (wedges == 1 ? " wedge" : " wedges");
                String comment = first && !p.comment().isEmpty() ? p.comment() : "";
                if (!d.note().isEmpty()) {
                    comment = comment.isEmpty() ? d.note() : comment + "; " + d.note();
                }
                rows.add(new String[] {first ? p.id() : "", first ? orDash(p.sampleName()) : "",
                    d.mode() == null ? "-" : d.mode().word(), dataset, frames(d), d.status().word(),
                    comment.isEmpty() ? units : units + "   (" + comment + ")"});
                first = false;
            }
        }
        printColumns(rows, out);
        if (!plan.merges().isEmpty()) {
            out.printf("%nMerge groups (blend and cc in each tree):%n");
            for (MergeGroup m : plan.merges()) {
                if (!m.clustering().equals("blend")) {
                    continue;
                }
                long pins = m.units().stream().map(u -> u.dataset().pinId()).distinct().count();
                out.printf("  %-20s %3d unit%s from %d pin%s  d_start %.2f Å  %s%n", m.sampleName(), m.units().size(),
                        m.units().size() == 1 ? "" : "s", pins, pins == 1 ? "" : "s", m.dStartA(), m.directory().toString().replace("merge_blend_", "merge_{blend,cc}_"));
            }
        }
        if (!s.notes().isEmpty()) {
            out.printf("%nNotes:%n");
            s.notes().forEach(n -> out.println("  " + n));
        }
        if (!plan.problems().isEmpty()) {
            out.printf("%nProblems:%n");
            plan.problems().forEach(n -> out.println("  " + n));
        }
    }

    private static long count(ProcessingPlan plan, ProcessingTree tree) {
        return plan.units().stream().filter(u -> u.tree() == tree).count();
    }

    private static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    static String frames(Dataset d) {
        if (d.missing().isEmpty()) {
            return d.frames() + " (" + d.frames().count() + ")";
        }
        return d.presentCount() + "/" + d.frames().count() + " of " + d.frames() + ", missing " + FrameRange.format(d.missing());
    }

    private static void printColumns(List<String[]> rows, PrintWriter out) {
        int n = rows.get(0).length;
        int[] w = new int[n];
        for (String[] r : rows) {
            for (int i = 0; i < n - 1; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < n; i++) {
                b.append(i < n - 1 ? String.format(Locale.ROOT, "%-" + (w[i] + 2) + "s", r[i]) : r[i]);
            }
            out.println(b.toString().stripTrailing());
        }
    }

    static Map<String, Object> toJson(ProcessingPlan plan) {
        BeamtimeSurvey s = plan.survey();
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("root", s.root().toAbsolutePath().normalize().toString());
        top.put("sheet", s.sheet() == null ? null : s.sheet().source().toString());
        List<Object> pins = new ArrayList<>();
        for (PinReport p : s.pins()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("pin", p.id());
            pm.put("sample", p.sampleName().isEmpty() ? null : p.sampleName());
            pm.put("inSheet", p.sheetRow() != null);
            pm.put("sheetRow", p.sheetRow() == null ? null : p.sheetRow().row());
            pm.put("sheetMode", p.sheetRow() == null || p.sheetRow().mode() == null ? null : p.sheetRow().mode().word());
            pm.put("hasDirectory", p.directory() != null);
            pm.put("comment", p.comment());
            if (p.directory() != null) {
                pm.put("loopImages", p.directory().loopImages());
                pm.put("scans", p.directory().scans().stream().map(sc -> sc.relativeDirectory()).toList());
            }
            List<Object> ds = new ArrayList<>();
            for (Dataset d : p.datasets()) {
                Map<String, Object> dm = new LinkedHashMap<>();
                dm.put("directory", d.relativeDirectory());
                dm.put("template", d.template());
                dm.put("format", d.format().name().toLowerCase(Locale.ROOT));
                dm.put("mode", d.mode() == null ? null : d.mode().word());
                dm.put("first", d.frames().first());
                dm.put("last", d.frames().last());
                dm.put("present", FrameRange.format(d.present()));
                dm.put("missing", FrameRange.format(d.missing()));
                dm.put("status", d.status().word());
                dm.put("oscWidthDeg", Double.isNaN(d.oscWidthDeg()) ? null : d.oscWidthDeg());
                dm.put("note", d.note());
                for (ProcessingTree t : ProcessingTree.values()) {
                    dm.put(t.directory(), plan.unitsOf(d, t).stream().map(u -> slash(u.workDirectory())).toList());
                }
                ds.add(dm);
            }
            pm.put("datasets", ds);
            pins.add(pm);
        }
        top.put("pins", pins);
        List<Object> merges = new ArrayList<>();
        for (MergeGroup m : plan.merges()) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("sample", m.sampleName());
            mm.put("tree", m.tree().directory());
            mm.put("clustering", m.clustering());
            mm.put("dStartA", m.dStartA());
            mm.put("directory", slash(m.directory()));
            mm.put("units", m.units().stream().map(ProcessingUnit::workDirectory).map(PlanCommand::slash).toList());
            merges.add(mm);
        }
        top.put("merges", merges);
        top.put("notes", s.notes());
        top.put("problems", plan.problems());
        return top;
    }

    private static String slash(Path p) {
        return p.toString().replace('\\', '/');
    }
}
