package org.mxflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mxflow.cell.UnitCell;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.Mat3;
import org.mxflow.geometry.Vec3;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;
import org.mxflow.symmetry.SymOp;

/**
 * Compares an XDS_ASCII.HKL (ours or DIALS's export) with the simulator's truth: the file's
 * UNIT_CELL_A/B/C-AXIS give its orientation matrix, the truth JSON gives A at φ = 0 (DIALS lab
 * frame, turned into XDS's by a 180° rotation about x), so h_truth = A_truth⁻¹·A_file·h relates
 * the two indexings whatever setting either chose. Observations are merged per unique reflection
 * of the true space group and correlated with the true intensities in resolution shells.
 */
public final class TruthComparison {

    /** CC of merged observed intensities with the truth in one shell (Pearson), with the count. */
    public record ShellCc(double dMaxA, double dMinA, int reflections, double cc) {}

    /** The result: per-shell CCs, the overall CC and how many observations mapped to a true reflection. */
    public record Result(List<ShellCc> shells, double overallCc, int mapped, int unmapped, int[][] indexMatrix) {}

    private TruthComparison() {}

    /** The truth crystal's A matrix at φ = 0 in XDS's lab frame, from its JSON. */
    public static Mat3 truthA(Path crystalJson) throws IOException {
        JsonNode n = new ObjectMapper().readTree(crystalJson.toFile());
        double[] a = new double[9];
        for (int i = 0; i < 9; i++) a[i] = n.get("A_lab_at_phi0").get(i).asDouble();
        return new Mat3(1, 0, 0, 0, -1, 0, 0, 0, -1).times(new Mat3(a));
    }

    /** h k l → I of the truth file, keyed by the canonical representative in the space group (Friedel mates together). */
    public static Map<MillerIndex, Double> truthIntensities(Path hklFile, SpaceGroup sg) throws IOException {
        Map<MillerIndex, Double> m = new HashMap<>();
        for (String line : Files.readAllLines(hklFile, StandardCharsets.US_ASCII)) {
            if (line.startsWith("#") || line.isBlank()) continue;
            String[] t = line.trim().split("\\s+");
            MillerIndex h = new MillerIndex(Integer.parseInt(t[0]), Integer.parseInt(t[1]), Integer.parseInt(t[2]));
            m.put(canonical(h, sg), Double.parseDouble(t[3]));
        }
        return m;
    }

    static MillerIndex canonical(MillerIndex h, SpaceGroup sg) {
        MillerIndex best = null;
        for (SymOp op : sg.operations().symOps()) {
            MillerIndex m = op.applyToHkl(h);
            for (MillerIndex c : new MillerIndex[] {m, m.negate()}) if (best == null || c.compareTo(best) > 0) best = c;
        }
        return best;
    }

    /** The file's A matrix from its UNIT_CELL_A/B/C-AXIS header lines. */
    public static Mat3 fileA(XdsAsciiFile f) {
        double[] a = f.header().doubles("UNIT_CELL_A-AXIS").orElseThrow(() -> new IllegalArgumentException("no UNIT_CELL_A-AXIS in the XDS_ASCII header"));
        double[] b = f.header().doubles("UNIT_CELL_B-AXIS").orElseThrow();
        double[] c = f.header().doubles("UNIT_CELL_C-AXIS").orElseThrow();
        return CrystalModel.ofRealBasis(new Vec3(a[0], a[1], a[2]), new Vec3(b[0], b[1], b[2]), new Vec3(c[0], c[1], c[2])).a();
    }

    /** CC per shell of equal reflection count ({@code nShells} shells over the file's own reflections). */
    public static Result compare(XdsAsciiFile file, Mat3 truthA, Map<MillerIndex, Double> truth, SpaceGroup truthSg,
                                 UnitCell truthCell, int nShells) {
        return compare(file, truthA, truth, truthSg, truthCell, nShells, null);
    }

    /** As {@link #compare(XdsAsciiFile, Mat3, Map, SpaceGroup, UnitCell, int)} over the true reflections in {@code only} (null: all). */
    public static Result compare(XdsAsciiFile file, Mat3 truthA, Map<MillerIndex, Double> truth, SpaceGroup truthSg,
                                 UnitCell truthCell, int nShells, Set<MillerIndex> only) {
        Merged m = merge(file, truthA, truth, truthSg, truthCell, only);
        List<double[]> rows = m.rows();
        List<ShellCc> shells = new ArrayList<>();
        int n = rows.size();
        for (int s = 0; s < nShells; s++) {
            int from = s * n / nShells, to = (s + 1) * n / nShells;
            if (to - from < 3) continue;
            shells.add(new ShellCc(rows.get(from)[0], rows.get(to - 1)[0], to - from, cc(rows.subList(from, to))));
        }
        return new Result(shells, cc(rows), m.mapped(), m.unmapped(), m.indexMatrix());
    }

    /**
     * CC in the resolution ranges of another file's shells, so that two programs are compared on the
     * same d ranges: shell s holds d in [dMin(s), dMin(s−1)) (the first shell everything ≥ its dMin);
     * reflections beyond the last shell's dMin are left out, also of the overall CC.
     */
    public static Result compareInShells(XdsAsciiFile file, Mat3 truthA, Map<MillerIndex, Double> truth, SpaceGroup truthSg,
                                         UnitCell truthCell, List<ShellCc> like, Set<MillerIndex> only) {
        Merged m = merge(file, truthA, truth, truthSg, truthCell, only);
        List<ShellCc> shells = new ArrayList<>();
        List<double[]> all = new ArrayList<>();
        for (int s = 0; s < like.size(); s++) {
            double lo = like.get(s).dMinA() - 1e-9, hi = s == 0 ? Double.POSITIVE_INFINITY : like.get(s - 1).dMinA() - 1e-9;
            List<double[]> in = new ArrayList<>();
            for (double[] r : m.rows()) if (r[0] >= lo && r[0] < hi) in.add(r);
            all.addAll(in);
            shells.add(new ShellCc(s == 0 ? (in.isEmpty() ? Double.NaN : in.get(0)[0]) : like.get(s).dMaxA(), like.get(s).dMinA(),
                    in.size(), in.size() >= 3 ? cc(in) : Double.NaN));
        }
        return new Result(shells, cc(all), m.mapped(), m.unmapped(), m.indexMatrix());
    }

    /**
     * The same comparison in fixed resolution shells (edges in Å, low resolution first, e.g.
     * {∞, 3.8, 3.0, …, 1.9}), so CCs of different wedges can be pooled shell by shell; a shell
     * with fewer than 3 reflections has CC NaN.
     */
    public static List<ShellCc> compareInShells(XdsAsciiFile file, Mat3 truthA, Map<MillerIndex, Double> truth,
                                                SpaceGroup truthSg, UnitCell truthCell, double[] dEdgesA) {
        List<double[]> rows = merge(file, truthA, truth, truthSg, truthCell, null).rows();
        List<ShellCc> out = new ArrayList<>();
        for (int s = 0; s + 1 < dEdgesA.length; s++) {
            double hi = dEdgesA[s], lo = dEdgesA[s + 1];
            List<double[]> in = rows.stream().filter(x -> x[0] <= hi && x[0] > lo).toList();
            out.add(new ShellCc(hi, lo, in.size(), in.size() < 3 ? Double.NaN : cc(in)));
        }
        return out;
    }

    /** The integer matrix M with h_truth = M·h_file, from the two orientation matrices. */
    public static int[][] indexMatrix(XdsAsciiFile file, Mat3 truthA) {
        Mat3 m = truthA.inverse().times(fileA(file));
        int[][] im = new int[3][3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) {
                double v = m.get(i, j);
                im[i][j] = (int) Math.round(v);
                if (Math.abs(v - im[i][j]) > 0.1)
                    throw new IllegalArgumentException("file and truth lattices do not match: A_truth⁻¹·A_file element " + v);
            }
        return im;
    }

    /** The true unique reflections (canonical indices) that the file measured. */
    public static Set<MillerIndex> measured(XdsAsciiFile file, Mat3 truthA, Map<MillerIndex, Double> truth, SpaceGroup truthSg,
                                            UnitCell truthCell) {
        return new HashSet<>(merge(file, truthA, truth, truthSg, truthCell, null).keys());
    }

    private record Merged(List<double[]> rows, List<MillerIndex> keys, int mapped, int unmapped, int[][] indexMatrix) {}

    /** Observations merged per true unique reflection (1/σ² weights): rows {d, I_obs, I_true}, by d descending. */
    private static Merged merge(XdsAsciiFile file, Mat3 truthA, Map<MillerIndex, Double> truth, SpaceGroup truthSg, UnitCell truthCell,
                                Set<MillerIndex> only) {
        int[][] im = indexMatrix(file, truthA);
        Map<MillerIndex, double[]> sums = new TreeMap<>();
        int mapped = 0, unmapped = 0;
        for (Observation o : file.observations()) {
            if (o.sigma() <= 0) continue;
            MillerIndex h = o.hkl();
            MillerIndex t = new MillerIndex(im[0][0] * h.h() + im[0][1] * h.k() + im[0][2] * h.l(),
                    im[1][0] * h.h() + im[1][1] * h.k() + im[1][2] * h.l(),
                    im[2][0] * h.h() + im[2][1] * h.k() + im[2][2] * h.l());
            MillerIndex c = canonical(t, truthSg);
            if (!truth.containsKey(c)) { unmapped++; continue; }
            mapped++;
            double w = 1 / (o.sigma() * o.sigma());
            sums.computeIfAbsent(c, x -> new double[2]);
            sums.get(c)[0] += w * o.intensity();
            sums.get(c)[1] += w;
        }
        List<MillerIndex> keys = new ArrayList<>();
        for (MillerIndex h : sums.keySet()) if (only == null || only.contains(h)) keys.add(h);
        keys.sort((x, y) -> Double.compare(truthCell.dSpacing(y), truthCell.dSpacing(x)));
        List<double[]> rows = new ArrayList<>(); // {d, Iobs, Itrue}
        for (MillerIndex h : keys) rows.add(new double[] {truthCell.dSpacing(h), sums.get(h)[0] / sums.get(h)[1], truth.get(h)});
        return new Merged(rows, keys, mapped, unmapped, im);
    }

    private static double cc(List<double[]> rows) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        int n = rows.size();
        for (double[] r : rows) { sx += r[1]; sy += r[2]; sxx += r[1] * r[1]; syy += r[2] * r[2]; sxy += r[1] * r[2]; }
        double cov = sxy - sx * sy / n, vx = sxx - sx * sx / n, vy = syy - sy * sy / n;
        return vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : Double.NaN;
    }

    /** Space group of a truth crystal JSON. */
    public static SpaceGroup truthSpaceGroup(Path crystalJson) throws IOException {
        JsonNode n = new ObjectMapper().readTree(crystalJson.toFile());
        return SpaceGroups.byNumber(n.get("space_group_number").asInt());
    }

    /** The crystal's Wilson B of a truth crystal JSON, Å² (the simulator multiplies I by exp(−B/2d²)). */
    public static double truthBFactor(Path crystalJson) throws IOException {
        return new ObjectMapper().readTree(crystalJson.toFile()).get("b_factor_A2").asDouble();
    }

    /** The resolution limit the simulator drew the crystal to, Å (no reflection beyond it is on the images). */
    public static double truthDMin(Path crystalJson) throws IOException {
        return new ObjectMapper().readTree(crystalJson.toFile()).get("d_min_A").asDouble();
    }

    public static UnitCell truthCell(Path crystalJson) throws IOException {
        JsonNode n = new ObjectMapper().readTree(crystalJson.toFile());
        double[] c = new double[6];
        for (int i = 0; i < 6; i++) c[i] = n.get("cell").get(i).asDouble();
        return new UnitCell(c[0], c[1], c[2], c[3], c[4], c[5]);
    }
}
