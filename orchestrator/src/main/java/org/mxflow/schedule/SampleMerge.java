package org.mxflow.schedule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.mxflow.merge.MergeDirectoryNames;
import org.mxflow.merge.MultiMerge;
import org.mxflow.reflection.Observation;
import org.mxflow.reflection.XdsAsciiFile;
import org.mxflow.reflection.XdsAsciiReader;
import org.mxflow.scale.Scaler;
import org.mxflow.stats.ShellStatistics;
import org.mxflow.symmetry.SpaceGroups;

/**
 * One sample's merge in one tree: the finished units' {@code XDS_ASCII.HKL} files scaled and
 * merged by {@link MultiMerge} (run_01..03, bad frames and outlying datasets removed) into
 * {@code <merge dir>/<clustering>_<d>A_final/cluster_0001}, the whole merge directory written
 * under a temporary name and renamed into place.
 *
 * <p>Inputs are the symmetrised {@code XDS_ASCII.HKL} rather than {@code _noscale}: the native
 * engine writes {@code _noscale} in P1 of each dataset's own indexing, and MultiMerge does not
 * resolve indexing ambiguities; XDS_ASCII.HKL is in the conventional setting of its space group.
 * Datasets in a space group other than the majority's are left out, with a note.
 *
 * <p>Until AutoMultiMerge (cell and CC clustering per sample, branch {@code scale}) lands, all of a
 * sample's datasets form one cluster, {@code cluster_0001}: the hook is {@link #merge}.
 */
public final class SampleMerge {

    /** What a merge produced: the final run's statistics and the datasets used and left out. */
    public record Result(Path clusterDir, Path mtz, int spaceGroupNumber, List<String> used, Map<String, String> leftOut,
                         ShellStatistics total, double dMinA, String summary) {
    }

    private SampleMerge() {
    }

    /**
     * @param root          the beamtime root
     * @param mergeDir      the merge directory relative to root ({@code _kamoproc/merge_blend_2.5S_lys})
     * @param clustering    blend or cc
     * @param unitDirs      the finished units' working directories relative to root
     */
    public static Result merge(Path root, String mergeDir, String clustering, List<String> unitDirs) throws IOException {
        List<MultiMerge.Dataset> inputs = new ArrayList<>();
        Map<String, String> leftOut = new TreeMap<>();
        Map<Integer, Integer> bySpaceGroup = new TreeMap<>();
        List<XdsAsciiFile> files = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (String u : unitDirs) {
            Path hkl = root.resolve(u).resolve("XDS_ASCII.HKL");
            if (!Files.isRegularFile(hkl)) {
                leftOut.put(u, "no XDS_ASCII.HKL");
                continue;
            }
            XdsAsciiFile f = XdsAsciiReader.read(hkl);
            files.add(f);
            labels.add(u);
            bySpaceGroup.merge(f.header().spaceGroupNumber(), 1, Integer::sum);
        }
        if (files.isEmpty()) {
            throw new IOException(unitDirs.size() + " finished datasets, none with XDS_ASCII.HKL");
        }
        // The majority space group; ties go to the higher symmetry (larger number).
        int group = bySpaceGroup.entrySet().stream().max((a, b) -> a.getValue().equals(b.getValue())
                ? Integer.compare(a.getKey(), b.getKey()) : Integer.compare(a.getValue(), b.getValue())).orElseThrow().getKey();
        double dMin = Double.POSITIVE_INFINITY;
        for (int i = 0; i < files.size(); i++) {
            XdsAsciiFile f = files.get(i);
            if (f.header().spaceGroupNumber() != group) {
                leftOut.put(labels.get(i), "space group #" + f.header().spaceGroupNumber() + ", the others #" + group);
                continue;
            }
            for (Observation o : f.observations()) {
                dMin = Math.min(dMin, f.header().unitCell().dSpacing(o.hkl()));
            }
            inputs.add(new MultiMerge.Dataset(root.resolve(labels.get(i)).resolve("XDS_ASCII.HKL"), labels.get(i), f));
        }
        if (!(dMin < Double.POSITIVE_INFINITY)) {
            throw new IOException("no observations in the datasets of space group #" + group);
        }
        Path dir = root.resolve(mergeDir).normalize();
        if (!dir.startsWith(root.normalize()) || dir.equals(root.normalize())) {
            throw new IOException("merge directory '" + mergeDir + "' is outside " + root);
        }
        Path staging = WorkDirectories.prepare(dir);
        MergeDirectoryNames.Clustering c = clustering.equals("cc") ? MergeDirectoryNames.Clustering.CC : MergeDirectoryNames.Clustering.BLEND;
        Path pass = staging.resolve(MergeDirectoryNames.passDirectoryName(c, dMin, true));
        Path cluster = pass.resolve(MergeDirectoryNames.clusterDirectoryName(1));
        MultiMerge mm = new MultiMerge(new MultiMerge.Settings(SpaceGroups.byNumber(group), Double.NaN, dMin, null, Scaler.Settings.defaults()));
        MultiMerge.Outcome out;
        try {
            out = mm.merge(inputs, cluster);
        } catch (RuntimeException e) {
            WorkDirectories.discard(dir);
            throw new IOException("merging " + inputs.size() + " datasets: " + e.getMessage(), e);
        }
        WorkDirectories.install(dir);
        MultiMerge.Run fin = out.finalRun();
        List<String> used = new ArrayList<>();
        for (int m : fin.members()) {
            used.add(inputs.get(m).label());
        }
        out.removed().forEach((i, why) -> leftOut.put(inputs.get(i).label(), why));
        Path finalCluster = dir.resolve(staging.relativize(cluster));
        Path mtz = finalCluster.resolve(MergeDirectoryNames.runDirectoryName(fin.number())).resolve("ccp4/xscale.mtz");
        ShellStatistics t = fin.statistics().total();
        String summary = String.format(Locale.ROOT, "%d of %d datasets in %s, %s: %d unique, completeness %.1f%%, multiplicity %.1f, "
                        + "CC1/2 %.1f%%, I/sigma %.1f, d_min %.2f A", used.size(), unitDirs.size(), SpaceGroups.byNumber(group).hermannMauguin(),
                MergeDirectoryNames.runDirectoryName(fin.number()), t.unique(), t.completenessPct(), t.multiplicity(), t.ccHalfPct(),
                t.iOverSigma(), dMin);
        return new Result(finalCluster, mtz, group, used, leftOut, t, dMin, summary);
    }
}
