package org.mxflow.simulate;

/**
 * X-ray atomic scattering factors of the light elements of a protein, in the four-Gaussian form
 * of the International Tables Vol. C, Table 6.1.1.4 (Cromer–Mann coefficients):
 * f(s) = Σ aᵢ exp(-bᵢ s²) + c with s = sinθ/λ.
 */
public enum ScatteringFactor {
    C(new double[] {2.3100, 1.0200, 1.5886, 0.8650}, new double[] {20.8439, 10.2075, 0.5687, 51.6512}, 0.2156),
    N(new double[] {12.2126, 3.1322, 2.0125, 1.1663}, new double[] {0.0057, 9.8933, 28.9975, 0.5826}, -11.529),
    O(new double[] {3.0485, 2.2868, 1.5463, 0.8670}, new double[] {13.2771, 5.7011, 0.3239, 32.9089}, 0.2508),
    S(new double[] {6.9053, 5.2034, 1.4379, 1.5863}, new double[] {1.4679, 22.2151, 0.2536, 56.1720}, 0.8669);

    private final double[] a;
    private final double[] b;
    private final double c;

    ScatteringFactor(double[] a, double[] b, double c) {
        this.a = a;
        this.b = b;
        this.c = c;
    }

    /** f at sinθ/λ squared = 1/(4d²), in electrons. */
    public double at(double stolSquared) {
        double f = c;
        for (int i = 0; i < 4; i++) {
            f += a[i] * Math.exp(-b[i] * stolSquared);
        }
        return f;
    }
}
