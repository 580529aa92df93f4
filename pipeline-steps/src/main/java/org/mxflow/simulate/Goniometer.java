package org.mxflow.simulate;

/**
 * A single-axis goniometer. The rotation axis is +x (horizontal, perpendicular to the beam), as
 * on PILATUS/XDS setups and in DIALS's model of a miniCBF: a crystal vector r at angle φ is
 * R(axis, φ) r with a right-handed rotation.
 *
 * @param axis unit rotation axis in the laboratory frame
 */
public record Goniometer(Vector3 axis) {

    public static Goniometer standard() {
        return new Goniometer(new Vector3(1, 0, 0));
    }
}
