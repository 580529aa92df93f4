package org.mxflow.discovery;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Image files that belong together by name, as found on disk before any header is read.
 *
 * @param directory     the directory holding the files
 * @param prefix        the name used for working directories: the file name before {@code _<digits>}
 *                      (CBF) or before {@code _master.h5} (EIGER), kamo-conventions §1.5
 * @param format        CBF series or EIGER master
 * @param template      the file-name pattern with the frame digits as {@code ?}, as KAMO writes it
 *                      ({@code cry00_?????.cbf}, {@code x_??????.h5} for an EIGER master {@code x_master.h5})
 * @param frames        CBF: the frame numbers found, ascending, without duplicates; EIGER: empty
 * @param headerFile    the file whose header describes the series: the lowest CBF frame or the master
 * @param dataFiles     EIGER: the data files found beside the master, by name; CBF: empty
 * @param newestChange  the latest modification time of the files looked at (the last frames, or master and data files)
 */
public record ImageSeries(Path directory, String prefix, ImageFormat format, String template, int[] frames,
                          Path headerFile, List<Path> dataFiles, Instant newestChange) {
}
