package org.mxflow.discovery;

import java.util.List;
import org.mxflow.sheet.Pin;

/**
 * One pin as the sheet and the tree see it together.
 *
 * @param id         the pin directory name
 * @param sheetRow   the sample-sheet row, or null when the pin is not in the sheet (or there is no sheet)
 * @param directory  the raw-data directory, or null when the pin has none
 * @param datasets   rotation datasets found for it
 * @param comment    why there is no data, or that the pin is missing from the sheet; "" when all is normal
 */
public record PinReport(String id, Pin sheetRow, PinDirectory directory, List<Dataset> datasets, String comment) {

    public String sampleName() {
        return sheetRow == null ? "" : sheetRow.sampleName();
    }
}
