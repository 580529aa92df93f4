package org.mxflow.discovery;

import java.nio.file.Path;
import java.util.List;
import org.mxflow.sheet.SampleSheet;

/**
 * Everything discovery found: pins from the sheet and the tree, their datasets, and notes.
 *
 * @param root     the raw-data root
 * @param sheet    the sample sheet, or null when none was given
 * @param pins     every pin of the sheet and every pin directory, sheet order first
 * @param notes    layout oddities and unreadable files, not fatal
 */
public record BeamtimeSurvey(Path root, SampleSheet sheet, List<PinReport> pins, List<String> notes) {

    public List<Dataset> datasets() {
        return pins.stream().flatMap(p -> p.datasets().stream()).toList();
    }
}
