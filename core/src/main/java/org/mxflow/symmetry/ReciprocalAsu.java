package org.mxflow.symmetry;

import java.util.List;
import org.mxflow.reflection.MillerIndex;

/**
 * The reciprocal-space asymmetric unit as CCP4 defines it (and gemmi's ReciprocalAsu), one
 * region per Laue class, with the two -3m regions for 312- and 321-type groups:
 *
 * <pre>
 *  -1          l>0 or (l=0 and (h>0 or (h=0 and k>=0)))
 *  2/m         k>=0 and (l>0 or (l=0 and h>=0))
 *  mmm         h>=0 and k>=0 and l>=0
 *  4/m 6/m     l>=0 and ((h>=0 and k>0) or (h=0 and k=0))
 *  4/mmm 6/mmm h>=k and k>=0 and l>=0
 *  -3          (h>=0 and k>0) or (h=0 and k=0 and l>=0)
 *  -3m (312)   h>=k and k>=0 and (k>0 or l>=0)
 *  -3m (321)   h>=k and k>=0 and (h>k or l>=0)
 *  m-3         h>=0 and ((l>=h and k>h) or (l=h and k=h))
 *  m-3m        k>=l and l>=h and h>=0
 * </pre>
 * Non-standard settings (rhombohedral axes) are tested in the reference setting via the basis op.
 */
public final class ReciprocalAsu {

    private enum Region {
        BAR_1("l>0 or (l=0 and (h>0 or (h=0 and k>=0)))"),
        TWO_OVER_M("k>=0 and (l>0 or (l=0 and h>=0))"),
        MMM("h>=0 and k>=0 and l>=0"),
        FOUR_OVER_M("l>=0 and ((h>=0 and k>0) or (h=0 and k=0))"),
        FOUR_OVER_MMM("h>=k and k>=0 and l>=0"),
        BAR_3("(h>=0 and k>0) or (h=0 and k=0 and l>=0)"),
        BAR_3_1M("h>=k and k>=0 and (k>0 or l>=0)"),
        BAR_3M_1("h>=k and k>=0 and (h>k or l>=0)"),
        M_BAR_3("h>=0 and ((l>=h and k>h) or (l=h and k=h))"),
        M_BAR_3M("k>=l and l>=h and h>=0");

        final String condition;

        Region(String condition) {
            this.condition = condition;
        }
    }

    private final Region region;
    private final List<SymOp> symOps;
    private final SymOp basisOp;
    private final boolean reference;

    public ReciprocalAsu(SpaceGroup sg) {
        this.region = regionOf(sg);
        this.symOps = sg.operations().symOps();
        this.basisOp = sg.basisOp();
        this.reference = sg.basisOp().equals(SymOp.identity());
    }

    private static Region regionOf(SpaceGroup sg) {
        return switch (sg.laueClass()) {
            case BAR_1 -> Region.BAR_1;
            case TWO_OVER_M -> Region.TWO_OVER_M;
            case MMM -> Region.MMM;
            case FOUR_OVER_M, SIX_OVER_M -> Region.FOUR_OVER_M;
            case FOUR_OVER_MMM, SIX_OVER_MMM -> Region.FOUR_OVER_MMM;
            case BAR_3 -> Region.BAR_3;
            // P 3 1 2, P 31 1 2, P 3 1 m, P -3 1 c ...: the 2-folds (or mirror normals) lie along a, b
            case BAR_3M -> is312Type(sg.hermannMauguin()) ? Region.BAR_3_1M : Region.BAR_3M_1;
            case M_BAR_3 -> Region.M_BAR_3;
            case M_BAR_3M -> Region.M_BAR_3M;
        };
    }

    private static boolean is312Type(String hm) {
        String[] t = hm.split(" ");
        return t.length == 4 && t[2].equals("1");
    }

    /** The region's condition in the reference setting, e.g. "h>=0 and k>=0 and l>=0". */
    public String condition() {
        return region.condition;
    }

    public boolean isInAsu(MillerIndex hkl) {
        if (reference) {
            return isInReference(hkl.h(), hkl.k(), hkl.l());
        }
        MillerIndex r = basisOp.applyToHkl(hkl);
        return isInReference(r.h(), r.k(), r.l());
    }

    private boolean isInReference(int h, int k, int l) {
        return switch (region) {
            case BAR_1 -> l > 0 || (l == 0 && (h > 0 || (h == 0 && k >= 0)));
            case TWO_OVER_M -> k >= 0 && (l > 0 || (l == 0 && h >= 0));
            case MMM -> h >= 0 && k >= 0 && l >= 0;
            case FOUR_OVER_M -> l >= 0 && ((h >= 0 && k > 0) || (h == 0 && k == 0));
            case FOUR_OVER_MMM -> h >= k && k >= 0 && l >= 0;
            case BAR_3 -> (h >= 0 && k > 0) || (h == 0 && k == 0 && l >= 0);
            case BAR_3_1M -> h >= k && k >= 0 && (k > 0 || l >= 0);
            case BAR_3M_1 -> h >= k && k >= 0 && (h > k || l >= 0);
            case M_BAR_3 -> h >= 0 && ((l >= h && k > h) || (l == h && k == h));
            case M_BAR_3M -> k >= l && l >= h && h >= 0;
        };
    }

    /**
     * Maps hkl to its ASU representative: the first operation n (in symOps order) for which
     * hkl·R_n, or its Friedel mate -hkl·R_n, lies in the ASU.
     */
    public AsuIndex toAsu(MillerIndex hkl) {
        for (int n = 0; n < symOps.size(); n++) {
            MillerIndex e = symOps.get(n).applyToHkl(hkl);
            if (isInAsu(e)) {
                return new AsuIndex(e, n, false);
            }
            MillerIndex f = e.negate();
            if (isInAsu(f)) {
                return new AsuIndex(f, n, true);
            }
        }
        throw new IllegalStateException("no symmetry mate of " + hkl + " lies in the ASU " + region.condition);
    }
}
