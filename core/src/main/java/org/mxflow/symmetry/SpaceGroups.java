package org.mxflow.symmetry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The table of space groups: all 230 in the settings their numbers mean to CCP4 and XDS
 * (R groups in hexagonal axes, origin choice 1 where there are two, unique axis b), plus the
 * 7 R groups in rhombohedral axes. Symbols come from {@code spacegroups.tsv} (International
 * Tables B, A1.4.2.7); operators are generated from the Hall symbols.
 *
 * <p>Symbol lookup forgives spacing, parentheses around screw subscripts and case:
 * "P212121", "P 21 21 21", "P2(1)2(1)2(1)", "C2", "C 1 2 1", "P4(3)2(1)2", "H3", "R3:H", "R 3".
 * A bare R symbol means hexagonal axes, as in XDS and CCP4; "R3:R" asks for rhombohedral axes.
 */
public final class SpaceGroups {

    /** Basis op from the hexagonal to the rhombohedral setting of R groups (as gemmi tabulates it). */
    private static final SymOp HEXAGONAL_TO_RHOMBOHEDRAL = SymOp.parse("-y+z,x+z,-x+y+z");

    private static final List<SpaceGroup> ALL;
    private static final Map<Integer, SpaceGroup> BY_NUMBER = new HashMap<>();
    private static final Map<Integer, SpaceGroup> BY_CCP4 = new HashMap<>();
    private static final Map<String, SpaceGroup> BY_KEY = new HashMap<>();

    static {
        ALL = Collections.unmodifiableList(load());
        for (SpaceGroup sg : ALL) {
            BY_NUMBER.putIfAbsent(sg.number(), sg);
            BY_CCP4.putIfAbsent(sg.ccp4Number(), sg);
            // groups listed first (the standard settings) win a shared key such as "R3"
            String hm = compact(sg.hermannMauguin());
            if (!sg.setting().isEmpty()) {
                BY_KEY.putIfAbsent(hm + ":" + sg.setting(), sg);
            }
            BY_KEY.putIfAbsent(hm, sg);
            BY_KEY.putIfAbsent(compact(sg.shortName()), sg);
            BY_KEY.putIfAbsent(compact(sg.ccp4Symbol()), sg);
        }
    }

    private SpaceGroups() {
    }

    private static List<SpaceGroup> load() {
        String resource = "spacegroups.tsv";
        List<SpaceGroup> list = new ArrayList<>();
        try (InputStream in = SpaceGroups.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("space-group table " + resource + " missing from the classpath");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 5) {
                    throw new IllegalStateException(resource + " line " + lineNo + ": expected 5 tab-separated fields");
                }
                String setting = f[3];
                SymOp basis = setting.equals("R") ? HEXAGONAL_TO_RHOMBOHEDRAL : SymOp.identity();
                list.add(new SpaceGroup(Integer.parseInt(f[0]), Integer.parseInt(f[1]), f[2], setting, f[4],
                        HallSymbol.operations(f[4]), basis));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return list;
    }

    /** Every tabulated group: the 230 standard settings (in number order), then the rhombohedral-axes settings. */
    public static List<SpaceGroup> all() {
        return ALL;
    }

    /** The group in the setting the number means to CCP4, XDS and gemmi (R groups: hexagonal axes). */
    public static SpaceGroup byNumber(int number) {
        SpaceGroup sg = BY_NUMBER.get(number);
        if (sg == null) {
            throw new IllegalArgumentException("space group number must be 1-230, got " + number);
        }
        return sg;
    }

    /** By CCP4 number: 1-230 as {@link #byNumber}, 1146 etc. for rhombohedral axes. */
    public static SpaceGroup byCcp4Number(int ccp4Number) {
        SpaceGroup sg = BY_CCP4.get(ccp4Number);
        if (sg == null) {
            throw new IllegalArgumentException("unknown CCP4 space group number " + ccp4Number);
        }
        return sg;
    }

    /** By symbol (or number as text); see the class comment for what is accepted. */
    public static SpaceGroup bySymbol(String symbol) {
        String s = symbol.trim();
        if (s.matches("\\d+")) {
            return byCcp4Number(Integer.parseInt(s));
        }
        SpaceGroup sg = BY_KEY.get(compact(s));
        if (sg == null) {
            throw new IllegalArgumentException("unknown space group symbol '" + symbol + "'");
        }
        return sg;
    }

    /** Like {@link #bySymbol} but empty instead of an exception. */
    public static Optional<SpaceGroup> find(String symbol) {
        try {
            return Optional.of(bySymbol(symbol));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String compact(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (!Character.isWhitespace(c) && c != '(' && c != ')' && c != '_') {
                sb.append(c);
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    /**
     * XDS's SPACE_GROUP_NUMBER for a group. XDS numbers mean the standard setting (R groups in
     * hexagonal axes), so a group in another setting has no XDS number.
     */
    public static int xdsNumber(SpaceGroup sg) {
        if (!sg.isStandardSetting()) {
            throw new IllegalArgumentException(sg.xhm() + " is not in the standard setting; XDS SPACE_GROUP_NUMBER="
                    + sg.number() + " means " + byNumber(sg.number()).xhm());
        }
        return sg.number();
    }

    /** The group XDS means by SPACE_GROUP_NUMBER; empty for 0 (XDS's "unknown, determine it"). */
    public static Optional<SpaceGroup> fromXdsNumber(int number) {
        if (number == 0) {
            return Optional.empty();
        }
        return Optional.of(byNumber(number));
    }

    /** The point-group field of an MTZ SYMINF record, e.g. "PG422", "PG2", "PGm-3m" (as gemmi writes it). */
    public static String mtzPointGroup(SpaceGroup sg) {
        return "PG" + sg.pointGroup().symbol();
    }

    /** The lattice letter of an MTZ SYMINF record: the centring letter, H for R groups in hexagonal axes. */
    public static char mtzLatticeLetter(SpaceGroup sg) {
        return sg.setting().equals("H") ? 'H' : sg.centringLetter();
    }
}
