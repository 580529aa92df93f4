/**
 * Strong-spot finding (XDS COLSPOT / DIALS {@code find_spots}, dispersion algorithm) and
 * raster-scan hit finding (SHIKA).
 *
 * <ul>
 *   <li>{@link org.mxflow.spots.DispersionSpotFinder}: frame in, spots out; strong pixels from a
 *       {@link org.mxflow.spots.SpotFinderBackend} ({@link org.mxflow.spots.DispersionThreshold}
 *       on the CPU; a GPU backend must return identical {@link org.mxflow.spots.StrongPixels}).</li>
 *   <li>{@link org.mxflow.spots.ConnectedComponents}: 4-connected labelling per frame, joined
 *       across consecutive frames for rotation data.</li>
 *   <li>{@link org.mxflow.spots.ParallelSpotFinding}: many frames on N threads.</li>
 *   <li>{@link org.mxflow.spots.SweepSpotFinding}: the engine step, SPOT.XDS + spots.tsv.</li>
 *   <li>{@link org.mxflow.spots.HitFinding}: the raster-scan step behind {@code mxflow hitmap}.</li>
 * </ul>
 *
 * <p>Conventions: x, y in pixels from the corner of the first pixel (pixel centres at +0.5),
 * z in frames with frame n spanning [n−1, n] (DIALS xyzobs.px and SPOT.XDS); resolution from a
 * flat detector normal to the beam. With {@link org.mxflow.spots.SpotFinderSettings#dialsDefaults()}
 * the strong pixels and spots equal those of {@code dials.find_spots threshold.algorithm=dispersion}
 * on the real thaumatin frames.
 */
package org.mxflow.spots;
