package org.mxflow.symmetry;

/**
 * The 32 crystallographic point groups (Hermann-Mauguin symbols), each with its Laue class.
 * The symbol does not depend on the setting (P -4 m 2 and P -4 2 m are both "-42m"), as in
 * gemmi's point_group_hm() and MTZ SYMINF records ("PG" + symbol).
 */
public enum PointGroup {
    PG1("1", LaueClass.BAR_1, 1), PG_1("-1", LaueClass.BAR_1, 2),
    PG2("2", LaueClass.TWO_OVER_M, 3), PGM("m", LaueClass.TWO_OVER_M, 6), PG2M("2/m", LaueClass.TWO_OVER_M, 10),
    PG222("222", LaueClass.MMM, 16), PGMM2("mm2", LaueClass.MMM, 25), PGMMM("mmm", LaueClass.MMM, 47),
    PG4("4", LaueClass.FOUR_OVER_M, 75), PG_4("-4", LaueClass.FOUR_OVER_M, 81), PG4M("4/m", LaueClass.FOUR_OVER_M, 83),
    PG422("422", LaueClass.FOUR_OVER_MMM, 89), PG4MM("4mm", LaueClass.FOUR_OVER_MMM, 99), PG_42M("-42m", LaueClass.FOUR_OVER_MMM, 111),
    PG4MMM("4/mmm", LaueClass.FOUR_OVER_MMM, 123),
    PG3("3", LaueClass.BAR_3, 143), PG_3("-3", LaueClass.BAR_3, 147),
    PG32("32", LaueClass.BAR_3M, 149), PG3M("3m", LaueClass.BAR_3M, 156), PG_3M("-3m", LaueClass.BAR_3M, 162),
    PG6("6", LaueClass.SIX_OVER_M, 168), PG_6("-6", LaueClass.SIX_OVER_M, 174), PG6M("6/m", LaueClass.SIX_OVER_M, 175),
    PG622("622", LaueClass.SIX_OVER_MMM, 177), PG6MM("6mm", LaueClass.SIX_OVER_MMM, 183), PG_62M("-62m", LaueClass.SIX_OVER_MMM, 187),
    PG6MMM("6/mmm", LaueClass.SIX_OVER_MMM, 191),
    PG23("23", LaueClass.M_BAR_3, 195), PGM3("m-3", LaueClass.M_BAR_3, 200),
    PG432("432", LaueClass.M_BAR_3M, 207), PG_43M("-43m", LaueClass.M_BAR_3M, 215), PGM3M("m-3m", LaueClass.M_BAR_3M, 221);

    private final String symbol;
    private final LaueClass laueClass;
    private final int firstSpaceGroup;

    PointGroup(String symbol, LaueClass laueClass, int firstSpaceGroup) {
        this.symbol = symbol;
        this.laueClass = laueClass;
        this.firstSpaceGroup = firstSpaceGroup;
    }

    /** Hermann-Mauguin symbol, e.g. "422". */
    public String symbol() {
        return symbol;
    }

    public LaueClass laueClass() {
        return laueClass;
    }

    /** The point group of space group number 1–230 (space groups are numbered by point group). */
    public static PointGroup ofSpaceGroupNumber(int n) {
        if (n < 1 || n > 230) {
            throw new IllegalArgumentException("space group number must be 1-230, got " + n);
        }
        PointGroup[] all = values();
        for (int i = all.length - 1; i >= 0; i--) {
            if (n >= all[i].firstSpaceGroup) {
                return all[i];
            }
        }
        throw new AssertionError(n);
    }

    /** The point group with this symbol ("422", "-42m", "PG422"), or an exception. */
    public static PointGroup bySymbol(String symbol) {
        String s = symbol.trim();
        if (s.startsWith("PG")) {
            s = s.substring(2);
        }
        for (PointGroup pg : values()) {
            if (pg.symbol.equals(s)) {
                return pg;
            }
        }
        throw new IllegalArgumentException("unknown point group '" + symbol + "'");
    }

    @Override
    public String toString() {
        return symbol;
    }
}
