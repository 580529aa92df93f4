package org.mxflow.geometry;

import org.mxflow.cell.UnitCell;

/**
 * A crystal's orientation and cell as one matrix A = U·B (Å⁻¹): its columns are the reciprocal
 * basis vectors a*, b*, c* in the laboratory frame at φ = 0, so that the reciprocal-lattice
 * vector of reflection h is r₀ = A·h. B = O⁻ᵀ where O is {@link UnitCell#orthogonalization()}
 * (PDB convention: a along x, b in the xy plane), and U is a proper rotation.
 */
public record CrystalModel(Mat3 a) {

    public static CrystalModel of(UnitCell cell, Mat3 u) {
        return new CrystalModel(u.times(bMatrix(cell)));
    }

    /** The crystal whose real-space basis vectors a, b, c (lab frame, Å) are the given vectors. */
    public static CrystalModel ofRealBasis(Vec3 a, Vec3 b, Vec3 c) {
        return new CrystalModel(Mat3.ofColumns(a, b, c).inverse().transpose());
    }

    /** B = O⁻ᵀ: columns are a*, b*, c* in the cell's own Cartesian frame. */
    public static Mat3 bMatrix(UnitCell cell) {
        return new Mat3(cell.orthogonalization()).inverse().transpose();
    }

    /** Real-space basis as the columns of A⁻ᵀ (lab frame, Å). */
    public Mat3 realBasis() { return a.inverse().transpose(); }

    public Vec3 realA() { return realBasis().column(0); }

    public Vec3 realB() { return realBasis().column(1); }

    public Vec3 realC() { return realBasis().column(2); }

    public UnitCell unitCell() {
        Mat3 r = realBasis();
        Vec3 va = r.column(0), vb = r.column(1), vc = r.column(2);
        return new UnitCell(va.length(), vb.length(), vc.length(), vb.angleDeg(vc), va.angleDeg(vc), va.angleDeg(vb));
    }

    /** The orientation U = A·B⁻¹ (a rotation when the basis is right-handed). */
    public Mat3 u() { return a.times(bMatrix(unitCell()).inverse()); }

    /** r₀ = A·h (Å⁻¹). */
    public Vec3 reciprocalVector(int h, int k, int l) { return a.times(h, k, l); }

    /**
     * The same lattice in a new basis: the new real-space basis vectors are the rows of M
     * applied to the old ones (a' = M₀₀a + M₀₁b + M₀₂c, ...), so indices transform as h' = M·h
     * and A' = A·M⁻¹.
     */
    public CrystalModel transformed(Mat3 m) { return new CrystalModel(a.times(m.inverse())); }

    /** The crystal rotated by R in the laboratory frame. */
    public CrystalModel rotated(Mat3 r) { return new CrystalModel(r.times(a)); }
}
