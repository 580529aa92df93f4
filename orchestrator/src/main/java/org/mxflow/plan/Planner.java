package org.mxflow.plan;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mxflow.discovery.BeamtimeSurvey;
import org.mxflow.discovery.Dataset;
import org.mxflow.discovery.FrameRange;
import org.mxflow.discovery.PinReport;
import org.mxflow.sheet.KnownSymmetry;
import org.mxflow.sheet.Mode;
import org.mxflow.sheet.SampleName;

/**
 * Turns a {@link BeamtimeSurvey} into a {@link ProcessingPlan} with KAMO's directory names: every
 * dataset whole under {@code _kamoproc}, cut into 30° wedges under {@code _kamo_30deg} (multi-mode
 * wedges passed through), and merge groups per sample name in both trees. Every unit of a pin
 * carries the space group and cell of the pin's sheet row (KAMO's known.*). No I/O.
 */
public final class Planner {

    /** KAMO's merge.d_min_start, used when neither a header nor the sheet gives the geometry. */
    public static final double DEFAULT_D_START_A = 1.8;
    public static final List<String> CLUSTERINGS = List.of("blend", "cc");
    /** Working-directory names come from image file names; keep them to characters no tool misreads. */
    static final java.util.regex.Pattern SAFE_PREFIX = java.util.regex.Pattern.compile("[A-Za-z0-9_+][A-Za-z0-9._+-]*");

    private final double wedgeDeg;
    private final double minWedgeDeg;

    /** @param wedgeDeg 30 at SPring-8; @param minWedgeDeg shorter end pieces join their neighbour (0: KAMO exactly) */
    public Planner(double wedgeDeg, double minWedgeDeg) {
        this.wedgeDeg = wedgeDeg;
        this.minWedgeDeg = minWedgeDeg;
    }

    public static Planner spring8() {
        return new Planner(30, 5);
    }

    public ProcessingPlan plan(BeamtimeSurvey survey) {
        List<ProcessingUnit> units = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<Dataset, Double> dStart = new java.util.IdentityHashMap<>();
        for (PinReport pin : survey.pins()) {
            for (Dataset d : pin.datasets()) {
                if (!SAFE_PREFIX.matcher(d.prefix()).matches()) {
                    problems.add(d.relativeDirectory() + "/" + d.template() + ": file-name prefix '" + d.prefix()
                            + "' has characters other than letters, digits and . _ + -; not processed");
                    continue;
                }
                String sample = pin.sampleName();
                double d0 = HalfCornerResolution.dStartA(d.header());
                if (Double.isNaN(d0) && pin.sheetRow() != null) {
                    d0 = HalfCornerResolution.dStartFromRequestA(pin.sheetRow().wavelengthA(), pin.sheetRow().resolutionA());
                }
                dStart.put(d, d0);
                KnownSymmetry known = pin.sheetRow() == null ? null : pin.sheetRow().known();
                units.add(unit(ProcessingTree.KAMOPROC, d, d.frames(), sample, known));
                for (FrameRange w : wedges(d)) {
                    units.add(unit(ProcessingTree.KAMO_30DEG, d, w, sample, known));
                }
            }
        }
        return new ProcessingPlan(survey, units, merges(units, dStart, problems), problems);
    }

    /** Multi-mode wedges pass through whole; other sweeps are cut (unknown width: whole). */
    List<FrameRange> wedges(Dataset d) {
        if (d.mode() == Mode.MULTI || !(d.oscWidthDeg() > 0)) {
            return List.of(d.frames());
        }
        return Wedges.split(d.frames(), d.oscWidthDeg(), wedgeDeg, minWedgeDeg);
    }

    static ProcessingUnit unit(ProcessingTree tree, Dataset d, FrameRange frames, String sample) {
        return unit(tree, d, frames, sample, null);
    }

    static ProcessingUnit unit(ProcessingTree tree, Dataset d, FrameRange frames, String sample, KnownSymmetry known) {
        Path base = Path.of(tree.directory());
        Path dir = base.resolve(d.relativeDirectory()).resolve(ProcessingUnit.directoryName(d.prefix(), frames)).normalize();
        // Directory and file names come from the tree itself, but check anyway: nothing may leave the tree.
        if (!dir.startsWith(base) || dir.equals(base)) {
            throw new IllegalStateException("working directory " + dir + " would leave " + base);
        }
        return new ProcessingUnit(tree, d, frames, sample, dir, known);
    }

    private List<MergeGroup> merges(List<ProcessingUnit> units, Map<Dataset, Double> dStartOf, List<String> problems) {
        List<MergeGroup> out = new ArrayList<>();
        for (ProcessingTree tree : ProcessingTree.values()) {
            Map<String, List<ProcessingUnit>> bySample = new LinkedHashMap<>();
            for (ProcessingUnit u : units) {
                if (u.tree() == tree && !u.sampleName().isEmpty()) {
                    bySample.computeIfAbsent(u.sampleName(), k -> new ArrayList<>()).add(u);
                }
            }
            Map<String, String> dirOwner = new LinkedHashMap<>();
            for (Map.Entry<String, List<ProcessingUnit>> e : bySample.entrySet()) {
                String sample = e.getKey();
                String dirName = SampleName.directoryName(sample);
                String owner = dirOwner.putIfAbsent(dirName, sample);
                if (owner != null) {
                    if (tree == ProcessingTree.KAMOPROC) {
                        problems.add("samples '" + owner + "' and '" + sample + "' both become merge directory name '"
                                + dirName + "'; '" + sample + "' is not merged");
                    }
                    continue;
                }
                double dStart = dStart(e.getValue(), dStartOf);
                for (String clustering : CLUSTERINGS) {
                    Path dir = Path.of(tree.directory(), "merge_" + clustering + "_"
                            + String.format(Locale.ROOT, "%.1f", dStart) + "S_" + dirName);
                    out.add(new MergeGroup(tree, clustering, sample, dStart, dir, List.copyOf(e.getValue())));
                }
            }
        }
        return out;
    }

    /**
     * The highest resolution (smallest d) any dataset reaches at its half-corner (from its header,
     * else from the sheet's wavelength and requested resolution); KAMO starts there and only lowers it.
     */
    static double dStart(List<ProcessingUnit> units, Map<Dataset, Double> dStartOf) {
        double best = Double.NaN;
        for (ProcessingUnit u : units) {
            double d = dStartOf.getOrDefault(u.dataset(), Double.NaN);
            if (d > 0 && !(best <= d)) {
                best = d;
            }
        }
        return Double.isNaN(best) ? DEFAULT_D_START_A : best;
    }
}
