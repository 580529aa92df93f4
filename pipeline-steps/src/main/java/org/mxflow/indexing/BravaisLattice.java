package org.mxflow.indexing;

/**
 * The 14 Bravais lattice types by their Pearson-like symbols, with the order of the lattice
 * point group (the holohedry), which ranks them from least to most symmetric.
 */
public enum BravaisLattice {
    aP(2), mP(4), mC(4), oP(8), oC(8), oI(8), oF(8), tP(16), tI(16), hR(12), hP(24), cP(48), cI(48), cF(48);

    private final int holohedryOrder;

    BravaisLattice(int order) { this.holohedryOrder = order; }

    public int holohedryOrder() { return holohedryOrder; }

    /** The lattice-symmetry family (a, m, o, t, h for hP and hR, c). */
    public char family() { return name().charAt(0); }

    private static final java.util.Set<String> CUBIC = java.util.Set.of(
            "23", "213", "432", "4232", "4132", "4332", "M-3", "N-3", "A-3", "D-3", "M3", "N3", "A3", "D3",
            "-43M", "-43N", "-43C", "-43D", "M-3M", "N-3N", "M-3N", "N-3M", "M-3C", "D-3M", "D-3C", "A-3D");

    private static final java.util.Set<String> MONOCLINIC_SHORT = java.util.Set.of(
            "2", "21", "M", "C", "2/M", "21/M", "2/C", "21/C");

    /**
     * The Bravais lattice implied by a Hermann–Mauguin symbol such as "P43212", "P 41 21 2", "C2",
     * "C 1 2 1" or "H3"/"R3" (taken on hexagonal axes). A stand-in until the symmetry module's
     * SpaceGroup can be asked directly.
     */
    public static BravaisLattice ofSpaceGroupSymbol(String symbol) {
        String s = symbol.replace(" ", "").toUpperCase(java.util.Locale.ROOT).replace(":H", "").replace(":R", "");
        if (s.length() < 2) throw bad(symbol);
        char centring = s.charAt(0);
        String rest = s.substring(1);
        if (centring == 'R' || centring == 'H') return hR;
        char family;
        if (CUBIC.contains(rest)) family = 'c';
        else if (rest.startsWith("6") || rest.startsWith("-6") || rest.startsWith("3") || rest.startsWith("-3")) family = 'h';
        else if (rest.startsWith("4") || rest.startsWith("-4")) family = 't';
        else if (rest.equals("1") || rest.equals("-1")) family = 'a';
        else if (MONOCLINIC_SHORT.contains(rest) || rest.matches("1[^1].*1") || rest.matches("1[^1]*")) family = 'm';
        else family = 'o';
        return switch (family) {
            case 'a' -> aP;
            case 'm' -> centring == 'P' ? mP : mC;
            case 'o' -> switch (centring) { case 'P' -> oP; case 'C', 'A', 'B' -> oC; case 'I' -> oI; case 'F' -> oF; default -> throw bad(symbol); };
            case 't' -> centring == 'P' ? tP : tI;
            case 'h' -> hP;
            default -> switch (centring) { case 'P' -> cP; case 'I' -> cI; case 'F' -> cF; default -> throw bad(symbol); };
        };
    }

    private static IllegalArgumentException bad(String s) {
        return new IllegalArgumentException("cannot tell the Bravais lattice of space group '" + s + "'");
    }
}
