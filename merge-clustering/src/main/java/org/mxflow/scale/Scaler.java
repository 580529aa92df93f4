package org.mxflow.scale;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mxflow.cell.UnitCell;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;
import org.mxflow.stats.ErrorModel;
import org.mxflow.symmetry.AsuIndex;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroup;

/**
 * XSCALE-like scaling of many small wedges (kamo-conventions 4.10). Each dataset gets
 * {@code g = k·exp(−B/(2d²))·f(frame)}, f piecewise linear in log over a few knots along the
 * frame number; the parameters are fitted by weighted least squares (Gauss–Newton) of the
 * observed intensities against the merged intensities of all <em>other</em> datasets, so a
 * wedge never scales against itself. Then, per cycle: the XDS error model
 * {@code σ'² = a(σ² + b·I²)} is refined per dataset from the scatter against the mates, and
 * misfits are rejected. Scale and B are finally expressed relative to the reference dataset.
 *
 * <p>Only observations with I/σ ≥ {@link Settings#minIOverSigma()} (XSCALE's SNRC) drive the
 * scale fit; all are corrected. The I/σ tested is the one predicted for the observation
 * (current scale × the mates' mean over its σ), not its own measured value: selecting on the
 * measurement keeps the observations whose noise happened to be positive, which for a weak wedge
 * (most observations near the cut) biased its scale up and its B down (10-40× weaker simulated
 * wedge: B −5.0 Å² for a true −0.2 Å²), and the error model then read the misfit as a·b 30× the
 * mates' (lpstats removed a good wedge as bad_em.ab). Friedel mates are merged for the scaling reference. Everything
 * runs in a fixed order over plain arrays: the same input gives bit-identical output.
 */
public final class Scaler {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Scaler.class);

    /**
     * Settings.
     *
     * @param minIOverSigma      SNRC: observations used to fit scales (XSCALE default 3)
     * @param rejectSigma        misfit threshold: |I − ⟨I⟩_others| / σ(difference) above this is rejected
     * @param framesPerKnot      spacing of the frame-term knots, in frames
     * @param maxKnots           at most this many knots per dataset
     * @param maxCycles          refinement cycles
     */
    public record Settings(double minIOverSigma, double rejectSigma, double framesPerKnot, int maxKnots, int maxCycles) {
        /** XSCALE-like defaults: SNRC 3, misfits beyond 4σ, a knot every 5 frames (≤ 6), ≤ 12 cycles. */
        public static Settings defaults() {
            return new Settings(3.0, 4.0, 5.0, 6, 12);
        }
    }

    /** Smoothness restraint weight between neighbouring knots (log scale). */
    private static final double KNOT_SMOOTHNESS = 5.0;
    /** Outlier test needs this many accepted observations of a reflection. */
    private static final int MIN_MATES_FOR_REJECTION = 3;
    /** Median of the χ² distribution with one degree of freedom: median(e²) = 0.4549·σ² for Gaussian e. */
    private static final double MEDIAN_CHI2_1 = 0.454936;

    private final Settings settings;

    public Scaler(Settings settings) {
        this.settings = settings;
    }

    public Scaler() {
        this(Settings.defaults());
    }

    /**
     * Scales the datasets together.
     *
     * @param datasets  datasets in input order
     * @param group     merging space group (indices of all datasets in its setting)
     * @param cell      cell used for d (the mean cell of the inputs, as XSCALE is told)
     * @param dMaxA     low-resolution limit (Å), NaN for none
     * @param dMinA     high-resolution limit (Å); observations beyond it are left out
     * @param reference 0-based reference dataset (K = 1, B = 0)
     */
    public ScalingResult scale(List<ScalingDataset> datasets, SpaceGroup group, UnitCell cell, double dMaxA, double dMinA,
                               int reference) {
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("scaling needs at least one dataset");
        }
        if (reference < 0 || reference >= datasets.size()) {
            throw new IllegalArgumentException("reference dataset " + reference + " is not in 0.." + (datasets.size() - 1));
        }
        Work w = new Work(datasets, group, cell, dMaxA, dMinA);
        int cycles = 0;
        for (int cycle = 1; cycle <= settings.maxCycles(); cycle++) {
            cycles = cycle;
            w.updateCorrected();
            w.sums();
            double change = 0;
            for (int d = 0; d < w.nd; d++) {
                change = Math.max(change, w.fitDataset(d));
            }
            w.normalise(reference);
            w.updateCorrected();
            w.sums();
            if (cycle >= 2) {
                for (int d = 0; d < w.nd; d++) {
                    w.fitErrorModel(d);
                }
                w.updateCorrected();
                w.sums();
                // Still rejecting more than 0.01 % of the observations per cycle: not converged.
                change = Math.max(change, w.reject() > w.n * 1e-4 ? 1 : 0);
            }
            if (LOG.isTraceEnabled()) {
                StringBuilder sb = new StringBuilder("cycle " + cycle + " change " + change);
                for (int d = 0; d < w.nd; d++) sb.append(String.format(java.util.Locale.ROOT, " [%d a=%.3f b=%.4f B=%.2f]", d, w.emA[d], w.emB[d], w.b[d]));
                LOG.trace("{}", sb);
            }
            if (cycle >= 4 && change < 1e-4) {
                break;
            }
        }
        w.updateCorrected();
        w.sums();
        return w.result(reference, cycles);
    }

    /**
     * The same scaling expressed relative to another reference dataset. In this model the
     * reference only fixes the gauge (all datasets are refined, then normalised), so XSCALE's
     * second pass with a marked reference reaches the same minimum: every correction is divided by
     * the new reference's k·exp(−B/(2d²)); corrected intensities and σ are multiplied by it.
     * Rejections and error models do not change (they are invariant under a common scale per
     * reflection).
     */
    public static ScalingResult rereference(ScalingResult result, int reference) {
        if (reference < 0 || reference >= result.scales().size()) {
            throw new IllegalArgumentException("reference dataset " + reference + " is not in 0.." + (result.scales().size() - 1));
        }
        DatasetScale ref = result.scales().get(reference);
        double lnK = Math.log(ref.k()), bRef = ref.bA2();
        List<DatasetScale> scales = new ArrayList<>();
        for (DatasetScale d : result.scales()) {
            scales.add(new DatasetScale(Math.exp(Math.log(d.k()) - lnK), d.bA2() - bRef, d.knotFrames(), d.knotScale(), d.errorModel(),
                    d.accepted(), d.rejected()));
        }
        List<ScaledObservation> obs = new ArrayList<>(result.observations().size());
        for (ScaledObservation o : result.observations()) {
            double f = Math.exp(lnK - 0.5 * bRef * o.oneOverDSq());
            obs.add(new ScaledObservation(o.dataset(), o.original(), o.asu(), o.minus(), o.centric(), o.oneOverDSq(),
                    o.intensity() * f, o.sigma() * f, o.rejected()));
        }
        return new ScalingResult(reference, scales, obs, result.cycles());
    }

    /** Flat arrays over all observations inside the resolution range, dataset by dataset. */
    private final class Work {
        final int nd;
        final List<ScalingDataset> datasets;
        final List<Observation> source = new ArrayList<>();
        final int[] first; // first observation of dataset d (nd + 1 entries)
        final int n;
        final int[] uid;
        final boolean[] minus, centric;
        final double[] s2, z, iObs, sigObs;
        final boolean[] rejected;
        final List<MillerIndex> uniqueIndex = new ArrayList<>();
        final int nu;
        // Per dataset parameters.
        final double[][] knots, c;
        final double[] b, emA, emB;
        // Per observation corrected values.
        final double[] g, ic, sc;
        // Per unique sums of accepted observations.
        final double[] sw, swi, iBar;
        final int[] count;
        // Scratch per unique for own-dataset sums.
        final double[] ownW, ownWI;
        // Observations grouped by unique reflection (CSR).
        final int[] byUnique, uniqueStart;

        Work(List<ScalingDataset> datasets, SpaceGroup group, UnitCell cell, double dMaxA, double dMinA) {
            this.datasets = datasets;
            nd = datasets.size();
            ReciprocalAsu asu = group.reciprocalAsu();
            double sMax = 1 / (dMinA * dMinA) * (1 + 1e-9);
            double sMin = Double.isNaN(dMaxA) ? 0 : 1 / (dMaxA * dMaxA) * (1 - 1e-9);
            double[] gStar = cell.reciprocalMetric();
            first = new int[nd + 1];
            List<double[]> rows = new ArrayList<>();
            List<Boolean> minusL = new ArrayList<>(), centricL = new ArrayList<>();
            List<Integer> uidL = new ArrayList<>();
            Map<MillerIndex, Integer> ids = new HashMap<>();
            for (int d = 0; d < nd; d++) {
                first[d] = rows.size();
                for (Observation o : datasets.get(d).observations()) {
                    MillerIndex h = o.hkl();
                    if (h.isOrigin()) continue;
                    double s = UnitCell.oneOverDSquared(gStar, h.h(), h.k(), h.l());
                    if (s > sMax || s < sMin) continue;
                    AsuIndex a = asu.toAsu(h);
                    Integer id = ids.get(a.hkl());
                    if (id == null) {
                        id = uniqueIndex.size();
                        ids.put(a.hkl(), id);
                        uniqueIndex.add(a.hkl());
                    }
                    boolean isCentric = group.isCentric(a.hkl());
                    uidL.add(id);
                    minusL.add(a.friedelFlipped() && !isCentric);
                    centricL.add(isCentric);
                    rows.add(new double[] {s, Double.isNaN(o.zdFrame()) ? 0 : o.zdFrame(), o.intensity(), o.sigma()});
                    source.add(o);
                }
            }
            first[nd] = rows.size();
            n = rows.size();
            nu = uniqueIndex.size();
            uid = new int[n];
            minus = new boolean[n];
            centric = new boolean[n];
            s2 = new double[n];
            z = new double[n];
            iObs = new double[n];
            sigObs = new double[n];
            rejected = new boolean[n];
            for (int i = 0; i < n; i++) {
                double[] r = rows.get(i);
                uid[i] = uidL.get(i);
                minus[i] = minusL.get(i);
                centric[i] = centricL.get(i);
                s2[i] = r[0];
                z[i] = r[1];
                iObs[i] = r[2];
                sigObs[i] = r[3];
                rejected[i] = !(r[3] > 0);
            }
            knots = new double[nd][];
            c = new double[nd][];
            b = new double[nd];
            emA = new double[nd];
            emB = new double[nd];
            for (int d = 0; d < nd; d++) {
                double zMin = Double.POSITIVE_INFINITY, zMax = Double.NEGATIVE_INFINITY;
                for (int i = first[d]; i < first[d + 1]; i++) {
                    zMin = Math.min(zMin, z[i]);
                    zMax = Math.max(zMax, z[i]);
                }
                int m = 1;
                if (zMax > zMin) {
                    m = (int) Math.max(2, Math.min(settings.maxKnots(), Math.round((zMax - zMin) / settings.framesPerKnot()) + 1));
                }
                knots[d] = new double[m];
                for (int j = 0; j < m; j++) {
                    knots[d][j] = m == 1 ? (Double.isFinite(zMin) ? zMin : 0) : zMin + (zMax - zMin) * j / (m - 1);
                }
                c[d] = new double[m];
                emA[d] = 1;
                emB[d] = 0;
            }
            g = new double[n];
            ic = new double[n];
            sc = new double[n];
            sw = new double[nu];
            swi = new double[nu];
            iBar = new double[nu];
            count = new int[nu];
            ownW = new double[nu];
            ownWI = new double[nu];
            uniqueStart = new int[nu + 1];
            for (int i = 0; i < n; i++) uniqueStart[uid[i] + 1]++;
            for (int u = 0; u < nu; u++) uniqueStart[u + 1] += uniqueStart[u];
            byUnique = new int[n];
            int[] fill = Arrays.copyOf(uniqueStart, nu);
            for (int i = 0; i < n; i++) byUnique[fill[uid[i]]++] = i;
            // Start each dataset at the ratio of its mean intensity to the mean of all (scale only).
            double all = 0;
            for (int i = 0; i < n; i++) all += iObs[i];
            all /= Math.max(1, n);
            for (int d = 0; d < nd; d++) {
                double mean = 0;
                for (int i = first[d]; i < first[d + 1]; i++) mean += iObs[i];
                int cnt = first[d + 1] - first[d];
                if (cnt > 0 && mean > 0 && all > 0) {
                    Arrays.fill(c[d], Math.log(mean / cnt / all));
                }
            }
        }

        void updateCorrected() {
            for (int d = 0; d < nd; d++) {
                for (int i = first[d]; i < first[d + 1]; i++) {
                    g[i] = Math.exp(frameTerm(d, z[i]) - 0.5 * b[d] * s2[i]);
                    ic[i] = iObs[i] / g[i];
                    double prev = iBar[uid[i]];
                    double ref = count[uid[i]] > 0 ? prev : Math.max(ic[i], 0);
                    double so = sigObs[i] / g[i];
                    sc[i] = Math.sqrt(emA[d] * (so * so + emB[d] * ref * ref));
                }
            }
        }

        double frameTerm(int d, double zz) {
            double[] kn = knots[d], cc = c[d];
            if (kn.length == 1) return cc[0];
            int j = knotInterval(kn, zz);
            double t = Math.max(0, Math.min(1, (zz - kn[j]) / (kn[j + 1] - kn[j])));
            return cc[j] * (1 - t) + cc[j + 1] * t;
        }

        void sums() {
            Arrays.fill(sw, 0);
            Arrays.fill(swi, 0);
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                if (rejected[i] || !(sc[i] > 0)) continue;
                double w = 1 / (sc[i] * sc[i]);
                sw[uid[i]] += w;
                swi[uid[i]] += w * ic[i];
                count[uid[i]]++;
            }
            for (int u = 0; u < nu; u++) iBar[u] = sw[u] > 0 ? swi[u] / sw[u] : 0;
        }

        private void ownSums(int d) {
            for (int i = first[d]; i < first[d + 1]; i++) {
                if (rejected[i] || !(sc[i] > 0)) continue;
                double w = 1 / (sc[i] * sc[i]);
                ownW[uid[i]] += w;
                ownWI[uid[i]] += w * ic[i];
            }
        }

        private void clearOwn(int d) {
            for (int i = first[d]; i < first[d + 1]; i++) {
                ownW[uid[i]] = 0;
                ownWI[uid[i]] = 0;
            }
        }

        /** One damped Gauss–Newton step for dataset d; returns the largest parameter change. */
        double fitDataset(int d) {
            int m = c[d].length, np = m + 1;
            ownSums(d);
            List<Integer> use = new ArrayList<>();
            double[] ref = new double[first[d + 1] - first[d]], refVar = new double[ref.length];
            for (int i = first[d]; i < first[d + 1]; i++) {
                int u = uid[i];
                double wOthers = sw[u] - ownW[u];
                if (rejected[i] || wOthers <= 1e-300 || !(sigObs[i] > 0)) continue;
                double r = (swi[u] - ownWI[u]) / wOthers;
                // SNRC on the predicted I/σ (see the class comment): independent of this observation's own noise.
                if (!(r > 0) || g[i] * r / sigObs[i] < settings.minIOverSigma()) continue;
                ref[i - first[d]] = r;
                refVar[i - first[d]] = 1 / wOthers;
                use.add(i);
            }
            clearOwn(d);
            if (use.size() < 2 * np) {
                return 0;
            }
            double[] p = new double[np];
            System.arraycopy(c[d], 0, p, 0, m);
            p[m] = b[d];
            double[][] a = new double[np][np];
            double[] rhs = new double[np];
            double[] phi = new double[np];
            for (int i : use) {
                double r = ref[i - first[d]];
                double gi = Math.exp(frameTermOf(d, p, z[i]) - 0.5 * p[m] * s2[i]);
                double model = gi * r;
                double v = variance(d, i, gi, r, refVar[i - first[d]]);
                double res = iObs[i] - model;
                basis(d, z[i], phi);
                phi[m] = -0.5 * s2[i];
                for (int j = 0; j < np; j++) {
                    double dj = model * phi[j];
                    if (dj == 0) continue;
                    rhs[j] += dj * res / v;
                    for (int k = 0; k < np; k++) a[j][k] += dj * model * phi[k] / v;
                }
            }
            // Smoothness restraint between neighbouring knots, a fixed fraction of the mean knot curvature.
            double trace = 0;
            for (int j = 0; j < m; j++) trace += a[j][j];
            double rs = KNOT_SMOOTHNESS * 1e-2 * trace / m;
            double cost0 = cost(d, p, use, ref, refVar, rs);
            for (int j = 0; j + 1 < m; j++) {
                double diff = p[j + 1] - p[j];
                a[j][j] += rs;
                a[j + 1][j + 1] += rs;
                a[j][j + 1] -= rs;
                a[j + 1][j] -= rs;
                rhs[j] += rs * diff;
                rhs[j + 1] -= rs * diff;
            }
            double lambda = 1e-3;
            for (int attempt = 0; attempt < 8; attempt++) {
                double[][] aa = new double[np][np];
                for (int j = 0; j < np; j++) {
                    aa[j] = a[j].clone();
                    aa[j][j] += lambda * a[j][j] + 1e-12;
                }
                double[] step = LinearSystem.solve(aa, rhs.clone());
                if (step == null) {
                    lambda *= 10;
                    continue;
                }
                double[] q = p.clone();
                double maxStep = 0;
                for (int j = 0; j < np; j++) {
                    q[j] += step[j];
                    maxStep = Math.max(maxStep, Math.abs(j < m ? step[j] : step[j] / 20));
                }
                double cost1 = cost(d, q, use, ref, refVar, rs);
                if (cost1 <= cost0 * (1 + 1e-12)) {
                    System.arraycopy(q, 0, c[d], 0, m);
                    b[d] = q[m];
                    return maxStep;
                }
                lambda *= 10;
            }
            return 0;
        }

        private double variance(int d, int i, double gi, double ref, double refVar) {
            double so = sigObs[i];
            return emA[d] * (so * so + emB[d] * gi * gi * ref * ref) + gi * gi * refVar;
        }

        private double cost(int d, double[] p, List<Integer> use, double[] ref, double[] refVar, double restraint) {
            int m = c[d].length;
            double s = 0;
            for (int i : use) {
                double r = ref[i - first[d]];
                double gi = Math.exp(frameTermOf(d, p, z[i]) - 0.5 * p[m] * s2[i]);
                double res = iObs[i] - gi * r;
                s += res * res / variance(d, i, gi, r, refVar[i - first[d]]);
            }
            for (int j = 0; j + 1 < m; j++) {
                double diff = p[j + 1] - p[j];
                s += restraint * diff * diff;
            }
            return s;
        }

        private double frameTermOf(int d, double[] p, double zz) {
            double[] kn = knots[d];
            if (kn.length == 1) return p[0];
            int j = knotInterval(kn, zz);
            double t = Math.max(0, Math.min(1, (zz - kn[j]) / (kn[j + 1] - kn[j])));
            return p[j] * (1 - t) + p[j + 1] * t;
        }

        private void basis(int d, double zz, double[] phi) {
            Arrays.fill(phi, 0);
            double[] kn = knots[d];
            if (kn.length == 1) {
                phi[0] = 1;
                return;
            }
            int j = knotInterval(kn, zz);
            double t = Math.max(0, Math.min(1, (zz - kn[j]) / (kn[j + 1] - kn[j])));
            phi[j] = 1 - t;
            phi[j + 1] = t;
        }

        /** Expresses every scale relative to the reference: its mean log scale and B become 0. */
        void normalise(int reference) {
            double mean = 0;
            for (double v : c[reference]) mean += v;
            mean /= c[reference].length;
            double bRef = b[reference];
            for (int d = 0; d < nd; d++) {
                for (int j = 0; j < c[d].length; j++) c[d][j] -= mean;
                b[d] -= bRef;
            }
        }

        /**
         * Error model of dataset d: the variance of the difference to the mean of the other
         * datasets, less that mean's variance, regressed on σ² and ⟨I⟩² in 10 intensity bins
         * (IRLS). The variance of a bin is robust (a median, see robustOwnVariance) and is taken
         * over all of the dataset's observations, rejected ones included: with a plain mean over
         * accepted ones, a minority of discordant mates (a non-isomorphous wedge) first inflated
         * the good datasets' a, then rejection shrank it, and the next fit on the
         * survivors shrank it further until a fifth of good observations were "misfits".
         */
        void fitErrorModel(int d) {
            ownSums(d);
            List<double[]> pts = new ArrayList<>();
            for (int i = first[d]; i < first[d + 1]; i++) {
                int u = uid[i];
                double wOthers = sw[u] - ownW[u];
                if (wOthers <= 1e-300 || !(sigObs[i] > 0)) continue;
                double others = (swi[u] - ownWI[u]) / wOthers;
                double e = ic[i] - others;
                double so = sigObs[i] / g[i];
                pts.add(new double[] {others, e * e, 1 / wOthers, so * so, others * others});
            }
            clearOwn(d);
            int nBins = 10;
            if (pts.size() < 20 * nBins) return;
            pts.sort((x, y) -> Double.compare(x[0], y[0]));
            double a = emA[d], ab = emA[d] * emB[d];
            // The shape of the variance inside a bin comes from the current model; three rounds settle it.
            for (int round = 0; round < 3; round++) {
                double[][] bins = new double[nBins][3];
                for (int k = 0; k < nBins; k++) {
                    int from = (int) ((long) k * pts.size() / nBins), to = (int) ((long) (k + 1) * pts.size() / nBins);
                    List<double[]> bin = pts.subList(from, to);
                    double sig2 = 0, i2 = 0;
                    for (double[] pt : bin) {
                        sig2 += pt[3];
                        i2 += pt[4];
                    }
                    bins[k][0] = robustOwnVariance(bin, a, ab);
                    bins[k][1] = sig2 / bin.size();
                    bins[k][2] = i2 / bin.size();
                }
                for (int iter = 0; iter < 5; iter++) {
                    double m11 = 0, m12 = 0, m22 = 0, r1 = 0, r2 = 0;
                    for (double[] bb : bins) {
                        double expected = Math.max(a * bb[1] + ab * bb[2], 1e-300);
                        double wgt = 1 / (expected * expected);
                        m11 += wgt * bb[1] * bb[1];
                        m12 += wgt * bb[1] * bb[2];
                        m22 += wgt * bb[2] * bb[2];
                        r1 += wgt * bb[1] * bb[0];
                        r2 += wgt * bb[2] * bb[0];
                    }
                    double det = m11 * m22 - m12 * m12;
                    double na, nab;
                    if (Math.abs(det) > 1e-300 * Math.max(1, m11 * m22)) {
                        na = (r1 * m22 - r2 * m12) / det;
                        nab = (m11 * r2 - m12 * r1) / det;
                    } else {
                        na = a;
                        nab = ab;
                    }
                    if (nab < 0) {
                        nab = 0;
                        na = r1 / m11;
                    }
                    if (na < 0.05) {
                        na = 0.05;
                        nab = Math.max(0, (r2 - m12 * na) / m22);
                    }
                    a = na;
                    ab = nab;
                }
            }
            emA[d] = a;
            emB[d] = Math.min(ab / a, 1.0);
        }

        /**
         * The mean observation variance of a bin whose points {e², m, σ², ⟨I⟩²} (m: variance of
         * the mates' mean) follow v_j = λ·(a·σ_j² + ab·⟨I⟩_j²): λ solves median(e²/(v_j + m_j)) =
         * median of χ²₁ (bisection), and λ·mean(a·σ² + ab·⟨I⟩²) is returned. With the model's shape
         * inside the bin the median is unbiased even where variances within a bin differ widely.
         */
        private double robustOwnVariance(List<double[]> bin, double a, double ab) {
            int n = bin.size();
            double[] shape = new double[n], e2 = new double[n], m = new double[n];
            double mean = 0, maxRatio = 0;
            for (int j = 0; j < n; j++) {
                double[] pt = bin.get(j);
                e2[j] = pt[1];
                m[j] = pt[2];
                shape[j] = Math.max(a * pt[3] + ab * pt[4], 1e-300);
                mean += shape[j];
                maxRatio = Math.max(maxRatio, pt[1] / shape[j]);
            }
            mean /= n;
            if (!RatioMedianBisection.medianExceeds(e2, m, shape, MEDIAN_CHI2_1, 0)) return 0;
            return RatioMedianBisection.solve(e2, m, shape, MEDIAN_CHI2_1, Math.max(maxRatio, 1e-300) / MEDIAN_CHI2_1, 60) * mean;
        }

        /** Rejects at most one misfit per reflection (the worst) this cycle; returns how many. */
        int reject() {
            int rejectedNow = 0;
            for (int u = 0; u < nu; u++) {
                if (count[u] < MIN_MATES_FOR_REJECTION) continue;
                int worst = -1;
                double worstDev = settings.rejectSigma();
                for (int k = uniqueStart[u]; k < uniqueStart[u + 1]; k++) {
                    int i = byUnique[k];
                    if (rejected[i] || !(sc[i] > 0)) continue;
                    double w = 1 / (sc[i] * sc[i]);
                    double wo = sw[u] - w;
                    if (wo <= 0) continue;
                    double others = (swi[u] - w * ic[i]) / wo;
                    double dev = Math.abs(ic[i] - others) / Math.sqrt(sc[i] * sc[i] + 1 / wo);
                    if (dev > worstDev) {
                        worstDev = dev;
                        worst = i;
                    }
                }
                if (worst >= 0) {
                    rejected[worst] = true;
                    rejectedNow++;
                }
            }
            return rejectedNow;
        }

        ScalingResult result(int reference, int cycles) {
            List<DatasetScale> scales = new ArrayList<>();
            for (int d = 0; d < nd; d++) {
                double mean = 0;
                for (double v : c[d]) mean += v;
                mean /= c[d].length;
                double[] ks = new double[c[d].length];
                for (int j = 0; j < ks.length; j++) ks[j] = Math.exp(c[d][j] - mean);
                int acc = 0, rej = 0;
                for (int i = first[d]; i < first[d + 1]; i++) {
                    if (rejected[i]) rej++;
                    else acc++;
                }
                double isa = emB[d] > 0 ? 1 / Math.sqrt(emA[d] * emB[d]) : Double.POSITIVE_INFINITY;
                scales.add(new DatasetScale(Math.exp(mean), b[d], knots[d], ks, new ErrorModel(emA[d], emB[d], isa), acc, rej));
            }
            List<ScaledObservation> out = new ArrayList<>(n);
            for (int d = 0; d < nd; d++) {
                for (int i = first[d]; i < first[d + 1]; i++) {
                    out.add(new ScaledObservation(d, source.get(i), uniqueIndex.get(uid[i]), minus[i], centric[i], s2[i],
                            ic[i], sc[i], rejected[i]));
                }
            }
            return new ScalingResult(reference, scales, out, cycles);
        }
    }

    /** Index j of the knot interval [kn[j], kn[j+1]] holding zz (clamped to the ends). */
    static int knotInterval(double[] kn, double zz) {
        int j = Arrays.binarySearch(kn, zz);
        if (j < 0) j = -j - 2;
        return Math.max(0, Math.min(kn.length - 2, j));
    }
}
