package org.mxflow.mtz;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.Observation;
import org.mxflow.symmetry.AsuIndex;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroup;

/**
 * Builds an unmerged MTZ as POINTLESS and AIMLESS read it (the layout DIALS and XDS→POINTLESS
 * produce): columns H K L (ASU indices) M/ISYM BATCH I SIGI XDET YDET ROT FRACTIONCALC, and one
 * batch header per image of the scan with cell, wavelength, φ start/end, rotation axis and
 * detector size. ISYM follows MTZ: 2n+1 when the observed index is symmetry operator n applied
 * to the ASU index, 2n+2 for its Friedel mate; M (the partial flag, ×256) is 0.
 * Rows are sorted by H, K, L, M/ISYM, BATCH; XDS misfits (σ ≤ 0) are left out.
 */
public final class UnmergedMtz {

    private UnmergedMtz() {}

    /**
     * The rotation scan of the observations.
     *
     * @param firstImage       first image number (batch numbers are image numbers)
     * @param lastImage        last image number
     * @param startingFrame    image number at which {@code startingAngleDeg} holds (XDS STARTING_FRAME)
     * @param startingAngleDeg φ at the start of {@code startingFrame}
     * @param oscillationDeg   rotation per image
     * @param rotationAxis     unit rotation axis in the laboratory frame
     * @param beamDirection    unit vector of the incident beam (source → sample)
     * @param wavelengthA      wavelength in Å
     * @param nx               detector width in pixels
     * @param ny               detector height in pixels
     * @param distanceMm       crystal-to-detector distance in mm
     */
    public record RotationScan(int firstImage, int lastImage, int startingFrame, double startingAngleDeg,
                               double oscillationDeg, double[] rotationAxis, double[] beamDirection, double wavelengthA,
                               int nx, int ny, double distanceMm) {
        public RotationScan {
            if (lastImage < firstImage) {
                throw new IllegalArgumentException("scan images " + firstImage + ".." + lastImage + " are empty");
            }
            if (rotationAxis.length != 3 || beamDirection.length != 3) {
                throw new IllegalArgumentException("rotation axis and beam direction are 3-vectors");
            }
        }

        /** φ in degrees at a (fractional) XDS frame coordinate ZD; image n spans ZD ∈ [n−1, n). */
        public double phiDeg(double zd) {
            return startingAngleDeg + (zd - (startingFrame - 1)) * oscillationDeg;
        }
    }

    public static final List<String> LABELS =
            List.of("H", "K", "L", "M/ISYM", "BATCH", "I", "SIGI", "XDET", "YDET", "ROT", "FRACTIONCALC");
    private static final char[] TYPES = {'H', 'H', 'H', 'Y', 'B', 'J', 'Q', 'R', 'R', 'R', 'R'};

    public static MtzFile of(String title, List<Observation> observations, SpaceGroup sg, UnitCell cell, RotationScan scan,
                             MergedMtz.Names names) {
        ReciprocalAsu asu = sg.reciprocalAsu();
        List<float[]> rows = new ArrayList<>(observations.size());
        int i = 0;
        for (Observation o : observations) {
            i++;
            if (!(o.sigma() > 0)) {
                continue;
            }
            int batch = (int) Math.floor(o.zdFrame()) + 1;
            if (Double.isNaN(o.zdFrame()) || batch < scan.firstImage() || batch > scan.lastImage()) {
                throw new IllegalArgumentException("observation " + i + " " + o.hkl() + " at frame coordinate ZD=" + o.zdFrame()
                        + " lies outside the scan images " + scan.firstImage() + ".." + scan.lastImage());
            }
            AsuIndex a = asu.toAsu(o.hkl());
            rows.add(new float[] {a.hkl().h(), a.hkl().k(), a.hkl().l(), a.isym(), batch, (float) o.intensity(),
                (float) o.sigma(), (float) o.xdPx(), (float) o.ydPx(), (float) scan.phiDeg(o.zdFrame()),
                o.peakPercent() > 0 ? o.peakPercent() / 100f : 1f});
        }
        rows.sort((x, y) -> {
            for (int c = 0; c < 5; c++) {
                int d = Float.compare(x[c], y[c]);
                if (d != 0) {
                    return d;
                }
            }
            return 0;
        });
        float[] data = new float[rows.size() * LABELS.size()];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, data, r * LABELS.size(), LABELS.size());
        }
        List<MtzColumn> cols = new ArrayList<>();
        for (int c = 0; c < LABELS.size(); c++) {
            cols.add(MtzColumn.of(LABELS.get(c), TYPES[c], c < 3 ? 0 : 1));
        }
        List<MtzBatch> batches = new ArrayList<>();
        for (int img = scan.firstImage(); img <= scan.lastImage(); img++) {
            batches.add(batch(img, cell, scan, 1));
        }
        List<MtzDataset> ds = List.of(MtzDataset.hklBase(cell),
                new MtzDataset(1, names.project(), names.crystal(), names.dataset(), cell, names.wavelengthA()));
        return new MtzFile(title, cell, sg.ccp4Symbol(), sg.ccp4Number(), sg.operations().allOps(), new int[] {1, 2, 3, 4, 5},
                ds, cols, data, batches, List.of(), ByteOrder.LITTLE_ENDIAN);
    }

    /** The orientation block of one image, filled as DIALS fills it for AIMLESS (U = identity: unknown). */
    static MtzBatch batch(int image, UnitCell cell, RotationScan scan, int datasetId) {
        int[] ints = new int[MtzBatch.INT_WORDS];
        float[] fl = new float[MtzBatch.FLOAT_WORDS];
        ints[0] = MtzBatch.INT_WORDS + MtzBatch.FLOAT_WORDS;
        ints[1] = MtzBatch.INT_WORDS;
        ints[2] = MtzBatch.FLOAT_WORDS;
        ints[MtzBatch.I_NCRYST] = 1;
        ints[MtzBatch.I_LDTYPE] = 2; // 3D (rotation) data
        ints[MtzBatch.I_JSAXS] = 1;
        ints[MtzBatch.I_NGONAX] = 1;
        ints[MtzBatch.I_NDET] = 1;
        ints[MtzBatch.I_DATASET_ID] = datasetId;
        double[] c = cell.toArray();
        for (int j = 0; j < 6; j++) {
            fl[MtzBatch.F_CELL + j] = (float) c[j];
        }
        fl[MtzBatch.F_UMAT] = fl[MtzBatch.F_UMAT + 4] = fl[MtzBatch.F_UMAT + 8] = 1f;
        double phi0 = scan.startingAngleDeg() + (image - scan.startingFrame()) * scan.oscillationDeg();
        fl[MtzBatch.F_PHI_START] = (float) phi0;
        fl[MtzBatch.F_PHI_END] = (float) (phi0 + scan.oscillationDeg());
        fl[MtzBatch.F_PHI_RANGE] = (float) scan.oscillationDeg();
        fl[MtzBatch.F_BSCALE] = 1f;
        for (int j = 0; j < 3; j++) {
            fl[MtzBatch.F_SCAN_AXIS + j] = (float) scan.rotationAxis()[j];
            fl[MtzBatch.F_E1 + j] = (float) scan.rotationAxis()[j];
            fl[MtzBatch.F_S0 + j] = (float) scan.beamDirection()[j];
        }
        // the idealised source vector: -1 along the beam's dominant component (as DIALS writes it)
        double[] b = scan.beamDirection();
        int dominant = 0;
        for (int j = 1; j < 3; j++) {
            if (Math.abs(b[j]) > Math.abs(b[dominant])) {
                dominant = j;
            }
        }
        fl[MtzBatch.F_SOURCE + dominant] = -1f;
        fl[MtzBatch.F_WAVELENGTH] = (float) scan.wavelengthA();
        fl[MtzBatch.F_DISTANCE] = (float) scan.distanceMm();
        fl[MtzBatch.F_DETLM + 1] = scan.nx();
        fl[MtzBatch.F_DETLM + 3] = scan.ny();
        return new MtzBatch(image, "Batch " + image, ints, fl, List.of("PHI"));
    }
}
