package org.mxflow.discovery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * File and directory names of the raw-data tree (kamo-conventions §1): frame files, EIGER files,
 * raster-scan and data directories. Pure functions of names.
 */
final class ImageFileNames {

    private static final Pattern EIGER_MASTER = Pattern.compile("(.+)_master\\.h5");
    private static final Pattern EIGER_DATA = Pattern.compile("(.+)_data_([0-9]{6})\\.h5");
    static final Pattern DATA_DIRECTORY = Pattern.compile("data[0-9]+");
    static final Pattern SCAN_DIRECTORY = Pattern.compile("scan[0-9]+");
    static final Pattern EDGE_SCAN = Pattern.compile("([lr])v([0-9]{2})_([0-9]{2})");

    /** Plain first: when a frame exists both plain and compressed, the plain file is used. */
    static final java.util.List<String> COMPRESSIONS = java.util.List.of("", ".gz", ".bz2", ".xz");

    private ImageFileNames() {
    }

    /** A CBF frame name split into the text before the number, the number, its width and the compression suffix. */
    record CbfName(String head, int frame, int digits, String compression) {
        /** The working-directory prefix: the head without its trailing "_" (KAMO cuts at "_?"). */
        String prefix() {
            return head.endsWith("_") ? head.substring(0, head.length() - 1) : head;
        }

        String template() {
            return head + "?".repeat(digits) + ".cbf" + compression;
        }

        /** Key grouping the frames of one series; compressed and plain frames belong together (KAMO accepts both). */
        String seriesKey() {
            return head + "\u0000" + digits;
        }

        /** Index of the compression suffix in {@link #COMPRESSIONS}. */
        int compressionIndex() {
            return COMPRESSIONS.indexOf(compression);
        }
    }

    /**
     * Splits a CBF frame name, or returns null. Hand-written rather than a regular expression:
     * it runs once per file, 720 000 times for a 200-pin beamtime.
     */
    static CbfName cbf(String fileName) {
        String compression = "";
        int end = fileName.length();
        for (String c : COMPRESSIONS) {
            if (!c.isEmpty() && fileName.endsWith(c)) {
                compression = c;
                end -= c.length();
                break;
            }
        }
        if (!fileName.startsWith(".cbf", end - 4)) {
            return null;
        }
        int digitsEnd = end - 4;
        int digitsStart = digitsEnd;
        while (digitsStart > 0 && Character.isDigit(fileName.charAt(digitsStart - 1)) && fileName.charAt(digitsStart - 1) < 128) {
            digitsStart--;
        }
        int width = digitsEnd - digitsStart;
        if (width == 0 || width > 8) {
            return null;
        }
        int frame = 0;
        for (int i = digitsStart; i < digitsEnd; i++) {
            frame = frame * 10 + (fileName.charAt(i) - '0');
        }
        return new CbfName(fileName.substring(0, digitsStart), frame, width, compression);
    }

    /** The prefix of an EIGER master file name, or null. */
    static String eigerMasterPrefix(String fileName) {
        Matcher m = EIGER_MASTER.matcher(fileName);
        return m.matches() ? m.group(1) : null;
    }

    /** The prefix of an EIGER data file name, or null. */
    static String eigerDataPrefix(String fileName) {
        Matcher m = EIGER_DATA.matcher(fileName);
        return m.matches() ? m.group(1) : null;
    }

    /** KAMO's EIGER template: the master name with {@code _master.h5} replaced by {@code _??????.h5}. */
    static String eigerTemplate(String prefix) {
        return prefix + "_??????.h5";
    }

    static boolean isLoopImage(String fileName) {
        String n = fileName.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".ppm") || n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png");
    }
}
