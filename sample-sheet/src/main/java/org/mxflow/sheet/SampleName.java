package org.mxflow.sheet;

import java.util.Optional;

/**
 * What a sample name may contain, and how it becomes a directory name.
 *
 * <p><b>Accepted names</b> ({@link #problem}): not empty, at most 100 characters, no control
 * characters, no path separators ({@code / \}), no {@code ..}, not starting with {@code -} or
 * {@code .}, and none of the shell metacharacters {@code ; & | $ ` < > ( ) { } [ ] * ? ! ' " ~ #}.
 * Spaces, letters of any script, digits and {@code . _ - + = , @ % :} are fine.
 *
 * <p><b>Directory name</b> ({@link #directoryName}): first KAMO's own rule, so merge directories
 * keep KAMO's names ({@code / > < * \ ? % :} become {@code -}, spaces become {@code _}); then every
 * character outside {@code A-Z a-z 0-9 . _ - + = , @} becomes {@code _}, and a leading {@code .}
 * or {@code -} becomes {@code _}. The result can never be {@code .}, {@code ..}, contain a
 * separator, or start like an option, even for a name that bypassed the sheet check. Two
 * different names can map to the same directory ("Lys A" and "Lys_A"); the planner reports that.
 */
public final class SampleName {

    private static final String SHELL_METACHARACTERS = ";&|$`<>(){}[]*?!'\"~#";
    static final int MAX_LENGTH = 100;

    private SampleName() {
    }

    /** Why {@code name} is not acceptable as a sample name, or empty if it is. */
    public static Optional<String> problem(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("sample name is missing");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("sample name is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c)) {
                return Optional.of("sample name contains a control character (code " + (int) c + ")");
            }
            if (c == '/' || c == '\\') {
                return Optional.of("sample name '" + name + "' contains a path separator '" + c + "'");
            }
            if (SHELL_METACHARACTERS.indexOf(c) >= 0) {
                return Optional.of("sample name '" + name + "' contains the shell metacharacter '" + c + "'");
            }
        }
        if (name.contains("..")) {
            return Optional.of("sample name '" + name + "' contains '..'");
        }
        if (name.startsWith("-") || name.startsWith(".")) {
            return Optional.of("sample name '" + name + "' starts with '" + name.charAt(0) + "'");
        }
        return Optional.empty();
    }

    /** The directory name for a sample (see the class comment for the rule). */
    public static String directoryName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an empty sample name has no directory name");
        }
        StringBuilder s = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if ("/><*\\?%:".indexOf(cp) >= 0) {
                s.append('-');
            } else if (cp == ' ') {
                s.append('_');
            } else if ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')
                    || ".-_+=,@".indexOf(cp) >= 0) {
                s.appendCodePoint(cp);
            } else {
                s.append('_');
            }
        });
        if (s.charAt(0) == '.' || s.charAt(0) == '-') {
            s.setCharAt(0, '_');
        }
        String out = s.length() > MAX_LENGTH ? s.substring(0, MAX_LENGTH) : s.toString();
        // ".." can survive only inside a longer component, which no file system treats as the parent.
        return out;
    }
}
