package org.mxflow.catalog;

import java.util.Locale;

/** Where a unit stands: the catalog is the queue, so these are also the queue's states. */
public enum UnitState {
    PENDING, RUNNING, DONE, FAILED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UnitState of(String word) {
        return valueOf(word.toUpperCase(Locale.ROOT));
    }
}
