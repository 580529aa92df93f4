package org.mxflow.discovery;

import java.nio.file.Path;
import java.util.List;
import org.mxflow.image.ImageHeader;
import org.mxflow.sheet.Mode;

/**
 * One rotation dataset found in the raw-data tree: KAMO's {@code (template, first, last)} plus
 * what mxflow knows about it (kamo-conventions §1.5).
 *
 * @param pinId              the pin directory name
 * @param relativeDirectory  the image directory relative to the root, '/'-separated ("CPS1012-06/data00")
 * @param directory          the image directory
 * @param prefix             the working-directory prefix ({@code cry00}, {@code CPS1012-06-multi_001})
 * @param format             CBF series or EIGER master
 * @param template           the file-name template with '?' for frame digits
 * @param frames             the frame range to process: expected range when known, else the range found
 * @param present            runs of frames on disk (CBF) or in resolvable data files (EIGER), within {@code frames}
 * @param missing            runs of {@code frames} not on disk
 * @param mode               collection mode from the file names, else from the sheet; null when neither says
 * @param oscWidthDeg        rotation per frame from the header, else the sheet; NaN when unknown
 * @param header             the first frame's (or master's) header; null when it could not be read
 * @param status             complete, collecting or stalled
 * @param note               what a scientist should know (unreadable header, ...), or ""
 */
public record Dataset(
        String pinId,
        String relativeDirectory,
        Path directory,
        String prefix,
        ImageFormat format,
        String template,
        FrameRange frames,
        List<FrameRange> present,
        List<FrameRange> missing,
        Mode mode,
        double oscWidthDeg,
        ImageHeader header,
        DatasetStatus status,
        String note) {

    /** The template as a path: what XDS's NAME_TEMPLATE_OF_DATA_FRAMES gets. */
    public Path templatePath() {
        return directory.resolve(template);
    }

    public int presentCount() {
        return FrameRange.count(present);
    }
}
