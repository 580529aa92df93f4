package org.mxflow.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mxflow.cell.UnitCell;
import org.mxflow.stats.ShellStatistics;
import org.mxflow.xds.CorrectLp;

/**
 * What {@code _kamoproc/report.html} or {@code _kamo_30deg/report.html} shows (kamo-conventions
 * 5.1): one row per working directory of a processing tree. Filled by the orchestrator from its
 * catalog and each unit's result; plain values only. Unknown numbers are NaN.
 *
 * @param title    page heading, e.g. "mxflow processing report (_kamoproc)"
 * @param topDir   root of the beamtime's raw-data tree (shown, not linked)
 * @param treeDir  the processing tree, {@code <root>/_kamoproc}; the report is written there and
 *                 working directories are grouped by their parent relative to it
 * @param datasets rows in display order
 */
public record ProcessingSummary(String title, Path topDir, Path treeDir, List<Dataset> datasets) {

    public ProcessingSummary {
        datasets = List.copyOf(datasets);
        if (treeDir == null) {
            throw new IllegalArgumentException("a processing summary needs its tree directory");
        }
    }

    /** Where a unit stands; a failed unit carries its reason in {@link Dataset#statusReason}. */
    public enum Status { DONE, FAILED, RUNNING, PENDING }

    /**
     * One working directory.
     *
     * @param workDir           the unit's working directory, e.g. {@code _kamoproc/HEL0002-002/data00/cry00_1-3600}
     * @param report            its per-dataset report.html, linked from the name; null to link the directory
     * @param sampleId          KAMO's "Sample ID" {@code puck(pin)}, or "?" when unknown
     * @param status            processing state
     * @param statusReason      why it failed (or what it is doing), shown beside the status; may be null
     * @param firstFrame        first frame number of the unit
     * @param lastFrame         last frame number of the unit
     * @param wavelengthA       λ in Å
     * @param totalPhiDeg       rotation covered by the unit in degrees (the wedge, not the whole sweep)
     * @param oscillationDeg    Δφ per frame in degrees
     * @param indexedLatticePct largest subtree / all subtrees × 100 (IdxLatt)
     * @param spaceGroup        space group symbol (or number) of the result; null if none
     * @param cell              refined cell; null if none
     * @param resolutionA       KAMO's "Resn" estimate in Å
     * @param completenessPct   completeness of all data in %
     * @param isa               ISa; NaN if the error-model fit failed
     * @param ccHalfPct         CC½ of all data in %
     * @param problems          KAMO's problem flags (IDXREF, INTEGRATE, CORRECT); empty means OK
     * @param spotsPerFrame     strong spots on frame {@code firstFrame + i}; empty if not known
     * @param scalePerFrame     scale factor of frame {@code firstFrame + i}; empty if not known
     */
    public record Dataset(Path workDir, Path report, String sampleId, Status status, String statusReason,
                          int firstFrame, int lastFrame, double wavelengthA, double totalPhiDeg, double oscillationDeg,
                          double indexedLatticePct, String spaceGroup, UnitCell cell, double resolutionA,
                          double completenessPct, double isa, double ccHalfPct, List<String> problems,
                          double[] spotsPerFrame, double[] scalePerFrame) {

        public Dataset {
            if (workDir == null) {
                throw new IllegalArgumentException("a processed data set needs its working directory");
            }
            if (status == null) {
                throw new IllegalArgumentException("data set " + workDir + " has no status");
            }
            problems = problems == null ? List.of() : List.copyOf(problems);
            spotsPerFrame = spotsPerFrame == null ? new double[0] : spotsPerFrame;
            scalePerFrame = scalePerFrame == null ? new double[0] : scalePerFrame;
        }

        /**
         * A finished unit as CORRECT.LP describes it: λ, Δφ, frames, space group, refined cell,
         * ISa, completeness and CC½ of the saved data set, KAMO's Resn rule, and the CORRECT
         * problem flag (ISa invalid or below 10).
         */
        public static Dataset fromCorrectLp(Path workDir, Path report, String sampleId, String spaceGroupSymbol,
                                            CorrectLp lp, double indexedLatticePct,
                                            double[] spotsPerFrame, double[] scalePerFrame) {
            ShellStatistics total = lp.statistics() == null ? null : lp.statistics().total();
            List<String> problems = new ArrayList<>();
            double isa = lp.errorModel() == null || !lp.errorModel().isKnown() || lp.errorModel().fitFailed()
                    ? Double.NaN : lp.errorModel().isa();
            if (!(isa >= 10)) {
                problems.add("CORRECT");
            }
            if (!Double.isNaN(indexedLatticePct) && indexedLatticePct < 90) {
                problems.add("IDXREF");
            }
            UnitCell cell = lp.refined() != null ? lp.refined().cell() : lp.cell();
            String sg = spaceGroupSymbol != null ? spaceGroupSymbol
                    : lp.spaceGroupNumber() > 0 ? "#" + lp.spaceGroupNumber() : null;
            return new Dataset(workDir, report, sampleId, Status.DONE, null, lp.firstImage(), lp.lastImage(),
                    lp.wavelengthA(), (lp.lastImage() - lp.firstImage() + 1) * lp.oscillationDeg(), lp.oscillationDeg(),
                    indexedLatticePct, sg, cell, lp.kamoResolutionEstimateA(),
                    total == null ? Double.NaN : total.completenessPct(), isa,
                    total == null ? Double.NaN : total.ccHalfPct(), problems, spotsPerFrame, scalePerFrame);
        }
    }
}
