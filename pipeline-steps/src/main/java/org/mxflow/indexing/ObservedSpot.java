package org.mxflow.indexing;

/** One strong spot: centroid in detector pixels and frame coordinate z (SPOT.XDS convention). */
public record ObservedSpot(double xPx, double yPx, double zFrame) {}
