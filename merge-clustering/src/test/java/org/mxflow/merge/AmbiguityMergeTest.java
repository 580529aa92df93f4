package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.bench.SimulatedWedges;
import org.mxflow.cell.UnitCell;
import org.mxflow.cluster.ClusterChoice;
import org.mxflow.merge.MergeDirectoryNames.Clustering;
import org.mxflow.reflection.MergedReflection;
import org.mxflow.reflection.MillerIndex;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.scale.Scaler;
import org.mxflow.symmetry.ReciprocalAsu;
import org.mxflow.symmetry.SpaceGroup;
import org.mxflow.symmetry.SpaceGroups;

/** P4 has two indexing choices (h,k,l and k,h,−l); half the simulated wedges are written in the other. */
class AmbiguityMergeTest {

    @Test
    void p4WedgesIndexedBothWaysAreBroughtToOneIndexingBeforeMerging(@TempDir Path tmp) throws Exception {
        SpaceGroup p4 = SpaceGroups.byNumber(75);
        UnitCell cell = new UnitCell(60, 60, 45, 90, 90, 90);
        Map<MillerIndex, Double> truth = SimulatedWedges.truth(p4, cell, 3.0, 20, 21);
        ReindexOperator flip = new ReindexOperator(new int[] {0, 1, 0, 1, 0, 0, 0, 0, -1}); // k,h,-l
        Set<Integer> flipped = Set.of(1, 2, 5, 7, 8);
        List<Path> files = new ArrayList<>();
        List<XdsAsciiFile> data = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            SimulatedWedges.Wedge w = new SimulatedWedges.Wedge(cell, 17.0 * i, 20, 0.5, 1.0, 0, 0, 10, 0.05, Set.of(),
                    flipped.contains(i) ? flip : ReindexOperator.identity(), 700 + i);
            files.add(tmp.resolve("raw/w" + i + "/XDS_ASCII.HKL"));
            data.add(SimulatedWedges.wedge(truth, p4, w, 3.0, 1.0));
        }
        ClusterChoice.Thresholds root = new ClusterChoice.Thresholds(10, 2.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 1);
        AutoMultiMerge.Outcome o = new AutoMultiMerge(new AutoMultiMerge.Settings(Clustering.BLEND, 3.0, null, root, 1,
                Scaler.Settings.defaults(), false)).run("p4", files, data, tmp.resolve("out"));
        // Selective breeding: the reindexed wedges are exactly the flipped ones or exactly the others.
        Set<Integer> changed = new HashSet<>();
        for (int i = 0; i < 10; i++) if (!o.reindexing().get(i).isIdentity()) changed.add(i);
        Set<Integer> others = new HashSet<>(Set.of(0, 3, 4, 6, 9));
        assertThat(changed).isIn(flipped, others);
        assertThat(o.sampleDirectory().resolve("formerge_reindexed.lst")).exists();
        assertThat(Files.readString(o.sampleDirectory().resolve("prep_merge.log"))).contains("indexing ambiguity");

        // Merged intensities agree with the truth in the indexing the majority ended up in.
        MultiMerge.Run run = o.passes().get(0).outcomes().get(0).finalRun();
        assertThat(run.members().size()).isGreaterThanOrEqualTo(8);
        ReciprocalAsu asu = p4.reciprocalAsu();
        double[] x = run.merged().stream().mapToDouble(MergedReflection::iMean).toArray();
        double[] same = run.merged().stream().mapToDouble(r -> truth.get(r.hkl())).toArray();
        double[] other = run.merged().stream().mapToDouble(r -> truth.get(asu.toAsu(flip.apply(r.hkl())).hkl())).toArray();
        double cc = Math.max(org.mxflow.stats.Correlation.pearson(x, same), org.mxflow.stats.Correlation.pearson(x, other));
        assertThat(cc).isGreaterThan(0.98);

        // Control: the same wedges merged as written (ambiguity ignored) correlate far worse.
        List<IntensityObservation> naive = new ArrayList<>();
        for (XdsAsciiFile f : data) {
            f.observations().forEach(ob -> naive.add(new IntensityObservation(asu.toAsu(ob.hkl()).hkl(), ob.intensity(), ob.sigma())));
        }
        Map<MillerIndex, MergedIntensity> m = MergedIntensity.merge(naive);
        List<MillerIndex> keys = new ArrayList<>(m.keySet());
        double ccNaive = org.mxflow.stats.Correlation.pearson(keys.stream().mapToDouble(k -> m.get(k).intensity()).toArray(),
                keys.stream().mapToDouble(truth::get).toArray());
        assertThat(ccNaive).isLessThan(0.9);
    }
}
