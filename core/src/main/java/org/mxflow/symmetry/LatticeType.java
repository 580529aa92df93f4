package org.mxflow.symmetry;

/**
 * The 14 Bravais lattice types in the two-letter notation indexing programs use: crystal
 * family letter (a, m, o, t, h, c) and centring (P, C, I, F, R). Side-centred monoclinic and
 * orthorhombic lattices (A, B or C) are all "C"; trigonal P and hexagonal lattices are hP,
 * rhombohedral ones hR.
 */
public enum LatticeType {
    aP(CrystalSystem.TRICLINIC), mP(CrystalSystem.MONOCLINIC), mC(CrystalSystem.MONOCLINIC),
    oP(CrystalSystem.ORTHORHOMBIC), oC(CrystalSystem.ORTHORHOMBIC), oI(CrystalSystem.ORTHORHOMBIC), oF(CrystalSystem.ORTHORHOMBIC),
    tP(CrystalSystem.TETRAGONAL), tI(CrystalSystem.TETRAGONAL),
    hP(CrystalSystem.HEXAGONAL), hR(CrystalSystem.TRIGONAL),
    cP(CrystalSystem.CUBIC), cI(CrystalSystem.CUBIC), cF(CrystalSystem.CUBIC);

    private final CrystalSystem typicalSystem;

    LatticeType(CrystalSystem typicalSystem) {
        this.typicalSystem = typicalSystem;
    }

    /** The centring letter of the conventional cell: P, C, I, F or R. */
    public char centring() {
        return name().charAt(1);
    }

    /** The crystal system whose metric this lattice has (hP covers trigonal P groups too). */
    public CrystalSystem crystalSystem() {
        return typicalSystem;
    }

    /** The lattice of a crystal system and a centring letter (P, A, B, C, I, F, R, H). */
    public static LatticeType of(CrystalSystem system, char centring) {
        char c = Character.toUpperCase(centring);
        if (c == 'A' || c == 'B') {
            c = 'C';
        }
        String family = switch (system) {
            case TRICLINIC -> "a";
            case MONOCLINIC -> "m";
            case ORTHORHOMBIC -> "o";
            case TETRAGONAL -> "t";
            case TRIGONAL, HEXAGONAL -> "h";
            case CUBIC -> "c";
        };
        if (family.equals("h") && c == 'H') {
            c = 'R';
        }
        try {
            return valueOf(family + c);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("no " + system.label() + " lattice with centring " + centring);
        }
    }
}
