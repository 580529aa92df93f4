package org.mxflow.sheet;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pin directory names {@code <Puck>-<Pin>} and how a sheet's pin value becomes one.
 *
 * <p>ZOO names a sample directory {@code "%s-%02d" % (puckid, pinid)}: a numeric pin is
 * zero-padded to two digits, a longer one ("002") is kept as written. Matching a directory to a
 * sheet row compares numeric pins by value, so {@code HEL0002-002} and a sheet pin "2" agree.
 */
public final class PinId {

    /** Puck and pin IDs become directory names, so they are restricted to letters, digits and _. */
    static final Pattern PART = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern DIRECTORY = Pattern.compile("([A-Za-z0-9_][A-Za-z0-9_-]*)-([A-Za-z0-9_]+)");

    private PinId() {
    }

    /** A sheet's pin value as ZOO writes it into the directory name ("6" becomes "06"). */
    public static String pinForDirectory(String pin) {
        if (pin.matches("[0-9]+") && pin.length() < 2) {
            return "0" + pin;
        }
        return pin;
    }

    /** Splits a directory name into {puck, pin}, or returns null when it is not {@code <Puck>-<Pin>}. */
    public static String[] split(String directoryName) {
        Matcher m = DIRECTORY.matcher(directoryName);
        if (!m.matches()) {
            return null;
        }
        return new String[] {m.group(1), m.group(2)};
    }

    /** A key under which "CPS1012-6", "CPS1012-06" and "CPS1012-006" are equal. */
    public static String canonical(String id) {
        String[] p = split(id);
        if (p == null) {
            return id;
        }
        String pin = p[1].matches("[0-9]+") ? String.valueOf(Long.parseLong(p[1])) : p[1];
        return p[0] + "-" + pin;
    }
}
