package org.mxflow.discovery;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code <Puck>-<Pin>} directory of the raw-data tree and what ZOO left in it.
 *
 * @param id          the directory name, e.g. "CPS1012-06"
 * @param directory   its path
 * @param loopImages  loop-centring snapshots ({@code *.ppm}, {@code raster.jpg}, ...), by file name
 * @param scans       raster-scan directories ({@code scanNN/2d}, {@code lvCC_RR}, {@code rvCC_RR})
 * @param dataDirectories the {@code dataNN} directories, relative to the pin directory
 * @param series      image series found in the data directories
 */
public record PinDirectory(String id, Path directory, List<String> loopImages, List<RasterScan> scans,
                           List<String> dataDirectories, List<ImageSeries> series) {
}
