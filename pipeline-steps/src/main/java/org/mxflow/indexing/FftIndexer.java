package org.mxflow.indexing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.LinearSystem;
import org.mxflow.geometry.Vec3;

/**
 * DPS-style basis search (Steller, Bolotovsky & Rossmann 1997; DIALS fft1d): the reciprocal
 * vectors are projected onto directions t spread over a hemisphere; a lattice vector v ∥ t makes
 * the projections r·t cluster at multiples of 1/|v|, so the FFT of their histogram peaks at the
 * frequency |v|. The strongest directions give candidate real-space vectors, each refined so
 * that r·v is as close to integers as possible; the basis is the smallest-volume triple of
 * non-coplanar candidates that indexes the most vectors.
 */
public final class FftIndexer {

    /**
     * Search settings: cell-edge range (Å), number of hemisphere directions, FFT length,
     * candidate count, and the tolerance (fraction of a reciprocal-lattice spacing) for
     * calling a projection integral.
     */
    public record Settings(double minCellA, double maxCellA, int directions, int fftBins, int candidates, double integerTolerance) {
        public static Settings defaults() { return new Settings(5, 300, 7900, 1024, 60, 0.12); }

        public Settings withMaxCell(double max) { return new Settings(minCellA, max, directions, fftBins, candidates, integerTolerance); }

        public Settings withIntegerTolerance(double t) { return new Settings(minCellA, maxCellA, directions, fftBins, candidates, t); }
    }

    /** A refined candidate real-space vector (Å) and how many vectors it indexes. */
    record Candidate(Vec3 v, int integral) {}

    private final Settings settings;

    public FftIndexer(Settings settings) { this.settings = settings; }

    /** Finds a primitive basis for the reciprocal vectors r₀ (Å⁻¹), or empty when none indexes enough of them. */
    public Optional<CrystalModel> findBasis(List<Vec3> r0) {
        if (r0.size() < 10) return Optional.empty();
        List<Candidate> candidates = candidates(r0);
        return chooseBasis(candidates, r0);
    }

    List<Candidate> candidates(List<Vec3> r0) {
        int n = r0.size();
        double[] rx = new double[n], ry = new double[n], rz = new double[n];
        double pMax = 0;
        for (int i = 0; i < n; i++) {
            Vec3 r = r0.get(i);
            rx[i] = r.x(); ry[i] = r.y(); rz[i] = r.z();
            pMax = Math.max(pMax, r.length());
        }
        int nb = settings.fftBins();
        // Frequency bin k of a histogram spanning 2·pMax corresponds to a real-space length k/(2·pMax).
        double span = 2 * pMax * 1.0001;
        int kMin = Math.max(2, (int) Math.floor(settings.minCellA() * span));
        int kMax = Math.min(nb / 2 - 1, (int) Math.ceil(settings.maxCellA() * span));
        Vec3[] dirs = hemisphere(settings.directions());
        double[] score = new double[dirs.length], length = new double[dirs.length];
        double[] re = new double[nb], im = new double[nb];
        for (int d = 0; d < dirs.length; d++) {
            Arrays.fill(re, 0);
            Arrays.fill(im, 0);
            Vec3 t = dirs[d];
            for (int i = 0; i < n; i++) {
                double p = rx[i] * t.x() + ry[i] * t.y() + rz[i] * t.z();
                int bin = (int) ((p + span / 2) / span * nb);
                re[Math.min(nb - 1, Math.max(0, bin))] += 1;
            }
            Fft.transform(re, im);
            double best = 0;
            int bestK = -1;
            double[] mag = new double[kMax + 2];
            for (int k = kMin - 1; k <= kMax + 1; k++) mag[k] = Math.hypot(re[k], im[k]);
            for (int k = kMin; k <= kMax; k++) {
                if (mag[k] > best) { best = mag[k]; bestK = k; }
            }
            if (bestK < 0) continue;
            // parabolic interpolation of the peak position
            double a = mag[bestK - 1], b = mag[bestK], c = mag[bestK + 1];
            double den = a - 2 * b + c;
            double off = den != 0 ? 0.5 * (a - c) / den : 0;
            score[d] = best;
            length[d] = (bestK + Math.max(-0.5, Math.min(0.5, off))) / span;
        }
        Integer[] order = new Integer[dirs.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> -score[i]));
        List<Candidate> out = new ArrayList<>();
        int tried = 0;
        for (int idx : order) {
            if (out.size() >= settings.candidates() || tried > 6 * settings.candidates()) break;
            if (score[idx] <= 0) break;
            tried++;
            Vec3 v = dirs[idx].times(length[idx]);
            Candidate c = refine(v, rx, ry, rz);
            if (c == null) continue;
            boolean duplicate = false;
            for (Candidate o : out) {
                double ang = c.v().angleDeg(o.v());
                ang = Math.min(ang, 180 - ang);
                if (ang < 3 && Math.abs(c.v().length() / o.v().length() - 1) < 0.05) { duplicate = true; break; }
            }
            if (!duplicate) out.add(c);
        }
        return out;
    }

    /** Least-squares refinement of v: minimise Σ (r·v − n)² over vectors whose r·v lies near an integer n. */
    Candidate refine(Vec3 v, double[] rx, double[] ry, double[] rz) {
        int n = rx.length;
        double[] tols = {0.3, 0.25, 0.2, 0.15, 0.15};
        for (double tol : tols) {
            double[][] ata = new double[3][3];
            double[] atb = new double[3];
            int used = 0;
            for (int i = 0; i < n; i++) {
                double f = rx[i] * v.x() + ry[i] * v.y() + rz[i] * v.z();
                double ni = Math.rint(f);
                if (Math.abs(f - ni) > tol) continue;
                double[] r = {rx[i], ry[i], rz[i]};
                for (int p = 0; p < 3; p++) {
                    for (int q = 0; q < 3; q++) ata[p][q] += r[p] * r[q];
                    atb[p] += r[p] * ni;
                }
                used++;
            }
            if (used < 6) return null;
            double[] x = LinearSystem.solve(ata, atb);
            if (x == null) return null;
            v = new Vec3(x[0], x[1], x[2]);
            if (!(v.length() >= settings.minCellA() * 0.8)) return null;
        }
        int integral = 0;
        for (int i = 0; i < n; i++) {
            double f = rx[i] * v.x() + ry[i] * v.y() + rz[i] * v.z();
            if (Math.abs(f - Math.rint(f)) <= settings.integerTolerance()) integral++;
        }
        return new Candidate(v, integral);
    }

    Optional<CrystalModel> chooseBasis(List<Candidate> all, List<Vec3> r0) {
        if (all.size() < 3) return Optional.empty();
        int bestScore = all.stream().mapToInt(Candidate::integral).max().orElse(0);
        List<Candidate> good = new ArrayList<>(all.stream().filter(c -> c.integral() >= 0.7 * bestScore).toList());
        good.sort(Comparator.comparingDouble(c -> c.v().length()));
        if (good.size() > 30) good = good.subList(0, 30);
        int m = good.size(), n = r0.size();
        long[][] bits = new long[m][(n + 63) / 64];
        for (int c = 0; c < m; c++) {
            Vec3 v = good.get(c).v();
            for (int i = 0; i < n; i++) {
                double f = r0.get(i).dot(v);
                if (Math.abs(f - Math.rint(f)) <= settings.integerTolerance()) bits[c][i >> 6] |= 1L << (i & 63);
            }
        }
        int[] bestTriple = null;
        int bestCount = -1;
        double bestVolume = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m; i++)
            for (int j = i + 1; j < m; j++) {
                Vec3 vi = good.get(i).v(), vj = good.get(j).v();
                Vec3 cij = vi.cross(vj);
                if (cij.length() < 0.2 * vi.length() * vj.length()) continue;
                for (int k = j + 1; k < m; k++) {
                    Vec3 vk = good.get(k).v();
                    double vol = Math.abs(cij.dot(vk));
                    if (vol < 0.15 * cij.length() * vk.length()) continue;
                    int count = 0;
                    for (int w = 0; w < bits[i].length; w++) count += Long.bitCount(bits[i][w] & bits[j][w] & bits[k][w]);
                    // Prefer more indexed vectors; among near-equal counts, the smaller (not super-) cell.
                    boolean better = count > bestCount * 1.03 + 1
                            || (count >= bestCount * 0.97 && vol < bestVolume * 0.9)
                            || (count > bestCount && vol < bestVolume * 1.1);
                    if (bestTriple == null || better) {
                        bestTriple = new int[] {i, j, k};
                        bestCount = count;
                        bestVolume = vol;
                    }
                }
            }
        if (bestTriple == null) return Optional.empty();
        Vec3 a = good.get(bestTriple[0]).v(), b = good.get(bestTriple[1]).v(), c = good.get(bestTriple[2]).v();
        if (a.cross(b).dot(c) < 0) c = c.times(-1);
        return Optional.of(CrystalModel.ofRealBasis(a, b, c));
    }

    /** About n unit vectors spread evenly over the hemisphere z ≥ 0 (a Fibonacci lattice). */
    static Vec3[] hemisphere(int n) {
        Vec3[] out = new Vec3[n];
        double golden = Math.PI * (3 - Math.sqrt(5));
        for (int i = 0; i < n; i++) {
            double z = 1 - (i + 0.5) / n;
            double rr = Math.sqrt(1 - z * z);
            double phi = golden * i;
            out[i] = new Vec3(rr * Math.cos(phi), rr * Math.sin(phi), z);
        }
        return out;
    }
}
