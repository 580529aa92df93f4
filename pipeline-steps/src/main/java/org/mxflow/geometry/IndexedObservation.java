package org.mxflow.geometry;

/** An observed spot (pixel x, y and frame coordinate z) with the Miller indices assigned to it. */
public record IndexedObservation(double xPx, double yPx, double zFrame, int h, int k, int l) {}
