package org.mxflow.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mxflow.xds.CorrectLp;
import org.mxflow.xds.CorrectLpParser;

class CorrectLpTableTest {

    @Test
    void realCorrectLpTableIsReproducedCharacterForCharacter() throws Exception {
        // ../shared/data/real/xds/CORRECT.LP (XDS Jan 31, 2020): its final statistics table, parsed by
        // CorrectLpParser and formatted again, gives XDS's own lines
        Path file = Path.of(System.getProperty("mxflow.shared", "../shared"), "data/real/xds/CORRECT.LP");
        CorrectLp lp = CorrectLpParser.parse(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        int title = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("SUBSET OF INTENSITY DATA WITH SIGNAL/NOISE >= -3.0")) {
                title = i;
            }
        }
        List<String> ours = CorrectLpTable.format(lp.statistics());
        for (int i = 0; i < ours.size(); i++) {
            assertThat(ours.get(i).stripTrailing()).as("line %d", i).isEqualTo(lines.get(title + i).stripTrailing());
        }
    }
}
