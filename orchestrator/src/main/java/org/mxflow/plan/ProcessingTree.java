package org.mxflow.plan;

/** The two processing trees SPring-8 delivers (kamo-conventions §2.1, §2.4). */
public enum ProcessingTree {
    /** Every dataset processed whole. */
    KAMOPROC("_kamoproc"),
    /** Every sweep cut into 30° wedges; multi-mode wedges pass through unchanged. */
    KAMO_30DEG("_kamo_30deg");

    private final String directory;

    ProcessingTree(String directory) {
        this.directory = directory;
    }

    /** The directory directly under the beamtime root. */
    public String directory() {
        return directory;
    }
}
