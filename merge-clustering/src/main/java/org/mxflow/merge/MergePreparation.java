package org.mxflow.merge;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.mxflow.cell.CellReduction;
import org.mxflow.cell.UnitCell;
import org.mxflow.cluster.CellGraph;
import org.mxflow.cluster.TriclinicCell;
import org.mxflow.reflection.Observation;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiHeader;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

/**
 * KAMO's preparation of a sample's datasets for merging (kamo-conventions 4.3–4.4,
 * {@code multi_check_cell_consistency} + {@code multi_prep_merging}, {@code cell_method=reindex}):
 * the cell graph on the P1 cells keeps group 1; a symmetry is chosen (the user's, else the most
 * frequent lattice and point group of the labels, not P1 while another has votes, then its most
 * frequent space group, and the data decide when the screw axes disagree); the reference setting
 * is that of the member most others already share; then every member is either kept unchanged
 * (same lattice and point group, cell within 10 % / 10° of the reference), reindexed to the
 * reference setting (operator found at 20 % / 20°, indices and header cell transformed, reference
 * space group written), or dropped with the reason. Works on values only; the files are not read
 * or written here.
 */
public final class MergePreparation {

    /** "Similar cell" for keeping a dataset unchanged (KAMO: 0.1, 10°). */
    public static final double SAME_LENGTH = 0.1;
    public static final double SAME_ANGLE_DEG = 10;
    /** Tolerances of the reindexing-operator search (KAMO: 0.2, 20°). */
    public static final double REINDEX_LENGTH = 0.2;
    public static final double REINDEX_ANGLE_DEG = 20;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MergePreparation.class);

    /**
     * One processed dataset.
     *
     * @param file   its reflection file (for the log and the lists; not read here)
     * @param data   its content, unmerged, with space group and cell in the header
     * @param p1Cell the aP cell of its CORRECT.LP (all-obtuse, {@link TriclinicCell#allObtuse}), or null:
     *               then the header cell reduced stands in
     */
    public record Dataset(Path file, XdsAsciiFile data, UnitCell p1Cell) {}

    /** What became of one dataset. */
    public sealed interface Decision permits Kept, Left {
        Path file();
    }

    /**
     * A dataset that is merged.
     *
     * @param data           the content in the reference setting, labelled with the merge's space group
     * @param ownSpaceGroup  the label it came with
     * @param ownCell        the cell it came with
     * @param operator       h' = operator·h from its indices to the reference setting (identity: not reindexed)
     */
    public record Kept(Path file, XdsAsciiFile data, int ownSpaceGroup, UnitCell ownCell, ReindexOperator operator) implements Decision {
        public boolean reindexed() {
            return !operator.isIdentity();
        }

        public boolean relabelled() {
            return ownSpaceGroup != data.header().spaceGroupNumber();
        }
    }

    /** A dataset that is not merged, and why. */
    public record Left(Path file, String reason) implements Decision {}

    /**
     * The preparation of one sample.
     *
     * @param groupChoice   the cell-graph group merged (1: the largest)
     * @param symmetry      the merge's space group; null if nothing is kept
     * @param referenceCell the reference setting's cell (the reference member's header cell); null if nothing is kept
     * @param decisions     one per input, in input order
     * @param log           the first lines of prep_merge.log: the choice and the groups (the per-file lines,
     *                      {@link #describe}, are written by whoever names the files)
     */
    public record Result(int groupChoice, SpaceGroup symmetry, UnitCell referenceCell, List<Decision> decisions, List<String> log) {
        public Result {
            decisions = List.copyOf(decisions);
            log = List.copyOf(log);
        }

        public List<Kept> kept() {
            return decisions.stream().filter(d -> d instanceof Kept).map(d -> (Kept) d).toList();
        }

        public List<Left> left() {
            return decisions.stream().filter(d -> d instanceof Left).map(d -> (Left) d).toList();
        }

        /** Kept datasets given the merge's label without a change of indices. */
        public long relabelledCount() {
            return kept().stream().filter(k -> k.relabelled() && !k.reindexed()).count();
        }

        /** Kept datasets whose indices were transformed to the reference setting. */
        public long reindexedCount() {
            return kept().stream().filter(Kept::reindexed).count();
        }
    }

    private MergePreparation() {}

    /**
     * Prepares the datasets.
     *
     * @param datasets     the sample's processed datasets (each with a space group number and a cell)
     * @param userSymmetry the space group the user gave (sample sheet, --space-group), or null
     */
    public static Result prepare(List<Dataset> datasets, SpaceGroup userSymmetry) {
        int n = datasets.size();
        List<String> log = new ArrayList<>();
        Decision[] decisions = new Decision[n];
        List<UnitCell> p1 = new ArrayList<>();
        for (Dataset d : datasets) {
            UnitCell cell = d.data().header().unitCell();
            if (cell == null) throw new IllegalArgumentException(d.file() + ": no UNIT_CELL_CONSTANTS in the header");
            p1.add(d.p1Cell() != null ? d.p1Cell() : TriclinicCell.reduce(cell, lattice(d.data())).cell());
        }
        CellGraph.Graph graph = CellGraph.graph(p1);
        List<List<Integer>> groups = graph.groups();
        for (int g = 0; g < groups.size(); g++) {
            List<Integer> members = groups.get(g);
            log.add(String.format(Locale.ROOT, "group %d: %d dataset%s, P1 cell %s", g + 1, members.size(), members.size() == 1 ? "" : "s",
                    p1.get(members.get(0)).format()));
        }
        List<Integer> one = groups.get(0);
        for (int g = 1; g < groups.size(); g++) {
            for (int i : groups.get(g)) {
                decisions[i] = new Left(datasets.get(i).file(), String.format(Locale.ROOT,
                        "cell group %d of %d (%d datasets, cell %s), not group 1 (%d datasets, cell %s)", g + 1, groups.size(),
                        groups.get(g).size(), p1.get(i).format(), one.size(), p1.get(one.get(0)).format()));
            }
        }

        SpaceGroup symmetry = userSymmetry != null ? userSymmetry : vote(datasets, one);
        int ref = referenceMember(datasets, one, symmetry, userSymmetry != null);
        if (ref < 0) {
            String why = "no dataset of group 1 is labelled in the lattice and point group of " + symmetry.hermannMauguin()
                    + " (or a subgroup on its lattice), so there is no reference setting";
            for (int i : one) decisions[i] = new Left(datasets.get(i).file(), why);
            log.add(0, "group_choice= 1, symmetry= " + symmetry.hermannMauguin() + " (no reference setting)");
            return finish(datasets, decisions, log, null, null);
        }
        UnitCell refCell = datasets.get(ref).data().header().unitCell();
        TriclinicCell.Reduction refReduced = TriclinicCell.reduce(refCell, symmetry.centringLetter());
        double[] refFromReduced = inverse(refReduced.fromSetting());
        for (int i : one) {
            Dataset d = datasets.get(i);
            XdsAsciiFile f = d.data();
            UnitCell cell = f.header().unitCell();
            int own = f.header().spaceGroupNumber();
            if (own > 0 && !cell.isCompatibleWith(SpaceGroups.byNumber(own).latticeType(), 0.02, 2.0)) {
                // A label its own cell cannot carry (P3 on a 90° cell): its symmetry operators do not hold, nothing to reindex from.
                String label = SpaceGroups.byNumber(own).hermannMauguin();
                decisions[i] = new Left(d.file(), userSymmetry != null ? "space group " + label + " cannot be merged in the sheet's "
                        + userSymmetry.hermannMauguin() : "space group " + label + " does not fit its own cell " + cell.format());
                continue;
            }
            if (labelMatches(own, symmetry, cell, userSymmetry != null) && CellGraph.close(cell, refCell, SAME_LENGTH, SAME_ANGLE_DEG)) {
                decisions[i] = new Kept(d.file(), new XdsAsciiFile(f.header().withSpaceGroup(symmetry.number(), cell), f.observations()),
                        own, cell, ReindexOperator.identity());
                continue;
            }
            ReindexOperator op = operatorTo(cell, lattice(f), refReduced.cell(), refFromReduced, refCell);
            if (op == null) {
                decisions[i] = new Left(d.file(), String.format(Locale.ROOT,
                        "no reindexing operator takes its cell %s (%s) to the reference %s (%s) within %.0f %% / %.0f deg", cell.format(),
                        own > 0 ? SpaceGroups.byNumber(own).hermannMauguin() : "no space group", refCell.format(), symmetry.hermannMauguin(),
                        100 * REINDEX_LENGTH, REINDEX_ANGLE_DEG));
                continue;
            }
            decisions[i] = new Kept(d.file(), reindexed(f, op, symmetry.number()), own, cell, op);
        }
        if (userSymmetry == null) {
            symmetry = decideWhenLabelsDisagree(decisions, symmetry);
        }
        log.add(0, String.format(Locale.ROOT, "group_choice= 1, symmetry= %s (%s)", symmetry.hermannMauguin(), refCell.format()));
        return finish(datasets, decisions, log, symmetry, refCell);
    }

    private static Result finish(List<Dataset> datasets, Decision[] decisions, List<String> log, SpaceGroup symmetry, UnitCell refCell) {
        List<Decision> out = new ArrayList<>();
        for (int i = 0; i < decisions.length; i++) {
            Decision d = decisions[i];
            if (d instanceof Kept k && symmetry != null && k.data().header().spaceGroupNumber() != symmetry.number()) {
                d = new Kept(k.file(), new XdsAsciiFile(k.data().header().withSpaceGroup(symmetry.number(), k.data().header().unitCell()),
                        k.data().observations()), k.ownSpaceGroup(), k.ownCell(), k.operator());
            }
            out.add(d);
        }
        return new Result(1, symmetry, refCell, out, log);
    }

    /** "unchanged", "relabelled P 1 2 1 -> P 41 21 2", "reindexed by k,h,-l (P 1 -> P 21 21 21, cell …)", "dropped: …". */
    public static String describe(Decision d) {
        if (d instanceof Left l) return "dropped: " + l.reason();
        Kept k = (Kept) d;
        String from = k.ownSpaceGroup() > 0 ? SpaceGroups.byNumber(k.ownSpaceGroup()).hermannMauguin() : "?";
        String to = SpaceGroups.byNumber(k.data().header().spaceGroupNumber()).hermannMauguin();
        if (k.reindexed()) {
            return "reindexed by h,k,l -> " + k.operator() + " (" + from + " -> " + to + ", cell " + k.ownCell().format() + " -> "
                    + k.data().header().unitCell().format() + ")";
        }
        return k.relabelled() ? "relabelled " + from + " -> " + to : "unchanged";
    }

    /**
     * The most frequent lattice and point group of group 1's labels (not P1 while another has votes;
     * ties: the higher point group), then its most frequent space group (ties: the lower number).
     */
    static SpaceGroup vote(List<Dataset> datasets, List<Integer> members) {
        Map<String, Integer> pgVotes = new TreeMap<>();
        Map<String, Integer> pgOrder = new TreeMap<>();
        for (int i : members) {
            SpaceGroup g = label(datasets.get(i).data());
            pgVotes.merge(latticeAndPointGroup(g), 1, Integer::sum);
            pgOrder.merge(latticeAndPointGroup(g), g.pointGroup().ordinal(), Math::max);
        }
        String pg = pgVotes.entrySet().stream().filter(e -> pgVotes.size() == 1 || !e.getKey().equals("P 1"))
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).thenComparingInt(e -> pgOrder.get(e.getKey())))
                .orElseThrow().getKey();
        Map<Integer, Integer> sgVotes = new TreeMap<>();
        for (int i : members) {
            SpaceGroup g = label(datasets.get(i).data());
            if (latticeAndPointGroup(g).equals(pg)) sgVotes.merge(g.number(), 1, Integer::sum);
        }
        int sg = sgVotes.entrySet().stream().max(Comparator.<Map.Entry<Integer, Integer>>comparingInt(Map.Entry::getValue)
                .thenComparingInt(e -> -e.getKey())).orElseThrow().getKey();
        return SpaceGroups.byNumber(sg);
    }

    /**
     * The member whose setting becomes the reference: among those labelled in the chosen lattice and
     * point group, the one that most others of them match directly (10 % / 10°); ties: the cell
     * closest to a ≤ b ≤ c, then the first. −1 if none is labelled so.
     */
    static int referenceMember(List<Dataset> datasets, List<Integer> members, SpaceGroup symmetry, boolean user) {
        List<Integer> candidates = new ArrayList<>();
        for (int i : members) {
            XdsAsciiFile f = datasets.get(i).data();
            if (labelMatches(f.header().spaceGroupNumber(), symmetry, f.header().unitCell(), user)) candidates.add(i);
        }
        int best = -1, bestAgree = -1, bestOrder = -1;
        for (int i : candidates) {
            UnitCell c = datasets.get(i).data().header().unitCell();
            int agree = 0;
            for (int j : candidates) if (CellGraph.close(c, datasets.get(j).data().header().unitCell(), SAME_LENGTH, SAME_ANGLE_DEG)) agree++;
            int order = (c.a() <= c.b() ? 1 : 0) + (c.b() <= c.c() ? 1 : 0) + (c.a() <= c.c() ? 1 : 0);
            if (agree > bestAgree || (agree == bestAgree && order > bestOrder)) {
                best = i;
                bestAgree = agree;
                bestOrder = order;
            }
        }
        return best;
    }

    /** Same lattice and point group as the chosen symmetry; with a user's group also a subgroup already on its lattice. */
    private static boolean labelMatches(int own, SpaceGroup symmetry, UnitCell cell, boolean user) {
        if (own < 1) return false;
        SpaceGroup g = SpaceGroups.byNumber(own);
        if (user) return AutoMultiMerge.mergesUnder(g, symmetry, cell);
        return latticeAndPointGroup(g).equals(latticeAndPointGroup(symmetry));
    }

    /**
     * The reindexing operator M (h' = M·h) taking a cell in its own setting to the reference setting:
     * M = R_ref⁻¹·N·R_own over both Niggli cells, N from {@link CellGraph#properBasisChanges()}; M
     * must be integral and the transformed cell within 20 % / 20° of the reference. The closest fit
     * wins (by the sum of relative edge and angle differences); the identity when it fits as well.
     * Null if none.
     */
    static ReindexOperator operatorTo(UnitCell cell, char ownLattice, UnitCell refReduced, double[] refFromReduced, UnitCell refCell) {
        TriclinicCell.Reduction own = TriclinicCell.reduce(cell, ownLattice);
        double[] r = own.fromSetting();
        double[] g = cell.metric();
        List<int[]> ns = new ArrayList<>();
        ns.add(new int[] {1, 0, 0, 0, 1, 0, 0, 0, 1});
        ns.addAll(CellGraph.properBasisChanges());
        int[] best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int[] nm : ns) {
            double[] m = multiply(refFromReduced, multiply(toDouble(nm), r));
            int[] mi = new int[9];
            boolean integral = true;
            for (int q = 0; q < 9 && integral; q++) {
                mi[q] = (int) Math.rint(m[q]);
                integral = Math.abs(m[q] - mi[q]) < 1e-6;
            }
            if (!integral || new ReindexOperator(mi).determinant() <= 0) continue;
            double[] gm = CellReduction.transform(toDouble(mi), g);
            if (!(gm[0] > 0 && gm[4] > 0 && gm[8] > 0)) continue;
            UnitCell t;
            try {
                t = CellReduction.fromMetric(gm);
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (!CellGraph.close(t, refCell, REINDEX_LENGTH, REINDEX_ANGLE_DEG)) continue;
            double score = score(t, refCell);
            boolean identity = new ReindexOperator(mi).isIdentity();
            if (score < bestScore - 1e-9 || (identity && score <= bestScore + 1e-9)) {
                best = mi;
                bestScore = score;
            }
        }
        return best == null ? null : new ReindexOperator(best);
    }

    /**
     * The file in another setting: indices h' = M·h, the merge's space group and the transformed cell
     * in the header, and the UNIT_CELL_A/B/C-AXIS lines transformed as the basis (a'ᵢ = Σ Mᵢⱼ aⱼ).
     */
    public static XdsAsciiFile reindexed(XdsAsciiFile f, ReindexOperator op, int spaceGroup) {
        int[] m = op.matrix();
        UnitCell t = CellReduction.transformed(f.header().unitCell(), toDouble(m));
        // Rounded to 1e-6 so an exact 90° stays 90° (acos gives 90.00000000000001): the cell filter's
        // IQR of identical angles is 0, and rounding noise would put a dataset outside it.
        double[] p = t.toArray();
        for (int i = 0; i < 6; i++) p[i] = Math.rint(p[i] * 1e6) / 1e6;
        UnitCell cell = new UnitCell(p[0], p[1], p[2], p[3], p[4], p[5]);
        List<Observation> obs = new ArrayList<>(f.observations().size());
        for (Observation o : f.observations()) {
            obs.add(new Observation(op.apply(o.hkl()), o.intensity(), o.sigma(), o.xdPx(), o.ydPx(), o.zdFrame(), o.rlp(),
                    o.peakPercent(), o.corrPercent(), o.psiDeg()));
        }
        XdsAsciiHeader h = f.header();
        List<String> lines = new ArrayList<>(h.lines());
        double[][] axes = new double[3][];
        String[] keys = {"UNIT_CELL_A-AXIS", "UNIT_CELL_B-AXIS", "UNIT_CELL_C-AXIS"};
        for (int i = 0; i < 3; i++) axes[i] = h.doubles(keys[i]).filter(v -> v.length == 3).orElse(null);
        if (axes[0] != null && axes[1] != null && axes[2] != null) {
            for (int i = 0; i < 3; i++) {
                double[] v = new double[3];
                for (int j = 0; j < 3; j++) for (int x = 0; x < 3; x++) v[x] += m[3 * i + j] * axes[j][x];
                String line = "!" + keys[i] + "=" + String.format(Locale.ROOT, "%11.6f%11.6f%11.6f", v[0], v[1], v[2]);
                for (int k = 0; k < lines.size(); k++) {
                    if (lines.get(k).startsWith("!" + keys[i] + "=")) lines.set(k, line);
                }
            }
        } else {
            // Half a set of axes would describe another crystal after reindexing: drop what is there.
            lines.removeIf(l -> l.startsWith("!UNIT_CELL_A-AXIS=") || l.startsWith("!UNIT_CELL_B-AXIS=") || l.startsWith("!UNIT_CELL_C-AXIS="));
        }
        return new XdsAsciiFile(new XdsAsciiHeader(h.merged(), h.friedelsLaw(), spaceGroup, cell, h.wavelengthA(), lines), obs);
    }

    /**
     * When the kept datasets' labels disagree in more than being triclinic, the data decide
     * (POINTLESS-like, org.mxflow.pointgroup) over the reindexed wedges: element CCs over the highest
     * label on the consensus lattice, then screw axes from axial reflections. Labels that agree keep
     * the vote.
     */
    private static SpaceGroup decideWhenLabelsDisagree(Decision[] decisions, SpaceGroup vote) {
        SpaceGroup highest = vote;
        boolean disagree = false;
        List<List<Observation>> wedges = new ArrayList<>();
        List<UnitCell> cells = new ArrayList<>();
        for (Decision d : decisions) {
            if (!(d instanceof Kept k) || k.ownSpaceGroup() < 1) continue;
            SpaceGroup g = SpaceGroups.byNumber(k.ownSpaceGroup());
            UnitCell cell = k.data().header().unitCell();
            if (g.number() == 1) {
                wedges.add(k.data().observations());
                cells.add(cell);
                continue;
            }
            disagree |= g.number() != vote.number();
            if (g.centringLetter() != vote.centringLetter() || !cell.isCompatibleWith(vote.latticeType())) continue;
            if (g.operations().order() > highest.operations().order() && cell.isCompatibleWith(g.latticeType())) highest = g;
            wedges.add(k.data().observations());
            cells.add(cell);
        }
        if (!disagree || wedges.isEmpty()) return vote;
        try {
            var decision = org.mxflow.pointgroup.SpaceGroupDecision.decide(wedges, MultiMerge.meanCell(cells), highest);
            LOG.info("space group from the data ({} wedges with differing labels): {}", wedges.size(), decision.log());
            return decision.spaceGroup();
        } catch (IllegalArgumentException e) {
            LOG.warn("space group from the data failed ({}); keeping the majority label {}", e.getMessage(), vote.hermannMauguin());
            return vote;
        }
    }

    private static SpaceGroup label(XdsAsciiFile f) {
        int n = f.header().spaceGroupNumber();
        if (n < 1) throw new IllegalArgumentException("a dataset carries no SPACE_GROUP_NUMBER");
        return SpaceGroups.byNumber(n);
    }

    private static char lattice(XdsAsciiFile f) {
        int n = f.header().spaceGroupNumber();
        return n < 1 ? 'P' : SpaceGroups.byNumber(n).centringLetter();
    }

    /** "P 422": the lattice letter and point group. */
    static String latticeAndPointGroup(SpaceGroup g) {
        return g.centringLetter() + " " + g.pointGroup().symbol();
    }

    private static double score(UnitCell x, UnitCell y) {
        double[] a = x.toArray(), b = y.toArray();
        double s = 0;
        for (int i = 0; i < 3; i++) s += Math.abs(a[i] - b[i]) / b[i];
        for (int i = 3; i < 6; i++) s += Math.toRadians(Math.abs(a[i] - b[i]));
        return s;
    }

    private static double[] toDouble(int[] m) {
        double[] d = new double[9];
        for (int i = 0; i < 9; i++) d[i] = m[i];
        return d;
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] c = new double[9];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) c[3 * i + j] += a[3 * i + k] * b[3 * k + j];
        return c;
    }

    private static double[] inverse(double[] m) {
        double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) + m[2] * (m[3] * m[7] - m[4] * m[6]);
        double[] adj = {
            m[4] * m[8] - m[5] * m[7], m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4],
            m[5] * m[6] - m[3] * m[8], m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5],
            m[3] * m[7] - m[4] * m[6], m[1] * m[6] - m[0] * m[7], m[0] * m[4] - m[1] * m[3]};
        for (int i = 0; i < 9; i++) adj[i] /= det;
        return adj;
    }
}
