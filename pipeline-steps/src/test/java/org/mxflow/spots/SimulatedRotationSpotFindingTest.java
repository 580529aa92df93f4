package org.mxflow.spots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mxflow.image.Frame;
import org.mxflow.image.ImageHeader;
import org.mxflow.simulate.AtomicModel;
import org.mxflow.simulate.BackgroundModel;
import org.mxflow.simulate.Crystal;
import org.mxflow.simulate.CrystalDraw;
import org.mxflow.simulate.Detector;
import org.mxflow.simulate.FrameRenderer;
import org.mxflow.simulate.Goniometer;
import org.mxflow.simulate.PredictedReflection;
import org.mxflow.simulate.ReflectionPredictor;
import org.mxflow.simulate.SimulationPreset;
import org.mxflow.simulate.StructureFactors;
import org.mxflow.simulate.StructureGroup;

/**
 * The finder on simulated rotation data with truth (the simulator of org.mxflow.simulate, its
 * "small" preset: PILATUS 1M at 150 mm, 0.5° frames, a lysozyme-like P4₃2₁2 crystal, realistic
 * background with an ice-like ring, module gaps, Poisson noise), 12 frames = 6°.
 *
 * <p>Truth per reflection: its predicted centre (x, y, φ) and expected counts C. Its true I/σ is
 * that of an ideal summation integration, C / √(C + 2·B), with B the expected background under a
 * ±3σ box over the frames the spot spans; only reflections whose ±3σ box lies on the sensor (no
 * module gap) and whose ±3σ rocking curve lies inside the sweep count as fully recorded.
 */
class SimulatedRotationSpotFindingTest {

    @Test
    void findsAtLeast95PercentOfReflectionsWithIOverSigmaAbove10AndFewerThan2PercentFalseSpots() throws Exception {
        SimulationPreset preset = SimulationPreset.small();
        Detector det = preset.detector();
        StructureGroup group = preset.group("lysA");
        SplittableRandom rng = new SplittableRandom(42);
        StructureFactors sf = StructureFactors.compute(AtomicModel.random(group.atoms(), rng.split()), group.cell(),
                group.spaceGroup(), preset.dMinA() * 0.97);
        Crystal crystal = CrystalDraw.draw("test", group, preset.meanScale(), rng.split());
        double osc = preset.oscWidthDeg();
        int nFrames = 12;
        List<PredictedReflection> refl = ReflectionPredictor.predict(crystal, sf, preset.beam(), Goniometer.standard(),
                det, 0, nFrames * osc, preset.dMinA());
        double[] background = BackgroundModel.typical().scaled(preset.exposureS() / 0.1)
                .meanCounts(det, preset.beam().wavelengthA());
        FrameRenderer renderer = new FrameRenderer(det, background);
        ImageHeader header = new ImageHeader(det.name(), det.nx(), det.ny(), det.pixelMm(), det.pixelMm(),
                preset.beam().wavelengthA(), det.distanceMm(), det.beamXPx(), det.beamYPx(), 0, osc,
                preset.exposureS(), det.countCutoff(), nFrames);

        DispersionSpotFinder finder = new DispersionSpotFinder(SpotFinderSettings.dialsDefaults());
        List<FrameComponents> frames = new ArrayList<>();
        for (int i = 0; i < nFrames; i++) {
            double[] mean = renderer.expectedCounts(refl, i * osc, (i + 1) * osc, 0, 1.0);
            int[] px = renderer.record(mean, new SplittableRandom(1000 + i));
            frames.add(finder.components(new Frame(i + 1, header, px)));
        }
        List<Spot> found = finder.spots(ConnectedComponents.joinAcrossFrames(frames), DiffractionGeometry.of(header), true);

        // Reflections whose whole rocking curve (±3σ) lies inside the 6° recorded.
        int strong = 0;
        int strongFound = 0;
        for (PredictedReflection r : refl) {
            double lo = r.phiDeg() - 3 * r.sigmaPhiDeg();
            double hi = r.phiDeg() + 3 * r.sigmaPhiDeg();
            if (lo < 0 || hi > nFrames * osc) {
                continue;
            }
            if (iOverSigma(r, background, det, osc) <= 10 || touchesGap(r, det)) {
                continue;
            }
            strong++;
            if (found.stream().anyMatch(s -> matches(s, r, osc))) {
                strongFound++;
            }
        }
        // A spot is false when no predicted reflection (of any strength, partial ones at the
        // ends of the range included) lies under it.
        long falseSpots = found.stream().filter(s -> refl.stream().noneMatch(r -> carriesSignalOf(s, r, osc))).count();
        assertThat(strong).as("reflections with I/sigma > 10 fully inside the sweep").isGreaterThan(200);
        assertThat((double) strongFound / strong).as("found %d of %d", strongFound, strong).isGreaterThanOrEqualTo(0.95);
        assertThat((double) falseSpots / found.size()).as("%d false of %d", falseSpots, found.size()).isLessThan(0.02);
    }

    /** Whether the reflection's ±3σ box leaves the detector or touches a module gap: not fully recorded. */
    private static boolean touchesGap(PredictedReflection r, Detector det) {
        int h = (int) Math.ceil(3 * r.sigmaSpotPx());
        int x0 = (int) Math.floor(r.xPx()) - h;
        int y0 = (int) Math.floor(r.yPx()) - h;
        for (int y = y0; y <= y0 + 2 * h; y++) {
            for (int x = x0; x <= x0 + 2 * h; x++) {
                if (x < 0 || y < 0 || x >= det.nx() || y >= det.ny() || det.isGap(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Found: centroid within 2 px of the prediction, on frames that the reflection's rocking curve (±3σ) reaches. */
    private static boolean matches(Spot s, PredictedReflection r, double osc) {
        return Math.hypot(s.centroidXPx() - r.xPx(), s.centroidYPx() - r.yPx()) <= 2.0 && overlapsInPhi(s, r, osc, 3);
    }

    /**
     * Not false: some reflection's ±3σ spot box overlaps the spot's bounding box on frames its
     * rocking curve (±5σ, the predictor's margin) reaches. This counts as real the partials cut
     * by the start of the sweep and the halves of spots split by a module gap, whose centroids
     * are off the prediction although their counts are the reflection's.
     */
    private static boolean carriesSignalOf(Spot s, PredictedReflection r, double osc) {
        double h = 3 * r.sigmaSpotPx();
        return r.xPx() + h >= s.xMinPx() && r.xPx() - h <= s.xMaxPx() + 1
                && r.yPx() + h >= s.yMinPx() && r.yPx() - h <= s.yMaxPx() + 1
                && overlapsInPhi(s, r, osc, 5);
    }

    private static boolean overlapsInPhi(Spot s, PredictedReflection r, double osc, double sigmas) {
        double lo = (s.firstFrame() - 1) * osc;   // frame n covers [(n-1)·osc, n·osc]
        double hi = s.lastFrame() * osc;
        return r.phiDeg() + sigmas * r.sigmaPhiDeg() >= lo && r.phiDeg() - sigmas * r.sigmaPhiDeg() <= hi;
    }

    private static double iOverSigma(PredictedReflection r, double[] background, Detector det, double osc) {
        int x = (int) Math.floor(r.xPx());
        int y = (int) Math.floor(r.yPx());
        if (x < 0 || y < 0 || x >= det.nx() || y >= det.ny()) {
            return 0;
        }
        double side = 2 * 3 * r.sigmaSpotPx() + 1;
        double frames = Math.max(1, 6 * r.sigmaPhiDeg() / osc);
        double b = background[y * det.nx() + x] * side * side * frames;
        double c = r.fullCounts();
        return c / Math.sqrt(c + 2 * b);
    }
}
