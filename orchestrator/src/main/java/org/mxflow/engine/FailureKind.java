package org.mxflow.engine;

/** Whether a failure can go away by itself. */
public enum FailureKind {
    /** I/O trouble that may pass (NFS hiccup, disk full, file still being written): retried with back-off. */
    TRANSIENT,
    /** The same input will fail the same way (corrupt frame, too few spots): not retried. */
    DETERMINISTIC;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
