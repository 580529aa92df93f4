package org.mxflow.correct;

import java.util.ArrayList;
import java.util.List;
import org.mxflow.integrate.IntegratedReflection;
import org.mxflow.integrate.IntegrationFlags;
import org.mxflow.integrate.PredictedReflection;

/**
 * The first correction: divide each integrated intensity by its Lorentz factor, polarisation
 * factor and the recorded fraction of its rocking curve. Overloaded reflections, those with
 * untrusted foreground pixels, partials recorded below {@code minPeakFraction} (XDS MINPK,
 * 75 %) and reflections closer to the rotation axis than {@link #MINIMUM_ZETA} are dropped, as XDS
 * drops them.
 */
public final class LorentzPolarization {

    /**
     * XDS's MINIMUM_ZETA default: with |ζ| < 0.05 a reflection crosses the Ewald sphere so slowly, near
     * the spindle, that its Lorentz factor (≥ 20) and rocking width are too uncertain to correct; a
     * shoebox there also misses most of the spot (it came out near zero with a tiny σ and outweighed
     * every symmetry mate in merging).
     */
    public static final double MINIMUM_ZETA = 0.05;

    private LorentzPolarization() {}

    public static List<CorrectedObservation> apply(List<IntegratedReflection> refl, double minPeakFraction) {
        List<CorrectedObservation> out = new ArrayList<>(refl.size());
        for (IntegratedReflection r : refl) {
            PredictedReflection p = r.predicted();
            if (IntegrationFlags.isRejected(r.flags()) || p.partiality() < minPeakFraction || !(r.sigma() > 0)
                    || Math.abs(p.zeta()) < MINIMUM_ZETA) continue;
            double factor = 1 / (p.lorentz() * p.polarization() * p.partiality());
            out.add(new CorrectedObservation(p.h(), p.k(), p.l(), r.intensity() * factor, r.sigma() * factor,
                    r.xPx(), r.yPx(), r.zFrame(), factor, (int) Math.round(100 * p.partiality()), r.profileCorrPct(),
                    p.psiDeg(), p.dA(), p.phiDeg()));
        }
        return out;
    }
}
