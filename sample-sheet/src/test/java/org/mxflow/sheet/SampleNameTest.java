package org.mxflow.sheet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The documented sample-name rule: hostile names are refused by the sheet and defused as directory names. */
class SampleNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"../../etc", "a/b", "a\\b", "..", ".hidden", "-rf", "x;rm -rf ~", "$(reboot)", "`id`",
        "a|b", "a&b", "a>b", "a<b", "a*", "a?", "a\nb", "a\u0000b", "a\u001bb", "{a,b}", "a'b", "a\"b"})
    void hostileNamesAreRefusedByTheSheet(String name) {
        assertThat(SampleName.problem(name)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lys_multi", "complex 1", "Lys-A+B", "thermolysin@2.0", "蛋白質", "x=1,y=2", "50%:pH7"})
    void ordinaryNamesAreAccepted(String name) {
        assertThat(SampleName.problem(name)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "complex 1|complex_1",          // KAMO: spaces become _
        "a/b:c%d|a-b-c-d",              // KAMO: / : % become -
        "../../etc/passwd|_.-..-etc-passwd",
        "..|_.",
        "-rf|_rf",
        "$(reboot)|__reboot_",
        "蛋白質|___",
        "Lys_multi|Lys_multi"})
    void directoryNameFollowsKamoThenKeepsOnlySafeCharacters(String name, String expected) {
        assertThat(SampleName.directoryName(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "..", "/abs", "a/../../b", "~root", "-", ".", "a\u0000b", "\\..\\x"})
    void directoryNameNeverLeavesItsParent(String name) {
        Path parent = Path.of("/out/_kamoproc");
        String d = SampleName.directoryName(name);
        Path resolved = parent.resolve(d).normalize();
        assertThat(resolved.getParent()).isEqualTo(parent);
        assertThat(d).doesNotContain("/").doesNotStartWith("-").doesNotStartWith(".");
    }
}
