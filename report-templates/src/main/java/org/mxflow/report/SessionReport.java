package org.mxflow.report;

import java.nio.file.Path;
import java.util.List;

/**
 * What the session report {@code <root>/<root>_00.html} shows: ZOO's table of pins
 * (kamo-conventions 6) with raster heat maps and links into the processing and merge trees.
 * Filled by the orchestrator from the sample sheet, discovery and the catalog; plain values
 * only, NaN for unknown numbers, null for absent files.
 *
 * @param root  the beamtime root directory (the report is written there)
 * @param title e.g. the root's name {@code 200928_BL45XU_yamada}
 * @param pins  one row per sample-sheet pin, in sheet order
 * @param trees top-level pages to link (processing reports, correct.html, archive); each must exist
 */
public record SessionReport(Path root, String title, List<Pin> pins, List<Link> trees) {

    public SessionReport {
        if (root == null) {
            throw new IllegalArgumentException("a session report needs its root directory");
        }
        pins = List.copyOf(pins);
        trees = trees == null ? List.of() : List.copyOf(trees);
    }

    /** A labelled file to link. */
    public record Link(String label, Path target) {}

    /**
     * One pin.
     *
     * @param puckId           puck ID, e.g. "CPS1012"
     * @param pinId            pin ID as in the sheet, e.g. "01"
     * @param sampleName       SampleName (the merge group)
     * @param mode             multi, single or helical
     * @param wavelengthA      Å
     * @param totalPhiDeg      rotation per dataset in degrees
     * @param oscillationDeg   degrees per frame
     * @param rasterBeamHUm    raster beam width in µm (NaN: no raster)
     * @param rasterBeamVUm    raster beam height in µm
     * @param rasterAreaHUm    scanned width in µm
     * @param rasterAreaVUm    scanned height in µm
     * @param gridH            raster grid points horizontally
     * @param gridV            raster grid points vertically
     * @param datasets         datasets collected on the pin
     * @param logComment       collection status, e.g. "Normal termination"
     * @param measTimeMin      wall time spent on the pin in minutes (NaN: unknown)
     * @param loopImage        loop image before the raster; null if none
     * @param heatMap          raster heat map PNG (e.g. scan00/2d/spotfinder/hitmap.png); null if none
     * @param hitReport        the hit-finding report/table of the raster (SHIKA's role); null if none
     * @param processing       links into the processing trees for this pin (e.g. _kamoproc/CPS1012-01/)
     * @param merges           links to the merge reports of the pin's sample
     */
    public record Pin(String puckId, String pinId, String sampleName, String mode, double wavelengthA, double totalPhiDeg,
                      double oscillationDeg, double rasterBeamHUm, double rasterBeamVUm, double rasterAreaHUm,
                      double rasterAreaVUm, int gridH, int gridV, int datasets, String logComment, double measTimeMin,
                      Path loopImage, Path heatMap, Path hitReport, List<Link> processing, List<Link> merges) {
        public Pin {
            processing = processing == null ? List.of() : List.copyOf(processing);
            merges = merges == null ? List.of() : List.copyOf(merges);
        }
    }
}
