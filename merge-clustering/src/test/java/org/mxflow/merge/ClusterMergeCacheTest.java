package org.mxflow.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mxflow.cluster.ClusterChoice;
import org.mxflow.merge.MergeDirectoryNames.Clustering;
import org.mxflow.scale.Scaler;

/**
 * The CC clustering reusing clusters the BLEND clustering merged must write exactly the files a
 * CC clustering on its own writes (AutoMultiMergeTest's two simulated crystal forms, 16 wedges).
 */
class ClusterMergeCacheTest {

    @Test
    void reusedClustersGiveTheSameFilesAsMergingAgain(@TempDir Path tmp) throws IOException {
        AutoMultiMergeTest.Sample s = AutoMultiMergeTest.twoForms(tmp.resolve("raw"));
        ClusterChoice.Thresholds top3 = new ClusterChoice.Thresholds(10, 2.0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 3);
        ClusterMergeCache cache = new ClusterMergeCache();
        new AutoMultiMerge(settings(Clustering.BLEND, top3), cache).run("lyso", s.files(), s.data(), tmp.resolve("first"));
        assertThat(cache.reused()).as("nothing to reuse on first use").isZero();
        // The same clustering again under another root: every cluster is copied, and the files
        // (cluster_summary.dat is written from the returned outcomes) equal a merge made afresh.
        AutoMultiMerge.Outcome copied = new AutoMultiMerge(settings(Clustering.BLEND, top3), cache).run("lyso", s.files(), s.data(),
                tmp.resolve("second"));
        int clusters = copied.passes().stream().mapToInt(p -> p.clusterNumbers().size()).sum();
        assertThat(cache.reused()).isEqualTo(clusters).isPositive();
        AutoMultiMerge.Outcome afresh = new AutoMultiMerge(settings(Clustering.BLEND, top3)).run("lyso", s.files(), s.data(),
                tmp.resolve("afresh"));
        assertThat(AutoMultiMergeTest.tree(copied.sampleDirectory())).isEqualTo(AutoMultiMergeTest.tree(afresh.sampleDirectory()));
        // CC after BLEND with the shared cache writes what CC on its own writes (clusters are reused
        // only where the two trees hand over the same datasets in the same order).
        AutoMultiMerge.Outcome cc = new AutoMultiMerge(settings(Clustering.CC, top3), cache).run("lyso", s.files(), s.data(),
                tmp.resolve("first"));
        AutoMultiMerge.Outcome alone = new AutoMultiMerge(settings(Clustering.CC, top3)).run("lyso", s.files(), s.data(), tmp.resolve("alone"));
        assertThat(AutoMultiMergeTest.tree(cc.sampleDirectory())).isEqualTo(AutoMultiMergeTest.tree(alone.sampleDirectory()));
    }

    private static AutoMultiMerge.Settings settings(Clustering method, ClusterChoice.Thresholds t) {
        return new AutoMultiMerge.Settings(method, AutoMultiMergeTest.D_MIN, null, t, 2, Scaler.Settings.defaults(), true);
    }
}
