package org.mxflow.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.mxflow.cell.UnitCell;
import org.mxflow.mtz.MergedMtz;
import org.mxflow.mtz.MtzWriter;
import org.mxflow.reflection.MergedReflection;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.Observation;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiHeader;
import org.mxflow.reflection.XdsAsciiReader;
import org.mxflow.reflection.XdsAsciiWriter;
import org.mxflow.stats.EquivalentsMerger;
import org.mxflow.stats.MergingStatistics;
import org.mxflow.stats.MergingStatisticsCalculator;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;
import org.mxflow.symmetry.SymOp;

/**
 * Times the CORRECT-style statistics table (9 shells + total) and merged-MTZ writing for a
 * lysozyme-like P 43 21 2 data set (cell 78.5 78.5 37.2, to dMin Å, multiplicity ~8). Writes
 * the data as XDS_ASCII.HKL for the peer. Usage: MergingStatisticsBench dMin file.
 * Run through bench/merging-stats, which compares with cctbx iotbx.merging_statistics.
 */
public final class MergingStatisticsBench {

    public static void main(String[] args) throws Exception {
        double dMin = args.length > 0 ? Double.parseDouble(args[0]) : 1.5;
        Path file = Path.of(args.length > 1 ? args[1] : "/tmp/mxflow-bench-merging.HKL");
        SpaceGroup sg = SpaceGroups.byNumber(96);
        UnitCell cell = new UnitCell(78.5, 78.5, 37.2, 90, 90, 90);
        SplittableRandom rnd = new SplittableRandom(5);
        List<SymOp> ops = sg.operations().symOps();
        List<Observation> obs = new ArrayList<>();
        int hMax = (int) (cell.a() / dMin), lMax = (int) (cell.c() / dMin);
        for (int h = 0; h <= hMax; h++) {
            for (int k = 0; k <= h; k++) {
                for (int l = 0; l <= lMax; l++) {
                    MillerIndex m = new MillerIndex(h, k, l);
                    double d = cell.dSpacing(m);
                    if (m.isOrigin() || d < dMin || !sg.reciprocalAsu().isInAsu(m) || sg.isSystematicallyAbsent(m)) {
                        continue;
                    }
                    double truth = -1000 * Math.exp(-20 / (2 * d * d)) * Math.log(1 - rnd.nextDouble());
                    int mult = 1 + rnd.nextInt(15);
                    for (int i = 0; i < mult; i++) {
                        MillerIndex seen = ops.get(rnd.nextInt(ops.size())).applyToHkl(m);
                        double sigma = Math.sqrt(truth + 30);
                        obs.add(new Observation(rnd.nextBoolean() ? seen : seen.negate(), truth + sigma * rnd.nextGaussian(),
                                sigma, 1000, 1000, 0.05 + 359.9 * rnd.nextDouble(), 1, 100, 90, 0));
                    }
                }
            }
        }
        XdsAsciiWriter.write(new XdsAsciiFile(XdsAsciiHeader.of(false, true, 96, cell, 1.0), obs), file);
        obs = XdsAsciiReader.read(file).observations();
        MergingStatisticsCalculator.Settings settings = MergingStatisticsCalculator.Settings.xds();
        long t0 = System.nanoTime();
        MergingStatistics cold = MergingStatisticsCalculator.calculate(obs, sg, cell, settings);
        long t1 = System.nanoTime();
        MergingStatistics warm = null;
        for (int i = 0; i < 3; i++) {
            warm = MergingStatisticsCalculator.calculate(obs, sg, cell, settings);
        }
        long t2 = System.nanoTime();
        List<MergedReflection> merged = EquivalentsMerger.merge(obs, sg);
        long t3 = System.nanoTime();
        Path mtz = Path.of(file + ".mtz");
        MtzWriter.write(MergedMtz.of("bench", merged, sg, cell, new MergedMtz.Names("bench", "xtal", "data", 1.0)), mtz);
        long t4 = System.nanoTime();
        java.nio.file.Files.deleteIfExists(mtz);
        System.out.printf(Locale.ROOT, "mxflow n=%d unique=%d stats_cold_s=%.3f stats_warm_s=%.3f merge_s=%.3f mtz_write_s=%.3f "
                        + "rmerge=%.4f cchalf=%.4f%n", obs.size(), warm.total().unique(), (t1 - t0) / 1e9, (t2 - t1) / 3e9,
                (t3 - t2) / 1e9, (t4 - t3) / 1e9, warm.total().rObservedPct() / 100, cold.total().ccHalfPct() / 100);
    }
}
