package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.cell.UnitCell;
import org.mxflow.mtz.MtzColumn;
import org.mxflow.mtz.MtzFile;
import org.mxflow.mtz.MtzReader;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.scale.Scaler;
import org.mxflow.stats.Correlation;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

/**
 * The French–Wilson amplitudes in a run's ccp4/xscale.mtz against the simulator's truth: four
 * P212121 wedges to 2.6 Å with a steep fall-off (Wilson B 40 Å²) and a high background, so the
 * outer shells are weak and a good share of the merged intensities negative.
 */
class AmplitudesTruthTest {

    @Test
    void frenchWilsonAmplitudesFollowTheTrueAmplitudesAndStayPositiveForNegativeIntensities(@TempDir Path dir) throws Exception {
        SpaceGroup sg = SpaceGroups.byNumber(19);
        UnitCell cell = new UnitCell(60, 70, 80, 90, 90, 90);
        double dMin = 2.6;
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(sg, cell, dMin, 40, 1978);
        List<MultiMerge.Dataset> ds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(cell, 45.0 * i, 30, 1.0, 1.0, 0, 0, 60, 0.03, Set.of(),
                    ReindexOperator.identity(), 70 + i);
            ds.add(new MultiMerge.Dataset(Path.of("/w" + i + "/XDS_ASCII.HKL"), "w" + i + "/XDS_ASCII.HKL",
                    SimulatedWedges.wedge(truth, sg, w, dMin, 1.0)));
        }
        new MultiMerge(new MultiMerge.Settings(sg, Double.NaN, dMin, false, Scaler.Settings.defaults())).merge(ds, dir);
        MtzFile mtz = MtzReader.read(dir.resolve("run_01/ccp4/xscale.mtz"));

        List<String> columns = mtz.columns().stream().map(c -> c.label() + ":" + c.type()).toList();
        assertThat(columns).containsExactly("H:H", "K:H", "L:H", "IMEAN:J", "SIGIMEAN:Q", "I(+):K", "SIGI(+):M", "I(-):K",
                "SIGI(-):M", "N(+):I", "N(-):I", "F:F", "SIGF:Q", "F(+):G", "SIGF(+):L", "F(-):G", "SIGF(-):L", "DANO:D",
                "SIGDANO:Q", "MULTIPLICITY:I");

        float[] h = mtz.columnValues("H"), k = mtz.columnValues("K"), l = mtz.columnValues("L");
        float[] iMean = mtz.columnValues("IMEAN"), sigI = mtz.columnValues("SIGIMEAN"), f = mtz.columnValues("F"),
                sigF = mtz.columnValues("SIGF"), fPlus = mtz.columnValues("F(+)"), fMinus = mtz.columnValues("F(-)"),
                dano = mtz.columnValues("DANO"), nPlus = mtz.columnValues("N(+)"), nMinus = mtz.columnValues("N(-)"),
                mult = mtz.columnValues("MULTIPLICITY");
        int n = mtz.reflectionCount();
        double[] fw = new double[n], naive = new double[n], trueF = new double[n];
        int m = 0, negative = 0, missing = 0, pairs = 0;
        for (int r = 0; r < n; r++) {
            if (Float.isNaN(f[r])) {
                missing++;
                continue;
            }
            assertThat(f[r]).as("F of row %d", r).isGreaterThan(0f);
            assertThat(sigF[r]).as("SIGF of row %d", r).isGreaterThan(0f);
            if (iMean[r] < 0) negative++;
            Double t = truth.get(new MillerIndex((int) h[r], (int) k[r], (int) l[r]));
            assertThat(t).as("truth of %d %d %d", (int) h[r], (int) k[r], (int) l[r]).isNotNull();
            fw[m] = f[r];
            naive[m] = Math.sqrt(Math.max(iMean[r], 0));
            trueF[m] = Math.sqrt(t);
            m++;
            if (!Float.isNaN(dano[r])) {
                assertThat(dano[r]).isCloseTo(fPlus[r] - fMinus[r], within(1e-3f * (fPlus[r] + fMinus[r])));
                pairs++;
            }
            // KAMO counts observations after leaving out merged I < -3 sigma
            if (iMean[r] < -3 * sigI[r]) {
                assertThat(mult[r]).isNaN();
            } else {
                assertThat(mult[r]).isEqualTo(nPlus[r] + nMinus[r]);
            }
        }
        double cc = Correlation.pearson(fw, trueF, m), ccNaive = Correlation.pearson(naive, trueF, m);
        System.out.printf("French-Wilson F vs sqrt(I_true): CC %.4f (sqrt(max(I,0)) %.4f) over %d reflections, %d with I < 0, %d without F%n",
                cc, ccNaive, m, negative, missing);
        assertThat(negative).as("negative merged intensities given a positive F").isGreaterThan(n / 20);
        assertThat(missing).as("reflections French-Wilson rejects").isLessThan(n / 100);
        assertThat(pairs).isGreaterThan(n / 4);
        assertThat(cc).as("measured 0.9833").isGreaterThan(0.98);
        // the posterior mean beats clipping the negative intensities at zero
        assertThat(cc).isGreaterThan(ccNaive);
    }
}
