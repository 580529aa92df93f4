package org.mxflow.discovery;

/** Whether a dataset can be processed now. */
public enum DatasetStatus {
    /** Every expected frame is on disk and no file has changed for the settle time. */
    COMPLETE,
    /** Frames are missing or files are still changing, and the last change is recent. */
    COLLECTING,
    /** Frames are missing and nothing has changed for longer than the stall timeout. */
    STALLED;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
