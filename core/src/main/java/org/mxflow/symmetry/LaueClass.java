package org.mxflow.symmetry;

/** The 11 Laue classes (centrosymmetric point groups), with their Hermann-Mauguin symbols. */
public enum LaueClass {
    BAR_1("-1"), TWO_OVER_M("2/m"), MMM("mmm"), FOUR_OVER_M("4/m"), FOUR_OVER_MMM("4/mmm"), BAR_3("-3"), BAR_3M("-3m"),
    SIX_OVER_M("6/m"), SIX_OVER_MMM("6/mmm"), M_BAR_3("m-3"), M_BAR_3M("m-3m");

    private final String symbol;

    LaueClass(String symbol) {
        this.symbol = symbol;
    }

    /** Hermann-Mauguin symbol, e.g. "4/mmm". */
    public String symbol() {
        return symbol;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
