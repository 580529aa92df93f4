package org.mxflow.correct;

import java.util.ArrayList;
import java.util.List;
import org.mxflow.integrate.IntegratedReflection;
import org.mxflow.integrate.IntegrationFlags;
import org.mxflow.integrate.PredictedReflection;

/**
 * The first correction: divide each integrated intensity by its Lorentz factor, polarisation
 * factor and the recorded fraction of its rocking curve. Overloaded reflections, those with
 * untrusted foreground pixels, and partials recorded below {@code minPeakFraction} (XDS MINPK,
 * 75 %) are dropped, as XDS CORRECT drops them.
 */
public final class LorentzPolarization {

    private LorentzPolarization() {}

    public static List<CorrectedObservation> apply(List<IntegratedReflection> refl, double minPeakFraction) {
        List<CorrectedObservation> out = new ArrayList<>(refl.size());
        for (IntegratedReflection r : refl) {
            PredictedReflection p = r.predicted();
            if (IntegrationFlags.isRejected(r.flags()) || p.partiality() < minPeakFraction || !(r.sigma() > 0)) continue;
            double factor = 1 / (p.lorentz() * p.polarization() * p.partiality());
            out.add(new CorrectedObservation(p.h(), p.k(), p.l(), r.intensity() * factor, r.sigma() * factor,
                    r.xPx(), r.yPx(), r.zFrame(), factor, (int) Math.round(100 * p.partiality()), r.profileCorrPct(),
                    p.psiDeg(), p.dA(), p.phiDeg()));
        }
        return out;
    }
}
