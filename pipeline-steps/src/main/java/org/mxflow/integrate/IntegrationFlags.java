package org.mxflow.integrate;

/** Bit flags of an integrated reflection. */
public final class IntegrationFlags {
    /** A foreground pixel at or above the detector's count cutoff. */
    public static final int OVERLOAD = 1;
    /** A foreground pixel in a module gap or masked (negative). */
    public static final int UNTRUSTED = 2;
    /** The foreground touches another reflection's foreground on some frame. */
    public static final int OVERLAP = 4;
    /** Fewer than 10 usable background pixels on some frame. */
    public static final int POOR_BACKGROUND = 8;
    /** Intensity from profile fitting (else summation). */
    public static final int PROFILE_FITTED = 16;

    private IntegrationFlags() {}

    /** True when the reflection must not be used (overload or untrusted foreground). */
    public static boolean isRejected(int flags) {
        return (flags & (OVERLOAD | UNTRUSTED)) != 0;
    }
}
