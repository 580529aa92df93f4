package org.mxflow.indexing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.Detector;
import org.mxflow.geometry.Experiment;
import org.mxflow.geometry.GeometryRefiner;
import org.mxflow.geometry.IndexedObservation;
import org.mxflow.geometry.LinearSystem;
import org.mxflow.geometry.Mat3;
import org.mxflow.geometry.RotationGeometry;
import org.mxflow.geometry.Vec3;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexing of a rotation sweep from its strong spots, as XDS IDXREF does it: reciprocal
 * vectors → FFT basis search → Niggli-reduced cell → 44 lattice characters and choice of
 * Bravais lattice (or the sample sheet's lattice) → static least-squares refinement.
 * When an attempt fails it retries with other parameters, like KAMO's try-hard (low-resolution
 * spots only, a larger maximum cell, a looser integer tolerance, half of the spots, and finally
 * a search for the beam centre).
 */
public final class Indexer {

    private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);

    /**
     * Settings: minimum number of spots, minimum fraction that must index, maximum
     * lattice-character penalty accepted (XDS-like "quality of fit", ≈ degrees), the index
     * tolerance (fraction of a reciprocal-lattice spacing), and the FFT search settings.
     */
    public record Settings(int minSpots, double minIndexedFraction, double maxPenalty, double indexTolerance,
                           FftIndexer.Settings fft) {
        public static Settings defaults() { return new Settings(20, 0.5, 1.5, 0.2, FftIndexer.Settings.defaults()); }
    }

    private record Attempt(String name, List<Integer> spotSubset, FftIndexer.Settings fft) {}

    private final Settings settings;

    public Indexer(Settings settings) { this.settings = settings; }

    public IndexingOutcome index(List<ObservedSpot> spots, Experiment exp, Optional<KnownSymmetry> known) {
        if (spots.size() < settings.minSpots()) {
            return new IndexingOutcome.Failed("indexing: " + spots.size() + " spots, need " + settings.minSpots());
        }
        IndexingOutcome first = indexWith(spots, exp, known, "");
        if (first instanceof IndexingOutcome.Indexed ok && ok.indexedFraction() >= 0.7) return first;
        // Try-hard, last resort: the header beam centre may be wrong (or given in swapped x/y).
        Optional<Experiment> moved = searchBeamCentre(spots, exp);
        if (moved.isEmpty()) return first;
        Detector d = moved.get().detector();
        IndexingOutcome second = indexWith(spots, moved.get(), known,
                String.format(Locale.ROOT, ", beam centre searched: ORGX %.1f ORGY %.1f", d.orgXPx(), d.orgYPx()));
        if (second instanceof IndexingOutcome.Indexed s2
                && (!(first instanceof IndexingOutcome.Indexed f1) || s2.indexed().size() > f1.indexed().size())) return second;
        // both failed: the search got further (e.g. to a lattice that contradicts the sample sheet), so say why
        return first instanceof IndexingOutcome.Failed ? second : first;
    }

    /**
     * Grid search of the detector origin (DIALS search_beam_position-like): the origin whose
     * reciprocal vectors give a basis indexing the most spots. Tries the swapped (ORGY, ORGX)
     * first, then a coarse ±60 px grid (20 px steps) and a fine ±10 px grid around the best.
     */
    Optional<Experiment> searchBeamCentre(List<ObservedSpot> spots, Experiment exp) {
        FftIndexer quick = new FftIndexer(new FftIndexer.Settings(settings.fft().minCellA(), settings.fft().maxCellA(),
                1500, 512, 30, settings.fft().integerTolerance()));
        Detector d0 = exp.detector();
        double[] best = {d0.orgXPx(), d0.orgYPx(), score(quick, spots, exp)};
        java.util.function.BiConsumer<Double, Double> tryOrigin = (ox, oy) -> {
            double sc = score(quick, spots, exp.withDetector(d0.withOrigin(ox, oy)));
            if (sc > best[2]) { best[0] = ox; best[1] = oy; best[2] = sc; }
        };
        tryOrigin.accept(d0.orgYPx(), d0.orgXPx());
        double cx = best[0], cy = best[1];
        for (int i = -3; i <= 3; i++) for (int j = -3; j <= 3; j++) tryOrigin.accept(cx + 20.0 * i, cy + 20.0 * j);
        cx = best[0]; cy = best[1];
        for (int i = -2; i <= 2; i++) for (int j = -2; j <= 2; j++) tryOrigin.accept(cx + 5.0 * i, cy + 5.0 * j);
        if (best[0] == d0.orgXPx() && best[1] == d0.orgYPx()) return Optional.empty();
        LOG.info("beam-centre search: ORGX {} ORGY {} indexes {} spots", best[0], best[1], (int) best[2]);
        return Optional.of(exp.withDetector(d0.withOrigin(best[0], best[1])));
    }

    private double score(FftIndexer fft, List<ObservedSpot> spots, Experiment exp) {
        List<Vec3> r0 = new ArrayList<>(spots.size());
        for (ObservedSpot s : spots) r0.add(RotationGeometry.reciprocalVectorAtZero(exp, s.xPx(), s.yPx(), s.zFrame()));
        return fft.findBasis(r0).map(c -> refineBasis(c, r0)).filter(BasisFit::ok).map(f -> countIndexed(f.crystal(), r0)).orElse(0);
    }

    private IndexingOutcome indexWith(List<ObservedSpot> spots, Experiment exp, Optional<KnownSymmetry> known, String note) {
        List<Vec3> r0 = new ArrayList<>(spots.size());
        for (ObservedSpot s : spots) r0.add(RotationGeometry.reciprocalVectorAtZero(exp, s.xPx(), s.yPx(), s.zFrame()));

        List<Attempt> attempts = attempts(r0);
        String lastReason = "indexing: no lattice found";
        IndexingOutcome.Indexed best = null;
        for (Attempt attempt : attempts) {
            List<Vec3> sub = new ArrayList<>();
            for (int i : attempt.spotSubset()) sub.add(r0.get(i));
            if (sub.size() < settings.minSpots()) continue;
            Optional<CrystalModel> basis = new FftIndexer(attempt.fft()).findBasis(sub);
            if (basis.isEmpty()) {
                lastReason = "indexing: no three independent lattice vectors found (" + attempt.name() + ")";
                LOG.info("{}", lastReason);
                continue;
            }
            BasisFit fit = refineBasis(basis.get(), r0);
            if (!fit.ok()) {
                lastReason = "indexing: " + fit.rejection() + " (" + attempt.name() + ")";
                LOG.info("{}", lastReason);
                continue;
            }
            CrystalModel p1 = fit.crystal();
            int n1 = countIndexed(p1, r0);
            double frac = n1 / (double) r0.size();
            LOG.info("attempt '{}': P1 cell {} indexes {}/{} spots", attempt.name(), p1.unitCell().format(), n1, r0.size());
            if (frac < settings.minIndexedFraction()) {
                lastReason = String.format(Locale.ROOT, "indexing: only %.0f%% of spots index (cell %s)", 100 * frac, p1.unitCell().format());
                continue;
            }
            IndexingOutcome outcome = finish(p1, spots, r0, exp, known, attempt.name() + note);
            if (outcome instanceof IndexingOutcome.Failed f) {
                lastReason = f.reason();
                continue;
            }
            IndexingOutcome.Indexed ok = (IndexingOutcome.Indexed) outcome;
            if (best == null || ok.indexed().size() > best.indexed().size()) best = ok;
            if (ok.indexedFraction() >= 0.7) break;
        }
        return best != null ? best : new IndexingOutcome.Failed(lastReason);
    }

    private List<Attempt> attempts(List<Vec3> r0) {
        List<Integer> all = new ArrayList<>(), lowRes = new ArrayList<>(), half = new ArrayList<>();
        for (int i = 0; i < r0.size(); i++) {
            all.add(i);
            if (r0.get(i).length() < 1 / 4.0) lowRes.add(i);
            if (i % 2 == 0) half.add(i);
        }
        FftIndexer.Settings f = settings.fft();
        return List.of(new Attempt("all spots", all, f),
                new Attempt("spots below 4 Å resolution", lowRes, f),
                new Attempt("larger maximum cell, looser tolerance", all, f.withMaxCell(f.maxCellA() * 1.7).withIntegerTolerance(0.16)),
                new Attempt("every second spot", half, f));
    }

    private IndexingOutcome finish(CrystalModel p1, List<ObservedSpot> spots, List<Vec3> r0, Experiment exp,
                                   Optional<KnownSymmetry> known, String attemptName) {
        // First refine in P1 so the reduced cell (and hence the lattice choice) is as accurate as the data allow.
        GeometryRefiner.Result p1Fit = refine(exp, ReducedCell.of(p1).crystal(), 'a', spots);
        if (p1Fit == null) return new IndexingOutcome.Failed("indexing: too few spots index to refine the P1 cell");
        ReducedCell reduced = ReducedCell.of(p1Fit.crystal());
        List<LatticeCharacterFit> fits = LatticeCharacterFit.all(reduced);
        LatticeCharacterFit chosen;
        if (known.isPresent()) {
            KnownSymmetry k = known.get();
            Optional<LatticeCharacterFit> match = fits.stream()
                    .filter(f -> f.lattice() == k.lattice() && f.penalty() <= 3 * settings.maxPenalty())
                    .filter(f -> k.matches(f.conventionalCell(), 0.05, 5))
                    .min(java.util.Comparator.comparingDouble(LatticeCharacterFit::penalty));
            if (match.isEmpty()) {
                return new IndexingOutcome.Failed(String.format(Locale.ROOT,
                        "indexing: reduced cell %s does not match the given %s cell %s", reduced.cell().format(), k.lattice(), k.cell().format()));
            }
            chosen = match.get();
        } else {
            chosen = LatticeCharacterFit.choose(fits, settings.maxPenalty());
        }
        CrystalModel conventional = reduced.crystal().transformed(chosen.transformation());
        GeometryRefiner.Result fit = refine(p1Fit.experiment(), conventional, chosen.lattice().family(), spots);
        if (fit == null) return new IndexingOutcome.Failed("indexing: too few spots index in " + chosen.lattice());
        return new IndexingOutcome.Indexed(fit.crystal(), fit.experiment(), reduced, chosen, fits, fit.used(), spots.size(),
                fit.rmsdXPx(), fit.rmsdYPx(), fit.rmsdPhiDeg(), attemptName);
    }

    /** Assigns indices with the current models, refines, and repeats once with the refined models. */
    private GeometryRefiner.Result refine(Experiment exp, CrystalModel crystal, char family, List<ObservedSpot> spots) {
        GeometryRefiner refiner = new GeometryRefiner(GeometryRefiner.Settings.forFamily(family));
        GeometryRefiner.Result res = null;
        Experiment e = exp;
        CrystalModel c = crystal;
        for (int cycle = 0; cycle < 2; cycle++) {
            List<IndexedObservation> obs = assign(e, c, spots);
            if (obs.size() < Math.max(10, settings.minSpots() / 2)) return res;
            res = refiner.refine(e, c, obs);
            e = res.experiment();
            c = res.crystal();
        }
        return res;
    }

    /** Spots whose fractional indices lie within the tolerance of integers, with those integers. */
    List<IndexedObservation> assign(Experiment exp, CrystalModel crystal, List<ObservedSpot> spots) {
        Mat3 toHkl = crystal.a().inverse();
        List<IndexedObservation> out = new ArrayList<>();
        for (ObservedSpot s : spots) {
            Vec3 f = toHkl.times(RotationGeometry.reciprocalVectorAtZero(exp, s.xPx(), s.yPx(), s.zFrame()));
            long h = Math.round(f.x()), k = Math.round(f.y()), l = Math.round(f.z());
            if (h == 0 && k == 0 && l == 0) continue;
            double tol = settings.indexTolerance();
            if (Math.abs(f.x() - h) <= tol && Math.abs(f.y() - k) <= tol && Math.abs(f.z() - l) <= tol)
                out.add(new IndexedObservation(s.xPx(), s.yPx(), s.zFrame(), (int) h, (int) k, (int) l));
        }
        return out;
    }

    private int countIndexed(CrystalModel c, List<Vec3> r0) {
        Mat3 toHkl = c.a().inverse();
        int n = 0;
        double tol = settings.indexTolerance();
        for (Vec3 r : r0) {
            Vec3 f = toHkl.times(r);
            if (Math.abs(f.x() - Math.rint(f.x())) <= tol && Math.abs(f.y() - Math.rint(f.y())) <= tol
                    && Math.abs(f.z() - Math.rint(f.z())) <= tol) n++;
        }
        return n;
    }

    /** A refined basis, or why the candidate cannot be a lattice basis (then crystal is null). */
    record BasisFit(CrystalModel crystal, String rejection) {
        static BasisFit of(CrystalModel c) { return new BasisFit(c, null); }

        static BasisFit rejected(String why) { return new BasisFit(null, why); }

        boolean ok() { return crystal != null; }
    }

    /**
     * Linear least squares of the real-space basis: minimise Σ|R·r − h|² over the vectors that index,
     * with tightening tolerances. The vectors that index must span three dimensions and the solution
     * must be a proper (finite, non-flat) basis; when the first pass fails either test the candidate is
     * rejected with the reason, and a later failure keeps the previous pass's basis.
     */
    static BasisFit refineBasis(CrystalModel c, List<Vec3> r0) {
        Mat3 start = c.realBasis();
        String bad = degeneracy(start.column(0), start.column(1), start.column(2));
        if (bad != null) return BasisFit.rejected("candidate basis " + bad);
        CrystalModel cur = c;
        boolean first = true;
        for (double tol : new double[] {0.25, 0.2, 0.15}) {
            Mat3 real = cur.realBasis(); // columns a, b, c; h = (a·r, b·r, c·r)
            double[][] ata = new double[3][3];
            double[][] atb = new double[3][3];
            int used = 0;
            for (Vec3 r : r0) {
                double[] f = {real.column(0).dot(r), real.column(1).dot(r), real.column(2).dot(r)};
                boolean ok = true;
                for (double x : f) ok &= Math.abs(x - Math.rint(x)) <= tol;
                if (!ok) continue;
                double[] rv = r.toArray();
                for (int p = 0; p < 3; p++) {
                    for (int q = 0; q < 3; q++) ata[p][q] += rv[p] * rv[q];
                    for (int j = 0; j < 3; j++) atb[j][p] += rv[p] * Math.rint(f[j]);
                }
                used++;
            }
            if (used < 10) return BasisFit.of(cur);
            // normalised determinant of the normal matrix: ~1 for vectors spread in 3D, → 0 when they lie in a plane
            double trace = ata[0][0] + ata[1][1] + ata[2][2];
            double spread = new Mat3(ata[0][0], ata[0][1], ata[0][2], ata[1][0], ata[1][1], ata[1][2], ata[2][0], ata[2][1], ata[2][2])
                    .determinant() / Math.pow(trace / 3, 3);
            if (!(spread > 1e-6)) {
                return first ? BasisFit.rejected(String.format(Locale.ROOT,
                        "the %d reciprocal vectors that index lie in one plane (spread %.1e): no 3D basis", used, spread)) : BasisFit.of(cur);
            }
            Vec3[] v = new Vec3[3];
            for (int j = 0; j < 3; j++) {
                double[] x = LinearSystem.solve(ata, atb[j]);
                if (x == null) return first ? BasisFit.rejected("singular normal matrix for " + used + " indexed vectors") : BasisFit.of(cur);
                v[j] = new Vec3(x[0], x[1], x[2]);
            }
            String why = degeneracy(v[0], v[1], v[2]);
            if (why != null) return first ? BasisFit.rejected("least-squares basis " + why) : BasisFit.of(cur);
            // a left-handed solution: keep the candidate as it was (it indexes; the fit flipped a sign)
            if (v[0].cross(v[1]).dot(v[2]) <= 0) return BasisFit.of(cur);
            cur = CrystalModel.ofRealBasis(v[0], v[1], v[2]);
            first = false;
        }
        return BasisFit.of(cur);
    }

    /** Why three real-space vectors (Å) are no usable basis (not finite, or nearly coplanar), or null when they are. */
    static String degeneracy(Vec3 a, Vec3 b, Vec3 c) {
        double la = a.length(), lb = b.length(), lc = c.length();
        if (!(Double.isFinite(la) && Double.isFinite(lb) && Double.isFinite(lc) && la > 0 && lb > 0 && lc > 0)) {
            return String.format(Locale.ROOT, "has a zero or non-finite vector (lengths %.3g %.3g %.3g Å)", la, lb, lc);
        }
        double vol = Math.abs(a.cross(b).dot(c)) / (la * lb * lc);
        // |a·(b×c)|/(|a||b||c|) is 1 for orthogonal edges; 0.01 is about half a degree off one plane
        if (!(vol >= 0.01)) return String.format(Locale.ROOT, "is nearly coplanar (volume %.1e of the edge product)", vol);
        return null;
    }
}
