package org.mxflow.symmetry;

import org.mxflow.reflection.MillerIndex;

/**
 * A space group in one setting: its International Tables number, CCP4 number (number + 1000
 * for rhombohedral axes, as in CCP4's syminfo), Hermann-Mauguin symbol ("P 43 21 2"), setting
 * qualifier ("H" or "R" for R groups, "1"/"2" for origin choices, else ""), Hall symbol and the
 * operations generated from it. {@code basisOp} takes the reference (standard) setting to this
 * one; it is the identity except for rhombohedral axes.
 */
public record SpaceGroup(int number, int ccp4Number, String hermannMauguin, String setting, String hall,
                         GroupOperations operations, SymOp basisOp) {

    /** Extended H-M symbol with the setting, e.g. "R 3:H", "P n n n:1", "P 43 21 2". */
    public String xhm() {
        return setting.isEmpty() ? hermannMauguin : hermannMauguin + ":" + setting;
    }

    /** Compact symbol without spaces and without the 1s of monoclinic symbols: "P21", "C2", "P43212", "H3". */
    public String shortName() {
        String[] t = hermannMauguin.split(" ");
        if (t.length == 4 && t[1].equals("1") && t[3].equals("1")) {
            t = new String[] {t[0], t[2]};
        }
        String s = String.join("", t);
        return setting.equals("H") ? "H" + s.substring(1) : s;
    }

    /** The symbol CCP4 and MTZ files use: H-M, with H for R groups in hexagonal axes ("H 3 2"). */
    public String ccp4Symbol() {
        return setting.equals("H") ? "H" + hermannMauguin.substring(1) : hermannMauguin;
    }

    public PointGroup pointGroup() {
        return PointGroup.ofSpaceGroupNumber(number);
    }

    public LaueClass laueClass() {
        return pointGroup().laueClass();
    }

    public CrystalSystem crystalSystem() {
        return CrystalSystem.ofSpaceGroupNumber(number);
    }

    /** The centring letter of the symbol in this setting: P, A, B, C, I, F or R (R also for hexagonal axes). */
    public char centringLetter() {
        return hermannMauguin.charAt(0);
    }

    /** Bravais lattice type, e.g. mC for C 1 2 1, hR for R 3 in either axes. */
    public LatticeType latticeType() {
        return LatticeType.of(crystalSystem(), centringLetter());
    }

    /** True for the 65 Sohncke groups (proper rotations only): the only ones a protein crystal can have. */
    public boolean isSohncke() {
        for (SymOp op : operations.symOps()) {
            if (op.determinant() < 0) {
                return false;
            }
        }
        return true;
    }

    public boolean isCentrosymmetric() {
        return operations.isCentrosymmetric();
    }

    /** True in the setting the number alone means (what XDS, CCP4 and gemmi mean by the number). */
    public boolean isStandardSetting() {
        return basisOp.equals(SymOp.identity()) && ccp4Number == number;
    }

    public boolean isSystematicallyAbsent(MillerIndex hkl) {
        return operations.isSystematicallyAbsent(hkl);
    }

    public boolean isCentric(MillerIndex hkl) {
        return operations.isCentric(hkl);
    }

    /** Epsilon including centring (gemmi's epsilon_factor). */
    public int epsilon(MillerIndex hkl) {
        return operations.epsilon(hkl);
    }

    /** The reciprocal-space asymmetric unit (CCP4 convention) of this group. */
    public ReciprocalAsu reciprocalAsu() {
        return new ReciprocalAsu(this);
    }

    @Override
    public String toString() {
        return xhm() + " (" + number + ")";
    }
}
