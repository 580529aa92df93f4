package org.mxflow.correct;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.mxflow.integrate.IntegratedReflection;
import org.mxflow.integrate.PredictedReflection;
import org.junit.jupiter.api.Test;

/** Lorentz–polarisation–partiality correction and XDS's rejection rules, by hand calculation. */
class LorentzPolarizationTest {

    static IntegratedReflection observed(int h, double zeta, double lorentz, double partiality) {
        PredictedReflection p = new PredictedReflection(h, 0, 0, 100, 100, 5, 2.5, 3.0, zeta, lorentz, 0.9, 0.5, partiality, 90);
        return new IntegratedReflection(p, 1000, 40, 1000, 40, 100, 100, 5, 3, 95, 0);
    }

    @Test
    void intensityIsDividedByLorentzPolarisationAndPartialityAndNearSpindleReflectionsAreDropped() {
        List<CorrectedObservation> out = LorentzPolarization.apply(List.of(
                observed(1, 0.30, 2.0, 0.80),    // kept: 1000 / (2 · 0.9 · 0.8) = 694.44
                observed(2, 0.03, 40.0, 1.0),    // |ζ| < 0.05: XDS MINIMUM_ZETA drops it
                observed(3, -0.049, 25.0, 1.0),  // the sign of ζ does not matter
                observed(4, 0.30, 2.0, 0.70)), 0.75); // recorded fraction below MINPK 75 %
        assertThat(out).hasSize(1);
        assertThat(out.get(0).h()).isEqualTo(1);
        assertThat(out.get(0).intensity()).isCloseTo(694.444, within(1e-3));
        assertThat(out.get(0).sigma()).isCloseTo(27.778, within(1e-3));
    }
}
