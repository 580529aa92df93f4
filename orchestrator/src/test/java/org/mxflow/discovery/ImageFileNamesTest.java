package org.mxflow.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** File names of kamo-conventions §1.4 and §1.5 (templates, prefixes, compressed variants). */
class ImageFileNamesTest {

    @Test
    void cbfNamesSplitIntoPrefixFrameWidthAndCompression() {
        ImageFileNames.CbfName n = ImageFileNames.cbf("CPS1012-06-single_001_00360.cbf");
        assertThat(n.prefix()).isEqualTo("CPS1012-06-single_001");
        assertThat(n.frame()).isEqualTo(360);
        assertThat(n.digits()).isEqualTo(5);
        assertThat(n.template()).isEqualTo("CPS1012-06-single_001_?????.cbf");
        assertThat(ImageFileNames.cbf("cry00_03600.cbf.bz2").template()).isEqualTo("cry00_?????.cbf.bz2");
        assertThat(ImageFileNames.cbf("thau_3_2_0001.cbf.gz").prefix()).isEqualTo("thau_3_2");
        // no underscore: the prefix is everything before the digits (KAMO cuts at the first '?')
        assertThat(ImageFileNames.cbf("image0042.cbf").prefix()).isEqualTo("image");
    }

    @Test
    void namesThatAreNotFramesAreRefused() {
        assertThat(ImageFileNames.cbf("cry00_.cbf")).isNull();
        assertThat(ImageFileNames.cbf("cry00_00001.cbf.tmp")).isNull();
        assertThat(ImageFileNames.cbf("cry00_00001.img")).isNull();
        assertThat(ImageFileNames.cbf("cry00_123456789.cbf")).isNull();     // wider than 8 digits
        assertThat(ImageFileNames.cbf(".cbf")).isNull();
    }

    @Test
    void eigerNamesGiveKamosTemplate() {
        assertThat(ImageFileNames.eigerMasterPrefix("HEL0002-002-helical_master.h5")).isEqualTo("HEL0002-002-helical");
        assertThat(ImageFileNames.eigerTemplate("HEL0002-002-helical")).isEqualTo("HEL0002-002-helical_??????.h5");
        assertThat(ImageFileNames.eigerDataPrefix("x_data_000012.h5")).isEqualTo("x");
        assertThat(ImageFileNames.eigerDataPrefix("x_data_12.h5")).isNull();
    }
}
