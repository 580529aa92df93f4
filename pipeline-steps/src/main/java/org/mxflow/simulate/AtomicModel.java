package org.mxflow.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A random "protein" in the asymmetric unit: light atoms (C, N, O and a few S) at random
 * fractional positions. Its structure factors have the statistics of a real structure
 * (Wilson distribution, systematic absences, centric zones) because they are computed, not drawn.
 *
 * @param atoms atoms of the asymmetric unit (fractional coordinates)
 */
public record AtomicModel(List<Atom> atoms) {

    /** One atom: element and fractional coordinates. */
    public record Atom(ScatteringFactor element, double x, double y, double z) {
    }

    public AtomicModel {
        atoms = List.copyOf(atoms);
    }

    /** nAtoms random atoms with a protein-like composition (C 63%, N 17%, O 19%, S 1%). */
    public static AtomicModel random(int nAtoms, SplittableRandom rng) {
        List<Atom> list = new ArrayList<>(nAtoms);
        for (int i = 0; i < nAtoms; i++) {
            double u = rng.nextDouble();
            ScatteringFactor e = u < 0.63 ? ScatteringFactor.C : u < 0.80 ? ScatteringFactor.N
                    : u < 0.99 ? ScatteringFactor.O : ScatteringFactor.S;
            list.add(new Atom(e, rng.nextDouble(), rng.nextDouble(), rng.nextDouble()));
        }
        return new AtomicModel(list);
    }
}
