package org.mxflow.image;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tags and values of one CIF data block, as a CBF file's text part holds them: single
 * items and loops become columns (tag to values, lower-case tags). Enough CIF 1.1 for imgCIF
 * headers: comments, quoted strings, semicolon text fields and {@code loop_}.
 */
public record CifBlock(String name, Map<String, List<String>> columns) {

    /** The value of a single item (or the first row of a loop column), or null. */
    public String value(String tag) {
        List<String> v = columns.get(tag.toLowerCase());
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** All values of a loop column; empty if absent. */
    public List<String> column(String tag) {
        return columns.getOrDefault(tag.toLowerCase(), List.of());
    }

    public boolean has(String tag) {
        return columns.containsKey(tag.toLowerCase());
    }

    /** Parses the first data block of CIF text; an unterminated last text field ends at the end. */
    public static CifBlock parse(String text) {
        List<String> tokens = new ArrayList<>();
        List<Boolean> quoted = new ArrayList<>();
        tokenize(text, tokens, quoted);
        Map<String, List<String>> columns = new LinkedHashMap<>();
        String name = "";
        int i = 0;
        while (i < tokens.size()) {
            String t = tokens.get(i);
            boolean q = quoted.get(i);
            if (!q && t.regionMatches(true, 0, "data_", 0, 5)) {
                if (!name.isEmpty()) {
                    break;
                }
                name = t.substring(5);
                i++;
            } else if (!q && t.equalsIgnoreCase("loop_")) {
                i++;
                List<String> tags = new ArrayList<>();
                while (i < tokens.size() && !quoted.get(i) && tokens.get(i).startsWith("_")) {
                    tags.add(tokens.get(i).toLowerCase());
                    i++;
                }
                List<List<String>> cols = new ArrayList<>();
                for (String tag : tags) {
                    List<String> c = new ArrayList<>();
                    cols.add(c);
                    columns.put(tag, c);
                }
                int k = 0;
                while (i < tokens.size() && !isKeyword(tokens.get(i), quoted.get(i))) {
                    if (!cols.isEmpty()) {
                        cols.get(k % cols.size()).add(tokens.get(i));
                    }
                    k++;
                    i++;
                }
            } else if (!q && t.startsWith("_")) {
                String value = i + 1 < tokens.size() && !isKeyword(tokens.get(i + 1), quoted.get(i + 1))
                        ? tokens.get(i + 1) : null;
                columns.put(t.toLowerCase(), value == null ? new ArrayList<>() : new ArrayList<>(List.of(value)));
                i += value == null ? 1 : 2;
            } else {
                i++;
            }
        }
        return new CifBlock(name, columns);
    }

    private static boolean isKeyword(String t, boolean quoted) {
        return !quoted && (t.startsWith("_") || t.equalsIgnoreCase("loop_") || t.regionMatches(true, 0, "data_", 0, 5));
    }

    private static void tokenize(String s, List<String> tokens, List<Boolean> quoted) {
        int n = s.length();
        int i = 0;
        boolean lineStart = true;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r') {
                lineStart = true;
                i++;
                continue;
            }
            if (c == ' ' || c == '\t') {
                lineStart = false;
                i++;
                continue;
            }
            if (c == ';' && lineStart) {
                int end = s.indexOf("\n;", i + 1);
                int stop = end < 0 ? n : end;
                String field = s.substring(i + 1, stop);
                tokens.add(field.strip());
                quoted.add(true);
                i = end < 0 ? n : end + 2;
                lineStart = false;
                continue;
            }
            lineStart = false;
            if (c == '#') {
                while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                    i++;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                // A quote ends only where it is followed by white space (CIF 1.1).
                int j = i + 1;
                while (j < n && !(s.charAt(j) == c && (j + 1 == n || Character.isWhitespace(s.charAt(j + 1))))) {
                    j++;
                }
                tokens.add(s.substring(i + 1, Math.min(j, n)));
                quoted.add(true);
                i = j + 1;
                continue;
            }
            int j = i;
            while (j < n && !Character.isWhitespace(s.charAt(j))) {
                j++;
            }
            tokens.add(s.substring(i, j));
            quoted.add(false);
            i = j;
        }
    }
}
