package org.mxflow.reflection;

/** Miller indices (h, k, l) of one reflection. */
public record MillerIndex(int h, int k, int l) implements Comparable<MillerIndex> {

    public MillerIndex negate() {
        return new MillerIndex(-h, -k, -l);
    }

    public boolean isOrigin() {
        return h == 0 && k == 0 && l == 0;
    }

    @Override
    public int compareTo(MillerIndex o) {
        if (h != o.h) return Integer.compare(h, o.h);
        if (k != o.k) return Integer.compare(k, o.k);
        return Integer.compare(l, o.l);
    }

    @Override
    public String toString() {
        return "(" + h + " " + k + " " + l + ")";
    }
}
