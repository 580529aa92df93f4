package org.mxflow.merge;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The merge directory names of KAMO as SPring-8 delivers them (kamo-conventions 4.2, 4.12):
 * {@code merge_<blend|cc>_<d_start %.1f>S_<sanitised sample>/<blend|cc>_<d_min %.2f>A[_final]/cluster_NNNN/run_NN}.
 */
public final class MergeDirectoryNames {

    /** The two clustering methods SPring-8 runs for every sample. */
    public enum Clustering {
        BLEND("blend", "blend"), CC("cc", "cc_clustering");

        private final String label;
        private final String workDirectory;

        Clustering(String label, String workDirectory) {
            this.label = label;
            this.workDirectory = workDirectory;
        }

        /** "blend" or "cc", as in directory names. */
        public String label() {
            return label;
        }

        /** The clustering work directory inside a run: "blend" or "cc_clustering". */
        public String workDirectory() {
            return workDirectory;
        }
    }

    private MergeDirectoryNames() {}

    /**
     * KAMO's sanitising of a sample name: each of {@code / > < * \ ? % :} becomes '-', a space
     * becomes '_'. mxflow also turns control characters into '-' and refuses names that would
     * still not be one plain path element ("", ".", "..").
     */
    public static String sanitiseSampleName(String sampleName) {
        StringBuilder sb = new StringBuilder(sampleName.length());
        for (int i = 0; i < sampleName.length(); i++) {
            char ch = sampleName.charAt(i);
            if ("/><*\\?%:".indexOf(ch) >= 0 || Character.isISOControl(ch)) {
                sb.append('-');
            } else if (ch == ' ') {
                sb.append('_');
            } else {
                sb.append(ch);
            }
        }
        String s = sb.toString();
        if (s.isEmpty() || s.equals(".") || s.equals("..")) {
            throw new IllegalArgumentException("sample name '" + sampleName + "' cannot name a merge directory");
        }
        return s;
    }

    /** {@code merge_<clustering>_<d_start, one decimal>S_<sanitised sample>}, e.g. merge_blend_2.2S_complex1. */
    public static String sampleDirectoryName(Clustering clustering, double startResolutionA, String sampleName) {
        return "merge_" + clustering.label() + "_" + KamoFormat.fixed(startResolutionA, 1) + "S_" + sanitiseSampleName(sampleName);
    }

    /**
     * The sample's merge directory under {@code root}; guaranteed to be a direct child of root.
     */
    public static Path sampleDirectory(Path root, Clustering clustering, double startResolutionA, String sampleName) {
        Path base = root.toAbsolutePath().normalize();
        Path dir = base.resolve(sampleDirectoryName(clustering, startResolutionA, sampleName)).normalize();
        if (!base.equals(dir.getParent())) {
            throw new IllegalArgumentException("sample name '" + sampleName + "' would leave the output directory " + base);
        }
        return dir;
    }

    /** One multi_merge pass: {@code <clustering>_<d_min %.2f>A}, with "_final" for the last one (blend_3.03A_final). */
    public static String passDirectoryName(Clustering clustering, double dMinA, boolean isFinal) {
        return clustering.label() + "_" + KamoFormat.fixed(dMinA, 2) + "A" + (isFinal ? "_final" : "");
    }

    /** {@code cluster_NNNN} (4 digits). */
    public static String clusterDirectoryName(int clusterNumber) {
        return String.format(Locale.ROOT, "cluster_%04d", clusterNumber);
    }

    /** {@code run_NN} (run_01, run_02, run_03). */
    public static String runDirectoryName(int run) {
        return String.format(Locale.ROOT, "run_%02d", run);
    }
}
