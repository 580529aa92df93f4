package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;
import org.mxflow.scale.ScaledObservation;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

class AnisotropyAnalysisTest {

    /**
     * Six observations per reflection of a P212121 truth (isotropic B 20 Å²) times an extra
     * fall-off exp(−B_c·(l/c)²/2) along c*, with Gaussian noise σ = 100 (Wilson mean 1000 at d = ∞).
     */
    static List<ScaledObservation> observations(double extraBAlongC) {
        SpaceGroup sg = SpaceGroups.byNumber(19);
        UnitCell cell = new UnitCell(60, 70, 80, 90, 90, 90);
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(sg, cell, 2.5, 20, 9);
        Random random = new Random(3);
        List<ScaledObservation> out = new ArrayList<>();
        truth.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            MillerIndex h = e.getKey();
            double lc = h.l() / cell.c();
            double i = e.getValue() * Math.exp(-extraBAlongC * lc * lc / 2);
            for (int k = 0; k < 6; k++) {
                double v = i + 100 * random.nextGaussian();
                out.add(new ScaledObservation(0, Observation.merged(h, v, 100), h, false, false, cell.oneOverDSquared(h.h(), h.k(), h.l()),
                        v, 100, false));
            }
        });
        return out;
    }

    @Test
    void theWeakDirectionOfAnAnisotropicCrystalIsTheWorst() {
        SpaceGroup sg = SpaceGroups.byNumber(19);
        UnitCell cell = new UnitCell(60, 70, 80, 90, 90, 90);
        List<AnisotropyAnalysis.Direction> aniso = AnisotropyAnalysis.analyse(observations(60), sg, cell);
        assertThat(aniso).extracting(AnisotropyAnalysis.Direction::name).containsExactly("a*", "b*", "c*");
        double a = aniso.get(0).dMinA(), b = aniso.get(1).dMinA(), c = aniso.get(2).dMinA();
        // Along c* the signal falls with B = 80 Å² instead of 20: CC½ reaches 0.5 near 3.6 Å, where
        // a* and b* stay above 0.8 to the 2.5 Å edge (their d is a tanh extrapolation, ~2 Å).
        assertThat(c).isBetween(3.2, 4.0).isGreaterThan(Math.max(a, b) + 1.0);
        double[] bw = AnisotropyAnalysis.bestAndWorst(aniso);
        assertThat(bw[1]).isEqualTo(c);

        // Control: without the extra fall-off the three directions agree.
        List<AnisotropyAnalysis.Direction> iso = AnisotropyAnalysis.analyse(observations(0), sg, cell);
        double[] ibw = AnisotropyAnalysis.bestAndWorst(iso);
        assertThat(ibw[1] - ibw[0]).isLessThan(0.6);
        assertThat(ibw[1]).isLessThan(c - 1.0);
        assertThat(AnisotropyAnalysis.log(aniso, sg)).contains("CC1/2=0.5 resolution for c*: ");
    }
}
