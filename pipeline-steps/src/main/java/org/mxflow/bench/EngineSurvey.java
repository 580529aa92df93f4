package org.mxflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.mxflow.cell.UnitCell;
import org.mxflow.correct.CorrectedObservation;
import org.mxflow.correct.SymmetryDecision;
import org.mxflow.engine.nativeengine.NativeEngine;
import org.mxflow.engine.nativeengine.NativeOutcome;
import org.mxflow.engine.nativeengine.ProcessingRequest;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.Mat3;
import org.mxflow.indexing.KnownSymmetry;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiReader;
import org.mxflow.simulate.Beam;
import org.mxflow.simulate.BeamtimeSimulator;
import org.mxflow.simulate.Detector;
import org.mxflow.simulate.PinPlan;
import org.mxflow.simulate.SimulationPreset;
import org.mxflow.simulate.StructureGroup;
import org.mxflow.symmetry.LatticeType;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

/**
 * Benchmark (run by bench/engine-survey, not in CI): the native engine's accuracy over many
 * independent simulated 10° wedges with known truth. Each wedge is its own simulated beamtime
 * (own seed: own random atomic model, crystal cell within 0.3 % of its group's, orientation,
 * scale, B, mosaicity) on the small preset's PILATUS 1M at 0.5°/frame, for every structure group
 * the simulator makes in turn. Every wedge is processed twice: without prior symmetry, and with
 * the sample sheet's cell and space group (the group's reference cell and symbol, as
 * {@code mxflow process --cell --space-group}). Printed per wedge and in total: indexed or the
 * failure reason, cell error against the truth, lattice and point group correct, space group
 * verdict, CC of the final intensities with the truth in fixed resolution shells, wall time.
 *
 * <p>Space-group rule: <b>identical</b>; or <b>enantiomorph</b> (P4₁2₁2 for P4₃2₁2 etc.: same
 * absences, indistinguishable from intensities); or <b>undecidable</b> when the point group is
 * right and no axial reflection that would tell the chosen screw axes from the true ones was
 * measured (in the wedge's P1 output, XDS_ASCII.HKL_noscale, within the crystal's diffraction limit,
 * the simulator's d_min: beyond it there is only background). Anything else is wrong.
 *
 * <p>Usage: {@code EngineSurvey OUT_DIR [wedgesPerGroup=12] [parallel=2] [seed=1000] [scale=1] [modes=free,sheet]} or
 * {@code EngineSurvey --redecide OUT_DIR}: re-runs only the symmetry decision on the kept P1
 * outputs of an earlier survey (for work on SymmetryDecision without reprocessing images).
 */
public final class EngineSurvey {

    /** Fixed resolution shells (Å), equal volume in reciprocal space down to the preset's 1.9 Å. */
    static final double[] SHELLS_A = shells(1.9, 8);

    /** One processing of one wedge and how it compares with the truth. */
    record Run(String mode, String failure, boolean indexed, double cellEdgeErrPct, double cellAngleErrDeg,
               boolean latticeOk, boolean pointGroupOk, String spaceGroup, String sgVerdict, boolean sgCorrect,
               double[] shellCc, double overallCc, double wallS) {}

    /** One simulated wedge, both runs. */
    record WedgeResult(int index, String group, String trueSg, long seed, Run free, Run known) {}

    private EngineSurvey() {}

    public static void main(String[] args) throws Exception {
        if (args.length >= 2 && args[0].equals("--redecide")) {
            redecide(Path.of(args[1]));
            return;
        }
        if (args.length < 1) {
            System.err.println("usage: EngineSurvey OUT_DIR [wedgesPerGroup] [parallel] [seed] | --redecide OUT_DIR");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int perGroup = args.length > 1 ? Integer.parseInt(args[1]) : 12;
        int parallel = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1000;
        // crystal scale relative to the small preset's (weaker wedges stress the symmetry decision)
        double scale = args.length > 4 ? Double.parseDouble(args[4]) : 1.0;
        boolean withSheet = args.length <= 5 || args[5].contains("sheet");
        List<StructureGroup> groups = SimulationPreset.small().groups();
        Files.createDirectories(out);
        System.out.printf(Locale.ROOT, "engine survey: %d groups x %d wedges of 10° (PILATUS 1M, 0.5°/frame, d_min 1.9 Å), "
                + "1 engine thread per wedge, %d wedges in parallel, seeds %d + 7919·i, crystal scale x%.2f%n", groups.size(), perGroup,
                parallel, seed, scale);
        System.out.println("each wedge: 'free' = no prior symmetry; 'sheet' = --cell <group reference cell> --space-group <group symbol>");
        System.out.println("space-group rule: identical | enantiomorph (same absences) | undecidable (right point group, "
                + "no discriminating axial reflection measured); else wrong");
        System.out.print("CC(I_obs, I_true) shells (Å):");
        for (int s = 0; s + 1 < SHELLS_A.length; s++) System.out.printf(Locale.ROOT, " %s-%.2f", fmtD(SHELLS_A[s]), SHELLS_A[s + 1]);
        System.out.println();
        System.out.flush();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        List<Future<WedgeResult>> futures = new ArrayList<>();
        int n = groups.size() * perGroup;
        for (int i = 0; i < n; i++) {
            int idx = i;
            // groups interleaved, so a partial run still covers every group
            StructureGroup g = groups.get(i % groups.size());
            long s = seed + 7919L * i;
            futures.add(pool.submit(() -> {
                WedgeResult r = surveyWedge(out.resolve(String.format(Locale.ROOT, "w%03d", idx)), idx, g, s, scale, withSheet);
                synchronized (System.out) {
                    System.out.print(describe(r));
                    System.out.flush();
                }
                return r;
            }));
        }
        List<WedgeResult> results = new ArrayList<>();
        for (Future<WedgeResult> f : futures) results.add(f.get());
        pool.shutdown();
        results.sort(Comparator.comparingInt(WedgeResult::index));
        System.out.printf(Locale.ROOT, "%nsurvey wall time %.0f s%n", (System.nanoTime() - t0) * 1e-9);
        System.out.print(totals(results, r -> r.free(), "free (no prior symmetry)"));
        if (withSheet) System.out.print(totals(results, r -> r.known(), "sheet (--cell/--space-group)"));
    }

    static WedgeResult surveyWedge(Path dir, int index, StructureGroup g, long seed, double scale, boolean withSheet)
            throws IOException {
        if (Files.exists(dir)) deleteTree(dir);
        Files.createDirectories(dir);
        SimulationPreset small = SimulationPreset.small();
        String puck = String.format(Locale.ROOT, "SUR%04d", index);
        SimulationPreset preset = new SimulationPreset("survey", small.detector(), small.beam(), small.oscWidthDeg(),
                small.exposureS(), small.dMinA(), small.meanScale() * scale, 1, List.of(g),
                List.of(new PinPlan(puck, "01", g.label(), "multi", List.of(g.label()), 10)));
        BeamtimeSimulator.Result sim = new BeamtimeSimulator(preset, seed).run(dir.resolve("sim"), "survey", LocalDate.of(2026, 11, 21));
        BeamtimeSimulator.DatasetTruth ds = sim.datasets().get(0);
        Path dataset = sim.rawRoot().resolve(ds.template());
        Path json = sim.truthDir().resolve(ds.crystalId() + ".json");
        Path intensities = sim.truthDir().resolve("intensities_" + g.label() + ".hkl");
        Truth truth = Truth.load(json, intensities);
        Run free = runOnce("free", dataset, dir.resolve("free"), Optional.empty(), Optional.empty(), truth);
        String symbol = g.spaceGroup().shortSymbol();
        Run known = withSheet ? runOnce("sheet", dataset, dir.resolve("sheet"), Optional.of(KnownSymmetry.of(g.cell().format(), symbol)),
                Optional.of(symbol), truth) : null;
        // the frames are reproducible from the seed; keep the truth and the outputs
        deleteTree(sim.rawRoot());
        return new WedgeResult(index, g.label(), truth.sg().hermannMauguin(), seed, free, known);
    }

    /** The simulator's truth for one crystal. */
    record Truth(Path json, Mat3 a, SpaceGroup sg, UnitCell cell, Map<MillerIndex, Double> intensities) {
        static Truth load(Path json, Path intensities) throws IOException {
            SpaceGroup sg = TruthComparison.truthSpaceGroup(json);
            return new Truth(json, TruthComparison.truthA(json), sg, TruthComparison.truthCell(json),
                    TruthComparison.truthIntensities(intensities, sg));
        }
    }

    static Run runOnce(String mode, Path dataset, Path work, Optional<KnownSymmetry> known, Optional<String> sg, Truth truth) {
        long t0 = System.nanoTime();
        NativeOutcome o;
        try {
            o = new NativeEngine().process(new ProcessingRequest(dataset, work, 0, 0, 1, known, sg));
        } catch (IOException | RuntimeException e) {
            o = new NativeOutcome.Failed("input", e.toString());
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        double[] nanShells = new double[SHELLS_A.length - 1];
        Arrays.fill(nanShells, Double.NaN);
        if (o instanceof NativeOutcome.Failed f) {
            boolean indexed = !f.step().equals("spots") && !f.step().equals("indexing") && !f.step().equals("input");
            return new Run(mode, f.step() + ": " + f.reason(), indexed, Double.NaN, Double.NaN, false, false, "-", "-", false,
                    nanShells, Double.NaN, wall);
        }
        NativeOutcome.Done d = (NativeOutcome.Done) o;
        try {
            XdsAsciiFile hkl = XdsAsciiReader.read(work.resolve("XDS_ASCII.HKL"));
            int[][] m;
            try {
                m = TruthComparison.indexMatrix(hkl, truth.a());
            } catch (IllegalArgumentException e) {
                return new Run(mode, "indexed lattice does not match the truth (" + e.getMessage() + ")", false, Double.NaN,
                        Double.NaN, false, false, d.spaceGroup(), "wrong", false, nanShells, Double.NaN, wall);
            }
            // the file's crystal expressed in the truth's setting: h_truth = M·h_file
            UnitCell c = new CrystalModel(TruthComparison.fileA(hkl)).transformed(toMat3(m)).unitCell();
            double[] x = c.toArray(), t = truth.cell().toArray();
            double edge = 0, angle = 0;
            for (int i = 0; i < 3; i++) {
                edge = Math.max(edge, Math.abs(x[i] / t[i] - 1) * 100);
                angle = Math.max(angle, Math.abs(x[3 + i] - t[3 + i]));
            }
            SpaceGroup out = SpaceGroups.byNumber(hkl.header().spaceGroupNumber());
            boolean lattice = out.latticeType() == truth.sg().latticeType();
            boolean pg = out.pointGroup() == truth.sg().pointGroup();
            String verdict;
            boolean correct;
            if (out.number() == truth.sg().number()) {
                verdict = "identical";
                correct = true;
            } else if (enantiomorph(out.number()) == truth.sg().number()) {
                verdict = "enantiomorph";
                correct = true;
            } else if (pg) {
                int measured = discriminatingAxial(work.resolve("XDS_ASCII.HKL_noscale"), truth, out, integerInverse(m));
                correct = measured == 0;
                verdict = correct ? "undecidable (no axial reflection measured that tells them apart)"
                        : "wrong screw axes (" + measured + " discriminating axial reflections measured)";
            } else {
                verdict = "wrong point group";
                correct = false;
            }
            List<TruthComparison.ShellCc> shells = TruthComparison.compareInShells(hkl, truth.a(), truth.intensities(), truth.sg(),
                    truth.cell(), SHELLS_A);
            double[] cc = shells.stream().mapToDouble(TruthComparison.ShellCc::cc).toArray();
            double overall = TruthComparison.compare(hkl, truth.a(), truth.intensities(), truth.sg(), truth.cell(), 1).overallCc();
            return new Run(mode, null, true, edge, angle, lattice, pg, out.hermannMauguin(), verdict, correct, cc, overall, wall);
        } catch (IOException | RuntimeException e) {
            return new Run(mode, "survey could not read the outputs: " + e, true, Double.NaN, Double.NaN, false, false,
                    d.spaceGroup(), "-", false, nanShells, Double.NaN, wall);
        }
    }

    /**
     * Axial reflections (truth setting) measured in the P1 output, within the crystal's diffraction
     * limit (the simulator's d_min: beyond it the images hold only background), whose absence
     * differs between the true group and the chosen one (read in its own setting through
     * {@code truthToChosen}).
     */
    static int discriminatingAxial(Path noscale, Truth truth, SpaceGroup chosen, int[][] truthToChosen) throws IOException {
        XdsAsciiFile p1 = XdsAsciiReader.read(noscale);
        int[][] m0 = TruthComparison.indexMatrix(p1, truth.a());
        int[][] inv = truthToChosen;
        double dMin = new ObjectMapper().readTree(truth.json().toFile()).get("d_min_A").asDouble();
        java.util.Set<MillerIndex> seen = new java.util.HashSet<>();
        for (Observation o : p1.observations()) {
            if (!(o.sigma() > 0)) continue;
            MillerIndex t = apply(m0, o.hkl());
            int zeros = (t.h() == 0 ? 1 : 0) + (t.k() == 0 ? 1 : 0) + (t.l() == 0 ? 1 : 0);
            if (zeros != 2 || truth.cell().oneOverDSquared(t.h(), t.k(), t.l()) > 1 / (dMin * dMin)) continue;
            if (truth.sg().isSystematicallyAbsent(t) != chosen.isSystematicallyAbsent(apply(inv, t))) {
                seen.add(t.compareTo(t.negate()) >= 0 ? t : t.negate());
            }
        }
        return seen.size();
    }

    /** The enantiomorph partner of a Sohncke space group, or 0. */
    static int enantiomorph(int n) {
        int[][] pairs = {{76, 78}, {91, 95}, {92, 96}, {144, 145}, {151, 153}, {152, 154}, {169, 170}, {171, 172},
                {178, 179}, {180, 181}, {212, 213}};
        for (int[] p : pairs) {
            if (p[0] == n) return p[1];
            if (p[1] == n) return p[0];
        }
        return 0;
    }

    static String describe(WedgeResult w) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "w%03d %-4s truth %-10s seed %d%n", w.index(), w.group(), w.trueSg().replace(" ", ""), w.seed()));
        for (Run r : w.known() == null ? List.of(w.free()) : List.of(w.free(), w.known())) {
            sb.append(String.format(Locale.ROOT, "  %-5s %5.1f s  ", r.mode(), r.wallS()));
            if (r.failure() != null) {
                sb.append("FAILED ").append(r.failure()).append('\n');
                continue;
            }
            sb.append(String.format(Locale.ROOT, "%-10s cell %.3f%% %.2f° lattice %s PG %s SG %s; CC", r.spaceGroup().replace(" ", ""),
                    r.cellEdgeErrPct(), r.cellAngleErrDeg(), r.latticeOk() ? "ok" : "WRONG", r.pointGroupOk() ? "ok" : "WRONG",
                    r.sgVerdict()));
            for (double c : r.shellCc()) sb.append(String.format(Locale.ROOT, " %.3f", c));
            sb.append('\n');
        }
        return sb.toString();
    }

    static String totals(List<WedgeResult> ws, java.util.function.Function<WedgeResult, Run> pick, String label) {
        StringBuilder sb = new StringBuilder();
        int n = ws.size();
        List<Run> runs = ws.stream().map(pick).toList();
        long indexed = runs.stream().filter(Run::indexed).count();
        List<Run> done = runs.stream().filter(r -> r.failure() == null).toList();
        sb.append(String.format(Locale.ROOT, "%n== %s: %d wedges%n", label, n));
        sb.append(String.format(Locale.ROOT, "indexed: %d/%d (%.1f%%); processed to the end: %d/%d%n", indexed, n, 100.0 * indexed / n,
                done.size(), n));
        for (WedgeResult w : ws) {
            Run r = pick.apply(w);
            if (r.failure() != null) sb.append(String.format(Locale.ROOT, "  w%03d %s: %s%n", w.index(), w.group(), r.failure()));
        }
        double[] edge = done.stream().mapToDouble(Run::cellEdgeErrPct).sorted().toArray();
        double[] ang = done.stream().mapToDouble(Run::cellAngleErrDeg).sorted().toArray();
        if (edge.length > 0) {
            sb.append(String.format(Locale.ROOT, "cell error, max over a,b,c (%%): median %.3f, 90th pct %.3f, max %.3f; within 0.3%%: %d/%d%n",
                    pct(edge, 50), pct(edge, 90), edge[edge.length - 1], Arrays.stream(edge).filter(e -> e <= 0.3).count(), edge.length));
            sb.append(String.format(Locale.ROOT, "cell angles, max |Δ| (°): median %.3f, max %.3f%n", pct(ang, 50), ang[ang.length - 1]));
        }
        long lat = done.stream().filter(Run::latticeOk).count(), pg = done.stream().filter(Run::pointGroupOk).count();
        sb.append(String.format(Locale.ROOT, "lattice correct: %d/%d (%.1f%% of all wedges); point group correct: %d/%d (%.1f%% of all)%n",
                lat, done.size(), 100.0 * lat / n, pg, done.size(), 100.0 * pg / n));
        Map<String, Long> verdicts = new TreeMap<>();
        for (Run r : done) verdicts.merge(r.sgVerdict().replaceAll(" \\(.*", ""), 1L, Long::sum);
        long sgOk = done.stream().filter(Run::sgCorrect).count();
        sb.append(String.format(Locale.ROOT, "space group correct by the rule: %d/%d (%.1f%% of all); verdicts %s%n", sgOk, done.size(),
                100.0 * sgOk / n, verdicts));
        Map<String, int[]> byGroup = new TreeMap<>();
        for (WedgeResult w : ws) {
            Run r = pick.apply(w);
            int[] c = byGroup.computeIfAbsent(w.group() + " " + w.trueSg().replace(" ", ""), k -> new int[4]);
            c[0]++;
            if (r.indexed()) c[1]++;
            if (r.pointGroupOk()) c[2]++;
            if (r.sgCorrect()) c[3]++;
        }
        byGroup.forEach((k, c) -> sb.append(String.format(Locale.ROOT, "  %-16s wedges %2d indexed %2d point group ok %2d space group ok %2d%n",
                k, c[0], c[1], c[2], c[3])));
        sb.append("CC(I_obs, I_true) per shell over processed wedges: median / min (wedges with data)\n");
        for (int s = 0; s + 1 < SHELLS_A.length; s++) {
            int si = s;
            double[] cc = done.stream().mapToDouble(r -> r.shellCc()[si]).filter(Double::isFinite).sorted().toArray();
            sb.append(String.format(Locale.ROOT, "  %6s - %5.2f Å  %s%n", fmtD(SHELLS_A[s]), SHELLS_A[s + 1],
                    cc.length == 0 ? "-" : String.format(Locale.ROOT, "%.4f / %.4f (%d)", pct(cc, 50), cc[0], cc.length)));
        }
        double[] all = done.stream().mapToDouble(Run::overallCc).filter(Double::isFinite).sorted().toArray();
        // all shells together: the truth carries no B factor, so this mixes the fall-off in and reads lower
        if (all.length > 0) sb.append(String.format(Locale.ROOT, "  all shells (truth without B, so lower): %.4f / %.4f (%d)%n",
                pct(all, 50), all[0], all.length));
        double[] t = runs.stream().mapToDouble(Run::wallS).sorted().toArray();
        sb.append(String.format(Locale.ROOT, "wall time per wedge (1 thread, %s): median %.1f s, max %.1f s%n",
                "2 wedges at once on a shared machine", pct(t, 50), t[t.length - 1]));
        return sb.toString();
    }

    /**
     * Re-runs SymmetryDecision alone on each kept wedge's P1 output (free run), with the lattice
     * the engine chose, and prints the point group it now gives against the truth.
     */
    static void redecide(Path out) throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(out)) {
            dirs = s.filter(p -> p.getFileName().toString().matches("w\\d{3}")).sorted().toList();
        }
        int n = 0, pgOk = 0;
        Map<String, int[]> byGroup = new TreeMap<>();
        Map<String, Integer> verdicts = new TreeMap<>();
        for (Path d : dirs) {
            Path noscale = d.resolve("free/XDS_ASCII.HKL_noscale"), result = d.resolve("free/result.json");
            if (!Files.exists(noscale) || !Files.exists(result)) continue;
            Path truthDir;
            try (Stream<Path> s = Files.list(d.resolve("sim"))) {
                truthDir = s.filter(p -> p.getFileName().toString().endsWith("_truth")).findFirst().orElseThrow();
            }
            Path json;
            try (Stream<Path> s = Files.list(truthDir)) {
                json = s.filter(p -> p.getFileName().toString().startsWith("SUR")).findFirst().orElseThrow();
            }
            JsonNode res = new ObjectMapper().readTree(result.toFile());
            SpaceGroup truthSg = TruthComparison.truthSpaceGroup(json);
            LatticeType lattice = LatticeType.valueOf(res.get("lattice").asText());
            XdsAsciiFile p1 = XdsAsciiReader.read(noscale);
            UnitCell cell = p1.header().unitCell();
            List<CorrectedObservation> obs = new ArrayList<>();
            for (Observation o : p1.observations()) {
                MillerIndex h = o.hkl();
                obs.add(new CorrectedObservation(h.h(), h.k(), h.l(), o.intensity(), o.sigma(), o.xdPx(), o.ydPx(), o.zdFrame(), o.rlp(),
                        o.peakPercent(), o.corrPercent(), o.psiDeg(), 1 / Math.sqrt(cell.oneOverDSquared(h.h(), h.k(), h.l())),
                        o.zdFrame() * 0.5));
            }
            SymmetryDecision sym = SymmetryDecision.decide(obs, lattice, cell);
            boolean ok = sym.spaceGroup().pointGroup() == truthSg.pointGroup();
            Path intensities = truthDir.resolve("intensities_" + new ObjectMapper().readTree(json.toFile()).get("group").asText() + ".hkl");
            Truth truth = Truth.load(json, intensities);
            // the engine's group in its final file's setting; the new one in the setting sym.reindex() makes from P1
            XdsAsciiFile fin = XdsAsciiReader.read(d.resolve("free/XDS_ASCII.HKL"));
            SpaceGroup was = SpaceGroups.byNumber(fin.header().spaceGroupNumber());
            String before = verdict(was, truth, noscale, integerInverse(TruthComparison.indexMatrix(fin, truth.a())));
            int[][] m0 = TruthComparison.indexMatrix(p1, truth.a());
            String after = verdict(sym.spaceGroup(), truth, noscale, multiply(sym.reindex(), integerInverse(m0)));
            verdicts.merge("engine " + before, 1, Integer::sum);
            verdicts.merge("now " + after, 1, Integer::sum);
            n++;
            if (ok) pgOk++;
            int[] c = byGroup.computeIfAbsent(truthSg.hermannMauguin(), k -> new int[2]);
            c[0]++;
            if (ok) c[1]++;
            System.out.printf(Locale.ROOT, "%s truth %-10s engine %-10s now %-10s PG %s | SG engine %s, now %s | %s%n", d.getFileName(),
                    truthSg.hermannMauguin().replace(" ", ""), res.get("space_group").asText().replace(" ", ""),
                    sym.spaceGroup().hermannMauguin().replace(" ", ""), ok ? "ok" : "WRONG", before, after, sym.summary());
        }
        System.out.printf(Locale.ROOT, "point group correct: %d/%d%n", pgOk, n);
        System.out.println("space-group verdicts (engine = the run's own, now = this build's SymmetryDecision): " + verdicts);
        byGroup.forEach((k, c) -> System.out.printf(Locale.ROOT, "  %-12s %d/%d%n", k, c[1], c[0]));
    }

    /** The survey's space-group rule for a group read in its own setting ({@code truthToChosen}). */
    static String verdict(SpaceGroup chosen, Truth truth, Path noscale, int[][] truthToChosen) throws IOException {
        if (chosen.number() == truth.sg().number()) return "identical";
        if (enantiomorph(chosen.number()) == truth.sg().number()) return "enantiomorph";
        if (chosen.pointGroup() != truth.sg().pointGroup()) return "wrong-point-group";
        return discriminatingAxial(noscale, truth, chosen, truthToChosen) == 0 ? "undecidable" : "wrong-screw-axes";
    }

    static int[][] multiply(int[][] a, int[][] b) {
        int[][] c = new int[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int k = 0; k < 3; k++) c[i][j] += a[i][k] * b[k][j];
        return c;
    }

    static double[] shells(double dMin, int n) {
        double[] d = new double[n + 1];
        d[0] = Double.POSITIVE_INFINITY;
        double s3 = Math.pow(1 / dMin, 3);
        for (int i = 1; i <= n; i++) d[i] = 1 / Math.cbrt(s3 * i / n);
        return d;
    }

    private static String fmtD(double d) {
        return Double.isInfinite(d) ? "inf" : String.format(Locale.ROOT, "%.2f", d);
    }

    private static double pct(double[] sorted, double p) {
        int i = (int) Math.round((sorted.length - 1) * p / 100.0);
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static Mat3 toMat3(int[][] m) {
        return new Mat3(m[0][0], m[0][1], m[0][2], m[1][0], m[1][1], m[1][2], m[2][0], m[2][1], m[2][2]);
    }

    static int[][] integerInverse(int[][] m) {
        Mat3 inv = toMat3(m).inverse();
        int[][] r = new int[3][3];
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) r[i][j] = (int) Math.round(inv.get(i, j));
        return r;
    }

    static MillerIndex apply(int[][] r, MillerIndex m) {
        return new MillerIndex(r[0][0] * m.h() + r[0][1] * m.k() + r[0][2] * m.l(),
                r[1][0] * m.h() + r[1][1] * m.k() + r[1][2] * m.l(),
                r[2][0] * m.h() + r[2][1] * m.k() + r[2][2] * m.l());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
