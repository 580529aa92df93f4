package org.mxflow.discovery;

import java.nio.file.Path;
import java.util.List;

/**
 * What the raw-data tree holds, by name only (no image header read yet).
 *
 * @param root     the beamtime root directory
 * @param pins     the {@code <Puck>-<Pin>} directories, by name
 * @param notes    things found that are not part of the layout (shown to the user, not fatal)
 */
public record RawTree(Path root, List<PinDirectory> pins, List<String> notes) {
}
