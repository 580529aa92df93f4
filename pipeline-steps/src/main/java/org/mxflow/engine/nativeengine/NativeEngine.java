package org.mxflow.engine.nativeengine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import org.mxflow.cell.UnitCell;
import org.mxflow.correct.CorrectedObservation;
import org.mxflow.correct.ErrorModelFit;
import org.mxflow.correct.FrameScale;
import org.mxflow.correct.LorentzPolarization;
import org.mxflow.correct.ResolutionCut;
import org.mxflow.correct.SymmetryDecision;
import org.mxflow.geometry.CrystalModel;
import org.mxflow.geometry.Experiment;
import org.mxflow.geometry.GeometryRefiner;
import org.mxflow.geometry.IndexedObservation;
import org.mxflow.geometry.Mat3;
import org.mxflow.geometry.ScanVaryingRefiner;
import org.mxflow.indexing.LatticeCharacterFit;
import org.mxflow.indexing.ReducedCell;
import org.mxflow.geometry.Vec3;
import org.mxflow.image.ImageHeader;
import org.mxflow.image.ImageSource;
import org.mxflow.image.ImageSources;
import org.mxflow.indexing.Indexer;
import org.mxflow.indexing.IndexingOutcome;
import org.mxflow.indexing.ObservedSpot;
import org.mxflow.integrate.IntegratedReflection;
import org.mxflow.mtz.MergedMtz;
import org.mxflow.mtz.MtzWriter;
import org.mxflow.mtz.UnmergedMtz;
import org.mxflow.integrate.IntegrationFlags;
import org.mxflow.integrate.IntegrationSettings;
import org.mxflow.integrate.PredictedReflection;
import org.mxflow.integrate.PredictionSettings;
import org.mxflow.integrate.ReflectionPrediction;
import org.mxflow.integrate.ShoeboxIntegrator;
import org.mxflow.integrate.SweepIntegration;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiHeader;
import org.mxflow.reflection.XdsAsciiWriter;
import org.mxflow.spots.DispersionSpotFinder;
import org.mxflow.spots.ParallelSpotFinding;
import org.mxflow.spots.Spot;
import org.mxflow.spots.SpotFinderSettings;
import org.mxflow.stats.DatasetStatistics;
import org.mxflow.stats.ErrorModel;
import org.mxflow.stats.MergingStatistics;
import org.mxflow.stats.MergingStatisticsCalculator;
import org.mxflow.symmetry.LatticeType;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * mxflow's own processing of one rotation dataset, KAMO's XDS step sequence (§3.3) without XDS:
 * spot finding on all frames → indexing (with try-hard) → prediction and integration → unscaled
 * P1 output for small wedges (§3.5) → Laue group and space group from the data → smooth scale
 * along φ → error model and ISa → per-shell statistics → CC½ resolution cut (§3.7) → outputs:
 * XDS_ASCII.HKL (+ _fullres when cut), XDS_ASCII.HKL_noscale, CORRECT.LP, SPOT-based summary in
 * result.json. Every output is written under a temporary name and renamed into place, and no
 * output depends on the thread count.
 */
public final class NativeEngine {

    private static final Logger LOG = LoggerFactory.getLogger(NativeEngine.class);
    static final String VERSION = "mxflow native engine 0.1";

    public NativeOutcome process(ProcessingRequest req) throws IOException {
        Map<String, Double> timings = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        NativeOutcome outcome;
        String[] step = {"input"};
        try (ImageSource source = ImageSources.open(req.dataset())) {
            Files.createDirectories(req.workDir());
            outcome = run(req, source, timings, step);
        } catch (RuntimeException e) {
            // an algorithm's bug or a degenerate case must fail this dataset, not the whole run
            LOG.warn("{} failed on {}", step[0], req.dataset(), e);
            outcome = new NativeOutcome.Failed(step[0], step[0] + ": internal error on this dataset (" + e + ")");
        }
        timings.put("total", (System.nanoTime() - t0) * 1e-9);
        if (outcome instanceof NativeOutcome.Failed f) writeFailure(req, f, timings);
        else rewriteTimings(req.workDir(), timings);
        return outcome;
    }

    private NativeOutcome run(ProcessingRequest req, ImageSource source, Map<String, Double> timings, String[] step) throws IOException {
        ImageHeader header = source.header();
        int first = req.firstFrame() > 0 ? req.firstFrame() : source.firstFrame();
        int last = req.lastFrame() > 0 ? req.lastFrame() : source.lastFrame();
        if (first < source.firstFrame() || last > source.lastFrame() || first > last) {
            return new NativeOutcome.Failed("input", String.format(Locale.ROOT, "frames %d-%d requested, %s has %d-%d",
                    first, last, req.dataset().getFileName(), source.firstFrame(), source.lastFrame()));
        }
        if (!(header.oscWidthDeg() > 0)) {
            return new NativeOutcome.Failed("input", "oscillation width " + header.oscWidthDeg() + "° in the header: not a rotation dataset");
        }
        Experiment exp0 = ExperimentFromHeader.of(header, source.firstFrame());
        List<Integer> frames = IntStream.rangeClosed(first, last).boxed().toList();
        // CBF series read one file per call; other sources (EIGER through jhdf) one frame at a time
        ParallelSpotFinding.FrameReader reader = source instanceof org.mxflow.image.CbfSeries ? source::read : n -> {
            synchronized (source) {
                return source.read(n);
            }
        };

        step[0] = "spots";
        // 1. spots on every frame (KAMO: SPOT_RANGE = all frames)
        long t = System.nanoTime();
        // spots the caller found already (the orchestrator writes SPOT.XDS first) are the same spots: find them once
        List<Spot> allSpots = req.spots().isPresent() ? req.spots().get() : ParallelSpotFinding.rotation(reader, frames, header,
                new DispersionSpotFinder(SpotFinderSettings.dialsDefaults()), req.threads()).spots();
        // saturated spots have clipped centroids: keep them out of indexing and refinement
        List<Spot> spots = allSpots.stream().filter(s -> !s.onIceRing() && s.peakCounts() < header.countCutoff()).toList();
        timings.put("spots", (System.nanoTime() - t) * 1e-9);
        LOG.info("{} strong spots on frames {}-{}", spots.size(), first, last);

        step[0] = "indexing";
        // 2. indexing
        t = System.nanoTime();
        List<ObservedSpot> observed = spots.stream().map(s -> new ObservedSpot(s.centroidXPx(), s.centroidYPx(), s.centroidZFrame())).toList();
        // degenerate candidate bases are rejected inside the indexer with a reason (Indexer.refineBasis)
        IndexingOutcome io;
        boolean priorImposed = false;
        List<String> symmetryNotes = new ArrayList<>();
        Indexer indexer = new Indexer(Indexer.Settings.defaults());
        if (req.known().isEmpty()) {
            io = indexer.index(observed, exp0, Optional.empty());
        } else {
            // KAMO's known.method=not_use_first and cell_prior.check
            PriorCell.Outcome po = PriorCell.index(indexer, observed, exp0, req.known().get());
            if (po instanceof PriorCell.Failed f) return new NativeOutcome.Failed("indexing", f.reason());
            PriorCell.Use use = (PriorCell.Use) po;
            io = use.indexing();
            priorImposed = use.withPrior();
            if (!use.note().isEmpty()) symmetryNotes.add(use.note());
        }
        timings.put("indexing", (System.nanoTime() - t) * 1e-9);
        if (io instanceof IndexingOutcome.Failed f) return new NativeOutcome.Failed("indexing", f.reason());
        IndexingOutcome.Indexed ix = (IndexingOutcome.Indexed) io;
        LOG.info("{}", ix.summary());
        if (ix.indexedFraction() < 0.6) {
            return new NativeOutcome.Failed("indexing", String.format(Locale.ROOT,
                    "only %.0f%% of %d spots index in %s %s: several lattices, a split crystal or wrong geometry",
                    100 * ix.indexedFraction(), ix.spotsGiven(), ix.chosen().lattice(), ix.crystal().unitCell().format()));
        }
        // KAMO's REFINE(IDXREF)= CELL BEAM ORIENTATION AXIS: distance and origin stay as the header
        // says (refining them with the cell on a narrow wedge trades distance for cell), unless
        // indexing had to search for the beam centre, whose origin is then kept.
        Experiment start = exp0;
        var di = ix.experiment().detector();
        if (Math.hypot(di.orgXPx() - exp0.detector().orgXPx(), di.orgYPx() - exp0.detector().orgYPx()) > 5)
            start = exp0.withDetector(exp0.detector().withOrigin(di.orgXPx(), di.orgYPx()));
        LatticeCharacterFit chosen = ix.chosen();
        // start from the indexer's crystal scaled to the header distance (r ∝ D_refined/D_header near the beam),
        // keeping the indices it assigned
        CrystalModel scaled = new CrystalModel(ix.crystal().a().times(di.distanceMm() / start.detector().distanceMm()));
        GeometryRefiner.Result kr;
        if (priorImposed) {
            kr = refiner(chosen.lattice().family()).refine(start, scaled, ix.indexed());
        } else {
            // P1 refinement with the detector fixed, then the lattice choice again on that cell (XDS's
            // rule, penalty ≤ 1.5): the indexer's own choice was made on a cell refined with the distance free
            // The indexer's crystal is its conventional cell, C-centred for mC: reducing that basis as if it
            // were primitive gives a double-volume cell that fits mP (issue 6), so refine in P1 on the
            // primitive reduced basis, with indices assigned in that basis.
            // A primitive conventional cell is already a primitive basis: it keeps the indexer's indices.
            boolean centred = !chosen.lattice().name().endsWith("P");
            CrystalModel primitive = centred ? scaled.transformed(chosen.transformation().inverse()) : scaled;
            GeometryRefiner.Result p1 = refiner('a').refine(start, primitive,
                    centred ? assign(start, primitive, observed) : ix.indexed());
            ReducedCell reduced = ReducedCell.of(p1.crystal());
            List<LatticeCharacterFit> fits = LatticeCharacterFit.all(reduced);
            // a prior the free indexing relates to decides the lattice (then forced in correction, known.force)
            chosen = req.known().flatMap(k -> PriorCell.related(fits, k)).orElseGet(() -> LatticeCharacterFit.choose(fits, 1.5));
            CrystalModel conv = reduced.crystal().transformed(chosen.transformation());
            kr = refiner(chosen.lattice().family()).refine(p1.experiment(), conv, assign(p1.experiment(), conv, observed));
        }
        Experiment exp = kr.experiment();
        CrystalModel crystal = kr.crystal();
        LOG.info("refined with fixed distance and origin: {} cell {}, RMSD {} px, {} deg", chosen.lattice(), crystal.unitCell().format(),
                String.format(Locale.ROOT, "%.2f", Math.hypot(kr.rmsdXPx(), kr.rmsdYPx())), String.format(Locale.ROOT, "%.3f", kr.rmsdPhiDeg()));
        double oscDeg = Math.abs(header.oscWidthDeg());
        // what result.json reports of the refinement: the static fit, and the scan-varying one for long sweeps
        Map<String, Object> refinement = new LinkedHashMap<>();
        refinement.put("static", refinementFit(kr.used().size(), Math.hypot(kr.rmsdXPx(), kr.rmsdYPx()), kr.rmsdPhiDeg()));
        double mosaicity = mosaicity(spots, exp);
        double sigmaXy = spotSigma(spots);

        step[0] = "integration";
        // 3. prediction and integration
        t = System.nanoTime();
        double dMin = ExperimentFromHeader.cornerResolutionA(exp);
        // long sweeps: a crystal that may drift along φ, refined scan-varying; prediction from the crystal at each frame
        List<PredictedReflection> pred;
        if (oscDeg * (last - first + 1) > ScanVaryingRefiner.MIN_SWEEP_DEG) {
            ScanVaryingRefiner.Result sv = new ScanVaryingRefiner(ScanVaryingRefiner.Settings.forFamily(chosen.lattice().family()))
                    .refine(exp, crystal, kr.used(), first, last);
            LOG.info("scan-varying refinement over {} knots: RMSD {} px, {} deg (static {} px, {} deg)", sv.knotPhiDeg().length,
                    String.format(Locale.ROOT, "%.2f", Math.hypot(sv.rmsdXPx(), sv.rmsdYPx())), String.format(Locale.ROOT, "%.3f", sv.rmsdPhiDeg()),
                    String.format(Locale.ROOT, "%.2f", Math.hypot(kr.rmsdXPx(), kr.rmsdYPx())), String.format(Locale.ROOT, "%.3f", kr.rmsdPhiDeg()));
            Map<String, Object> fit = refinementFit(sv.used().size(), Math.hypot(sv.rmsdXPx(), sv.rmsdYPx()), sv.rmsdPhiDeg());
            fit.put("knot_phi_deg", round(sv.knotPhiDeg(), 2));
            fit.put("knot_cells", sv.knotCells().stream().map(c -> round(c.toArray(), 3)).toList());
            refinement.put("scan_varying", fit);
            pred = ReflectionPrediction.predict(exp, sv.crystal(), first, last, new PredictionSettings(dMin, mosaicity, 0.99));
        } else {
            pred = ReflectionPrediction.predict(exp, crystal, first, last, new PredictionSettings(dMin, mosaicity, 0.99));
        }
        IntegrationSettings is = IntegrationSettings.forSpotSigma(sigmaXy, oscDeg);
        ShoeboxIntegrator integrator = new ShoeboxIntegrator(pred, is, header.width(), header.height(), header.countCutoff());
        List<IntegratedReflection> integrated = SweepIntegration.integrate(reader, first, last, integrator, req.threads());
        timings.put("integration", (System.nanoTime() - t) * 1e-9);
        long rejected = integrated.stream().filter(r -> IntegrationFlags.isRejected(r.flags())).count();
        LOG.info("integrated {} reflections ({} overloaded or untrusted), mosaicity {}°, foreground radius {} px",
                integrated.size(), rejected, String.format(Locale.ROOT, "%.3f", mosaicity), String.format(Locale.ROOT, "%.1f", is.foregroundRadiusPx()));

        step[0] = "correction";
        // 4. correction
        t = System.nanoTime();
        List<CorrectedObservation> lp = LorentzPolarization.apply(integrated, 0.75);
        if (lp.size() < 50) {
            return new NativeOutcome.Failed("integration", lp.size() + " usable reflections after integration, need 50");
        }
        UnitCell idxCell = crystal.unitCell();
        LatticeType lattice = LatticeType.valueOf(chosen.lattice().name());
        Files.createDirectories(req.workDir());
        double phiMin = exp.goniometer().phiDeg(first - 1), phiMax = exp.goniometer().phiDeg(last);
        String template = req.dataset().getFileName().toString();
        double dMaxData = lp.stream().mapToDouble(CorrectedObservation::dA).max().orElse(50);
        double dMax = Math.min(50, dMaxData + 1e-6);
        double dMinData = lp.stream().mapToDouble(CorrectedObservation::dA).min().orElse(dMin);

        // 4a. small-wedge output without empirical scale, in P1 and the indexed cell (§3.5)
        writeXdsAscii(req.workDir().resolve("XDS_ASCII.HKL_noscale"), lp, 1, idxCell, crystal, identity(), exp, header,
                template, first, last, ErrorModel.UNKNOWN);

        // 4b. symmetry
        SymmetryDecision sym;
        SpaceGroup sg;
        SpaceGroup sheet = req.spaceGroup().map(SpaceGroups::bySymbol).orElse(null);
        if (sheet != null && sheet.latticeType() != lattice) {
            // KAMO uses the sheet's group only when the lattice found agrees; otherwise decide from the data
            String w = String.format(Locale.ROOT, "sample sheet space group %s (lattice %s) does not fit the indexed lattice %s %s: "
                    + "space group decided from the data", sheet.hermannMauguin(), sheet.latticeType(), lattice, idxCell.format());
            LOG.warn("{}", w);
            symmetryNotes.add(w);
            sheet = null;
        }
        if (sheet != null) {
            sg = sheet;
            sym = null;
            symmetryNotes.add("SPACE GROUP " + sg.hermannMauguin() + " FROM THE SAMPLE SHEET (LATTICE " + lattice + " AGREES)");
        } else {
            sym = SymmetryDecision.decide(lp, lattice, idxCell);
            sg = sym.spaceGroup();
            LOG.info("{}", sym.summary());
        }
        List<CorrectedObservation> obs = sym == null ? lp : sym.reindex(lp);
        UnitCell cell = sym == null ? idxCell : sym.cell();
        int[][] reindex = sym == null ? identity() : sym.reindex();
        obs = obs.stream().filter(o -> !sg.isSystematicallyAbsent(new MillerIndex(o.h(), o.k(), o.l()))).toList();

        // 4c. scale along φ, error model
        FrameScale scale = FrameScale.fit(obs, sg, Math.min(phiMin, phiMax), Math.max(phiMin, phiMax), 5.0);
        obs = scale.apply(obs);
        ErrorModel em = ErrorModelFit.fit(obs, sg);
        obs = ErrorModelFit.apply(obs, em);
        timings.put("correction", (System.nanoTime() - t) * 1e-9);

        step[0] = "output";
        // 4d. statistics, resolution cut
        OptionalDouble cut = ResolutionCut.decide(obs, sg, cell, dMax, dMinData);
        MergingStatistics full = shellTable(obs, sg, cell, dMax, dMinData);
        String idxLine = ix.summary();
        List<String> notes = new ArrayList<>(symmetryNotes);
        notes.add(String.format(Locale.ROOT, "NUMBER OF REFLECTIONS INTEGRATED %d, REJECTED (OVERLOAD/UNTRUSTED) %d, PARTIALS BELOW 75%% OR |ZETA| < 0.05 DROPPED %d",
                integrated.size(), rejected, integrated.size() - rejected - lp.size()));
        String sgName = sg.hermannMauguin();
        DatasetStatistics stats;
        int nObsFinal;
        if (cut.isPresent()) {
            double dCut = cut.getAsDouble();
            writeAtomic(req.workDir().resolve("CORRECT_fullres.LP"), CorrectLpWriter.render(new CorrectLpWriter.Content(template, first, last,
                    oscDeg, header.wavelengthA(), sg.number(), sgName, cell, sym, em, scale.knots(), mosaicity, idxLine, full,
                    "RESOLUTION CUT (CC1/2 < 0.5 in fine shells) AT " + String.format(Locale.ROOT, "%.2f", dCut) + " A", notes)));
            writeXdsAscii(req.workDir().resolve("XDS_ASCII_fullres.HKL"), obs, sg.number(), cell, crystal, reindex, exp, header,
                    template, first, last, em);
            List<CorrectedObservation> kept = obs.stream().filter(o -> o.dA() >= dCut - 1e-9).toList();
            MergingStatistics ms = shellTable(kept, sg, cell, dMax, dCut);
            stats = new DatasetStatistics(sg.number(), cell, em, mosaicity, Double.NaN, ms);
            writeAtomic(req.workDir().resolve("CORRECT.LP"), CorrectLpWriter.render(new CorrectLpWriter.Content(template, first, last,
                    oscDeg, header.wavelengthA(), sg.number(), sgName, cell, sym, em, scale.knots(), mosaicity, idxLine, ms,
                    String.format(Locale.ROOT, "INCLUDE_RESOLUTION_RANGE= %.2f %.2f (cut where CC1/2 falls below 0.5)", dMax, dCut), notes)));
            writeXdsAscii(req.workDir().resolve("XDS_ASCII.HKL"), kept, sg.number(), cell, crystal, reindex, exp, header,
                    template, first, last, em);
            nObsFinal = kept.size();
        } else {
            stats = new DatasetStatistics(sg.number(), cell, em, mosaicity, Double.NaN, full);
            writeAtomic(req.workDir().resolve("CORRECT.LP"), CorrectLpWriter.render(new CorrectLpWriter.Content(template, first, last,
                    oscDeg, header.wavelengthA(), sg.number(), sgName, cell, sym, em, scale.knots(), mosaicity, idxLine, full,
                    "Can't decide resolution: no cut (CC1/2 in fine shells)", notes)));
            writeXdsAscii(req.workDir().resolve("XDS_ASCII.HKL"), obs, sg.number(), cell, crystal, reindex, exp, header,
                    template, first, last, em);
            nObsFinal = obs.size();
        }
        // 4e. unmerged MTZ of the final reflections for POINTLESS/AIMLESS (§ outputs: ccp4/XDS_ASCII.mtz)
        writeUnmergedMtz(req.workDir().resolve("ccp4").resolve("XDS_ASCII.mtz"), req.workDir().resolve("XDS_ASCII.HKL"), sg, cell,
                exp, header, first, last, template);
        String summary = String.format(Locale.ROOT, "%s %s, %d observations, %d unique, d_min %.2f Å, completeness %.1f%%, CC½ %.1f%%, ISa %.1f",
                sgName, cell.format(), nObsFinal, stats.merging().total().unique(), stats.dMinA(),
                stats.merging().total().completenessPct(), stats.merging().total().ccHalfPct(), em.isa());
        NativeOutcome.Done done = new NativeOutcome.Done(req.workDir(), stats, sgName, cut.orElse(Double.NaN), nObsFinal, summary);
        writeResult(req, done, ix, chosen.lattice().name(), first, last, spotsPerFrame(allSpots, first, last),
                resolutionEstimate(cut, full), refinement, timings);
        return done;
    }

    private static GeometryRefiner refiner(char family) {
        // KAMO's REFINE(IDXREF)= CELL BEAM ORIENTATION AXIS
        return new GeometryRefiner(new GeometryRefiner.Settings(family, 0.5, 0.05, 40, 4.0, true, false, true));
    }

    /** Spots whose fractional indices lie within 0.2 of integers, with those indices. */
    static List<IndexedObservation> assign(Experiment exp, CrystalModel crystal, List<ObservedSpot> spots) {
        Mat3 toHkl = crystal.a().inverse();
        List<IndexedObservation> out = new ArrayList<>();
        for (ObservedSpot s : spots) {
            Vec3 f = toHkl.times(org.mxflow.geometry.RotationGeometry.reciprocalVectorAtZero(exp, s.xPx(), s.yPx(), s.zFrame()));
            long h = Math.round(f.x()), k = Math.round(f.y()), l = Math.round(f.z());
            if (h == 0 && k == 0 && l == 0) continue;
            if (Math.abs(f.x() - h) <= 0.2 && Math.abs(f.y() - k) <= 0.2 && Math.abs(f.z() - l) <= 0.2)
                out.add(new IndexedObservation(s.xPx(), s.yPx(), s.zFrame(), (int) h, (int) k, (int) l));
        }
        return out;
    }

    /** Mosaic spread (e.s.d., degrees) from the rocking widths of strong spots: σ_M ≈ |ζ|·σ_φ, median over spots. */
    static double mosaicity(List<Spot> spots, Experiment exp) {
        double w = Math.abs(exp.goniometer().phiWidthDeg());
        Vec3 e = exp.goniometer().rotationAxis(), s0 = exp.beam().s0();
        double[] m = new double[spots.size()];
        int n = 0;
        for (Spot s : spots) {
            if (s.intensityCounts() < 100) continue;
            Vec3 s1 = org.mxflow.geometry.RotationGeometry.diffractedBeam(exp, s.centroidXPx(), s.centroidYPx());
            Vec3 c = s1.cross(s0);
            double zeta = Math.abs(e.dot(c)) / c.length();
            if (zeta < 0.3) continue;
            // frame-sampled Gaussian: var(z) ≈ σ² + 1/12 for a spot spread over several frames
            double sz = Math.sqrt(Math.max(s.varianceZ() - 1.0 / 12, 0.0) + 0.02);
            m[n++] = zeta * sz * w;
        }
        if (n < 5) return 0.2;
        Arrays.sort(m, 0, n);
        return Math.max(0.03, Math.min(1.5, m[n / 2]));
    }

    /** Median e.s.d. of strong spots in x/y, px. */
    static double spotSigma(List<Spot> spots) {
        double[] v = spots.stream().filter(s -> s.pixelCount() >= 4)
                .mapToDouble(s -> Math.sqrt(0.5 * (s.varianceXPx2() + s.varianceYPx2()))).sorted().toArray();
        return v.length < 5 ? 1.0 : Math.max(0.5, v[v.length / 2]);
    }

    private static void writeXdsAscii(Path file, List<CorrectedObservation> obs, int sgNumber, UnitCell cell, CrystalModel crystal,
                                      int[][] reindex, Experiment exp, ImageHeader h, String template, int first, int last,
                                      ErrorModel em) throws IOException {
        List<CorrectedObservation> sorted = new ArrayList<>(obs);
        sorted.sort((a, b) -> {
            int c = Double.compare(a.zFrame(), b.zFrame());
            if (c != 0) return c;
            c = Integer.compare(a.h(), b.h());
            if (c != 0) return c;
            c = Integer.compare(a.k(), b.k());
            return c != 0 ? c : Integer.compare(a.l(), b.l());
        });
        List<Observation> rows = new ArrayList<>(sorted.size());
        for (CorrectedObservation o : sorted) rows.add(o.toObservation());
        var d = exp.detector();
        var g = exp.goniometer();
        // real-space axes in the output setting: a'_i = Σ_j R_ij a_j
        Vec3[] ax = {crystal.realA(), crystal.realB(), crystal.realC()};
        Vec3[] nx = new Vec3[3];
        for (int i = 0; i < 3; i++) nx[i] = ax[0].times(reindex[i][0]).plus(ax[1].times(reindex[i][1])).plus(ax[2].times(reindex[i][2]));
        List<String> lines = new ArrayList<>();
        lines.add("!OUTPUT_FILE=" + file.getFileName() + "    written by " + VERSION);
        lines.add("!Generated by mxflow (native engine: spots, indexing, integration, correction)");
        lines.add("!PROFILE_FITTING= TRUE");
        lines.add("!NAME_TEMPLATE_OF_DATA_FRAMES=" + template);
        lines.add(String.format(Locale.ROOT, "!DATA_RANGE=%8d%8d", first, last));
        lines.add(String.format(Locale.ROOT, "!ROTATION_AXIS=%10.6f%10.6f%10.6f", g.rotationAxis().x(), g.rotationAxis().y(), g.rotationAxis().z()));
        lines.add(String.format(Locale.ROOT, "!OSCILLATION_RANGE=%10.6f", g.phiWidthDeg()));
        lines.add(String.format(Locale.ROOT, "!STARTING_ANGLE=%10.3f", g.phiStartDeg()));
        lines.add(String.format(Locale.ROOT, "!STARTING_FRAME=%8d", g.firstFrame()));
        lines.add("!SPACE_GROUP_NUMBER=");
        lines.add("!UNIT_CELL_CONSTANTS=");
        lines.add(String.format(Locale.ROOT, "!UNIT_CELL_A-AXIS=%10.3f%10.3f%10.3f", nx[0].x(), nx[0].y(), nx[0].z()));
        lines.add(String.format(Locale.ROOT, "!UNIT_CELL_B-AXIS=%10.3f%10.3f%10.3f", nx[1].x(), nx[1].y(), nx[1].z()));
        lines.add(String.format(Locale.ROOT, "!UNIT_CELL_C-AXIS=%10.3f%10.3f%10.3f", nx[2].x(), nx[2].y(), nx[2].z()));
        lines.add("!X-RAY_WAVELENGTH=");
        Vec3 b = exp.beam().direction();
        lines.add(String.format(Locale.ROOT, "!INCIDENT_BEAM_DIRECTION=%12.6f%12.6f%12.6f", b.x() / h.wavelengthA(), b.y() / h.wavelengthA(), b.z() / h.wavelengthA()));
        lines.add("!FRACTION_OF_POLARIZATION=   0.990");
        lines.add("!POLARIZATION_PLANE_NORMAL=  0.000000  1.000000  0.000000");
        lines.add("!DETECTOR=" + (h.detector().toUpperCase(Locale.ROOT).contains("EIGER") ? "EIGER" : "PILATUS"));
        lines.add(String.format(Locale.ROOT, "!OVERLOAD=%10d", h.countCutoff()));
        lines.add(String.format(Locale.ROOT, "!NX=%6d  NY=%6d    QX=%10.6f  QY=%10.6f", d.nx(), d.ny(), d.pixelSizeXMm(), d.pixelSizeYMm()));
        lines.add(String.format(Locale.ROOT, "!ORGX=%9.2f  ORGY=%9.2f", d.orgXPx(), d.orgYPx()));
        lines.add(String.format(Locale.ROOT, "!DETECTOR_DISTANCE=%10.3f", d.distanceMm()));
        lines.add(String.format(Locale.ROOT, "!DIRECTION_OF_DETECTOR_X-AXIS=%10.5f%10.5f%10.5f", d.fastAxis().x(), d.fastAxis().y(), d.fastAxis().z()));
        lines.add(String.format(Locale.ROOT, "!DIRECTION_OF_DETECTOR_Y-AXIS=%10.5f%10.5f%10.5f", d.slowAxis().x(), d.slowAxis().y(), d.slowAxis().z()));
        if (em.isKnown()) lines.add(String.format(Locale.ROOT, "!VARIANCE_MODEL= %10.3E %10.3E", em.a(), em.b()));
        XdsAsciiHeader hdr = new XdsAsciiHeader(false, false, sgNumber, cell, h.wavelengthA(), lines);
        XdsAsciiWriter.write(new XdsAsciiFile(hdr, rows), file);
    }

    static void writeAtomic(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        // XDS files are ASCII: spell out the few non-ASCII symbols our log lines use
        String ascii = text.replace("°", " deg").replace("Å", "A").replace("½", "1/2");
        Files.writeString(tmp, ascii, StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * CORRECT.LP's table (10 shells, Bijvoet mates apart as KAMO's FRIEDEL'S_LAW=FALSE) from core's
     * MergingStatisticsCalculator, the one the merge and report steps use: shells equal in 1/d² and
     * the −3σ rejection as XDS does them.
     */
    static MergingStatistics shellTable(List<CorrectedObservation> obs, SpaceGroup sg, UnitCell cell, double dMaxA, double dMinA) {
        List<Observation> rows = new ArrayList<>(obs.size());
        for (CorrectedObservation o : obs) rows.add(o.toObservation());
        return MergingStatisticsCalculator.calculate(rows, sg, cell, new MergingStatisticsCalculator.Settings(10, dMaxA, dMinA, true, 0));
    }

    /** Strong spots (all of them, ice rings and overloads included, as SPOT.XDS counts) per frame, first frame first. */
    static int[] spotsPerFrame(List<Spot> spots, int first, int last) {
        int[] n = new int[last - first + 1];
        for (Spot s : spots) {
            // frame n spans z ∈ [n−1, n]
            int f = (int) Math.floor(s.centroidZFrame()) + 1;
            n[Math.max(0, Math.min(n.length - 1, f - first))]++;
        }
        return n;
    }

    /**
     * The resolution to report (KAMO's report column Resn, kamo-conventions §5.1/§3.7): the CC½ cut
     * when one was made; otherwise walk the shells from low to high resolution and, at the first with
     * I/σ ≤ 1, take the d_min of the next shell (the last shell's when it was the last); the data
     * limit when none reaches I/σ ≤ 1; NaN when even the overall I/σ is below 1.
     *
     * @return {d in Å, 0 for the CC½ cut or 1 for the I/σ rule}
     */
    static double[] resolutionEstimate(OptionalDouble cut, MergingStatistics table) {
        if (cut.isPresent()) return new double[] {cut.getAsDouble(), 0};
        if (table.total().iOverSigma() < 1) return new double[] {Double.NaN, 1};
        var shells = table.shells();
        for (int i = 0; i < shells.size(); i++) {
            if (shells.get(i).iOverSigma() <= 1) return new double[] {shells.get(Math.min(i + 1, shells.size() - 1)).dMinA(), 1};
        }
        return new double[] {shells.isEmpty() ? Double.NaN : shells.get(shells.size() - 1).dMinA(), 1};
    }

    /** ccp4/XDS_ASCII.mtz from the XDS_ASCII.HKL just written (its rows, in its order), through a temporary name. */
    private static void writeUnmergedMtz(Path mtz, Path xdsAscii, SpaceGroup sg, UnitCell cell, Experiment exp, ImageHeader h,
                                         int first, int last, String template) throws IOException {
        XdsAsciiFile f = org.mxflow.reflection.XdsAsciiReader.read(xdsAscii);
        var g = exp.goniometer();
        Vec3 ax = g.rotationAxis(), b = exp.beam().direction();
        var scan = new UnmergedMtz.RotationScan(first, last, g.firstFrame(), g.phiStartDeg(), g.phiWidthDeg(),
                new double[] {ax.x(), ax.y(), ax.z()}, new double[] {b.x(), b.y(), b.z()}, h.wavelengthA(),
                exp.detector().nx(), exp.detector().ny(), exp.detector().distanceMm());
        String name = template.replaceAll("[^A-Za-z0-9_]", "_");
        MtzWriter.write(UnmergedMtz.of("mxflow native engine: " + name, f.observations(), sg, cell, scan,
                new MergedMtz.Names("mxflow", "crystal", name.length() > 64 ? name.substring(0, 64) : name, h.wavelengthA())), mtz);
    }

    private void writeResult(ProcessingRequest req, NativeOutcome.Done d, IndexingOutcome.Indexed ix, String lattice, int first, int last,
                             int[] spotsPerFrame, double[] resolutionEstimate, Map<String, Object> refinement,
                             Map<String, Double> timings) throws IOException {
        var total = d.statistics().merging().total();
        var outer = d.statistics().merging().outerShell();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "done");
        m.put("engine", VERSION);
        m.put("dataset", req.dataset().getFileName().toString());
        m.put("first_frame", first);
        m.put("last_frame", last);
        m.put("frames", Map.of("first", first, "last", last));
        m.put("space_group", d.spaceGroup());
        m.put("space_group_number", d.statistics().spaceGroupNumber());
        m.put("cell", round(d.statistics().cell().toArray(), 3));
        m.put("lattice", lattice);
        m.put("indexed_spots", ix.indexed().size());
        m.put("spots", ix.spotsGiven());
        m.put("idxlatt_percent", r(100.0 * ix.indexed().size() / Math.max(1, ix.spotsGiven()), 1));
        m.put("spots_per_frame", spotsPerFrame);
        m.put("mosaicity_deg", r(d.statistics().mosaicityDeg(), 4));
        m.put("d_min_A", r(d.statistics().dMinA(), 3));
        m.put("resolution_cut_A", Double.isNaN(d.resolutionCutA()) ? null : r(d.resolutionCutA(), 2));
        m.put("resolution_estimate_A", r(resolutionEstimate[0], 2));
        m.put("resolution_estimate_rule", resolutionEstimate[1] == 0 ? "CC1/2 cut (kamo 3.7)" : "I/sigma <= 1, next shell (kamo Resn)");
        ErrorModel em = d.statistics().errorModel();
        m.put("isa", em.isKnown() ? r(em.isa(), 2) : null);
        m.put("error_model_a", em.isKnown() ? r(em.a(), 4) : null);
        m.put("error_model_b", em.isKnown() ? r(em.b(), 6) : null);
        m.put("observations", total.observed());
        m.put("unique", total.unique());
        m.put("completeness_pct", r(total.completenessPct(), 2));
        m.put("multiplicity", r(total.multiplicity(), 3));
        m.put("cc_half_pct", r(total.ccHalfPct(), 2));
        m.put("cc_half_outer_pct", r(outer.ccHalfPct(), 2));
        m.put("i_over_sigma", r(total.iOverSigma(), 2));
        m.put("r_meas_pct", r(total.rMeasPct(), 2));
        m.put("refinement", refinement);
        m.put("timings_s", timings);
        writeAtomic(req.workDir().resolve("result.json"), json().writeValueAsString(m) + "\n");
    }

    /** One refinement's fit for result.json: spots used, RMSD in the detector plane and in φ. */
    private static Map<String, Object> refinementFit(int spots, double rmsdXyPx, double rmsdPhiDeg) {
        Map<String, Object> fit = new LinkedHashMap<>();
        fit.put("spots", spots);
        fit.put("rmsd_xy_px", r(rmsdXyPx, 3));
        fit.put("rmsd_phi_deg", r(rmsdPhiDeg, 4));
        return fit;
    }

    private void rewriteTimings(Path workDir, Map<String, Double> timings) throws IOException {
        Path p = workDir.resolve("result.json");
        if (!Files.exists(p)) return;
        @SuppressWarnings("unchecked")
        Map<String, Object> m = json().readValue(p.toFile(), LinkedHashMap.class);
        Map<String, Double> rounded = new LinkedHashMap<>();
        timings.forEach((k, v) -> rounded.put(k, r(v, 3)));
        m.put("timings_s", rounded);
        writeAtomic(p, json().writeValueAsString(m) + "\n");
    }

    private void writeFailure(ProcessingRequest req, NativeOutcome.Failed f, Map<String, Double> timings) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "failed");
        m.put("engine", VERSION);
        m.put("dataset", req.dataset().getFileName().toString());
        m.put("step", f.step());
        m.put("reason", f.reason());
        Map<String, Double> rounded = new LinkedHashMap<>();
        timings.forEach((k, v) -> rounded.put(k, r(v, 3)));
        m.put("timings_s", rounded);
        writeAtomic(req.workDir().resolve("result.json"), json().writeValueAsString(m) + "\n");
    }

    private static Double r(double v, int digits) {
        if (!Double.isFinite(v)) return null;
        double s = Math.pow(10, digits);
        return Math.round(v * s) / s;
    }

    private static double[] round(double[] v, int digits) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) o[i] = r(v[i], digits);
        return o;
    }

    private static int[][] identity() {
        return new int[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    }
}
