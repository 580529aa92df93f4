package org.mxflow.correct;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.symmetry.AsuIndex;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroup;

/**
 * Groups observations by their unique reflection in a space group (Friedel mates together, or
 * apart for anomalous statistics). Groups are kept in ASU-index order so every sum over them
 * runs in the same order on every run.
 */
final class Merging {

    private Merging() {}

    /** Key of a unique reflection: ASU indices, plus the Bijvoet sign when {@code anomalous}. */
    record Key(MillerIndex asu, boolean minus) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = asu.compareTo(o.asu);
            return c != 0 ? c : Boolean.compare(minus, o.minus);
        }
    }

    static Map<Key, List<CorrectedObservation>> group(List<CorrectedObservation> obs, SpaceGroup sg, boolean anomalous) {
        ReciprocalAsu asu = sg.reciprocalAsu();
        Map<Key, List<CorrectedObservation>> g = new TreeMap<>();
        for (CorrectedObservation o : obs) {
            AsuIndex a = asu.toAsu(new MillerIndex(o.h(), o.k(), o.l()));
            Key k = new Key(a.hkl(), anomalous && a.friedelFlipped() && !sg.isCentric(a.hkl()));
            g.computeIfAbsent(k, x -> new ArrayList<>()).add(o);
        }
        return g;
    }

    /** Inverse-variance weighted mean and its σ: {I, σ}. */
    static double[] weightedMean(List<CorrectedObservation> os) {
        double sw = 0, swi = 0;
        for (CorrectedObservation o : os) {
            double w = 1 / (o.sigma() * o.sigma());
            sw += w;
            swi += w * o.intensity();
        }
        return new double[] {swi / sw, Math.sqrt(1 / sw)};
    }
}
