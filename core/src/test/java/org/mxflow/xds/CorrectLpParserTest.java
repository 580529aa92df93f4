package org.mxflow.xds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mxflow.stats.DatasetStatistics;
import org.mxflow.stats.ShellStatistics;

/**
 * Reads the real CORRECT.LP in ../shared/data/real/xds (XDS build of Jan 31, 2020; C2 lysozyme-size
 * cell, 3600 PILATUS 2M images). Every expected number is copied from that file; the comment
 * gives its line number (1-based).
 */
class CorrectLpParserTest {

    static Path realFile;
    static CorrectLp lp;

    @BeforeAll
    static void parseRealFile() throws IOException {
        realFile = Path.of(System.getProperty("mxflow.shared", "../../shared"), "data/real/xds/CORRECT.LP");
        lp = CorrectLpParser.parse(realFile);
    }

    @Test
    void headerValuesOfTheRealFile() {
        assertThat(lp.xdsVersion()).isEqualTo("Jan 31, 2020  BUILT=20200131");       // line 2
        assertThat(lp.wavelengthA()).isEqualTo(0.918400);                             // line 17
        assertThat(lp.oscillationDeg()).isEqualTo(0.1);                               // line 15
        assertThat(lp.firstImage()).isEqualTo(1);                                     // line 13
        assertThat(lp.lastImage()).isEqualTo(3600);
    }

    @Test
    void selectedSpaceGroupAndCellAreTheLastOnesWritten() {
        // lines 284-285: "THE DATA COLLECTION STATISTICS REPORTED BELOW ASSUMES:"
        assertThat(lp.spaceGroupNumber()).isEqualTo(5);
        assertThat(lp.cell().a()).isEqualTo(88.68);
        assertThat(lp.cell().b()).isEqualTo(82.26);
        assertThat(lp.cell().c()).isEqualTo(93.70);
        assertThat(lp.cell().alpha()).isEqualTo(90.0);
        assertThat(lp.cell().beta()).isEqualTo(108.650);
        assertThat(lp.cell().gamma()).isEqualTo(90.0);
    }

    @Test
    void refinedParametersOfTheRealFile() {
        RefinedParameters r = lp.refined();
        assertThat(r.indexedSpots()).isEqualTo(139868);                                          // line 262
        assertThat(r.refinedParameters()).containsExactly("AXIS", "BEAM", "ORIENTATION", "CELL", "POSITION"); // 263
        assertThat(r.spotPositionSdPx()).isEqualTo(0.28);                                        // line 264
        assertThat(r.spindlePositionSdDeg()).isEqualTo(0.12);                                    // line 265
        assertThat(r.spaceGroupNumber()).isEqualTo(5);                                           // line 266
        assertThat(r.cell().a()).isEqualTo(88.684);                                              // line 267
        assertThat(r.cell().b()).isEqualTo(82.265);
        assertThat(r.cell().c()).isEqualTo(93.702);
        assertThat(r.cell().beta()).isEqualTo(108.650);
        assertThat(r.cellEsd().a()).isEqualTo(0.19);                                             // line 268
        assertThat(r.cellEsd().b()).isEqualTo(0.15);
        assertThat(r.cellEsd().c()).isEqualTo(0.18);
        assertThat(r.cellEsd().alpha()).isEqualTo(0.0);
        assertThat(r.cellEsd().beta()).isEqualTo(0.01);
        assertThat(r.mosaicityDeg()).isEqualTo(0.097);                                           // line 273
        assertThat(r.directBeamXPx()).isEqualTo(747.40);                                         // line 276
        assertThat(r.directBeamYPx()).isEqualTo(830.79);
        assertThat(r.originXPx()).isEqualTo(738.75);                                             // line 277
        assertThat(r.originYPx()).isEqualTo(831.37);
        assertThat(r.distanceMm()).isEqualTo(159.49);                                            // line 278
    }

    @Test
    void errorModelAndIsaOfTheRealFile() {
        // line 400: " 8.159E-01  1.371E-03   29.90"
        assertThat(lp.errorModel().a()).isEqualTo(0.8159);
        assertThat(lp.errorModel().b()).isEqualTo(0.001371);
        assertThat(lp.errorModel().isa()).isEqualTo(29.90);
        assertThat(lp.errorModel().fitFailed()).isFalse();
        // ISa = 1/sqrt(a*b) (Diederichs 2010): 1/sqrt(0.8159*0.001371) = 29.92, XDS prints 29.90
        // from unrounded a and b.
        assertThat(lp.errorModel().isaFromAB()).isCloseTo(29.90, within(0.05));
    }

    @Test
    void finalStatisticsTableIsTheSavedDataSetOne() {
        var stats = lp.statistics();
        assertThat(stats.shells()).hasSize(9);                                        // lines 1176-1184
        ShellStatistics first = stats.shells().get(0);
        // line 1176: "5.04  20207  2756  2775  99.3%  2.6%  2.5%  20206  71.42  2.8%  100.0*  -1  0.829  2480"
        assertThat(first.dMinA()).isEqualTo(5.04);
        assertThat(first.observed()).isEqualTo(20207);
        assertThat(first.unique()).isEqualTo(2756);
        assertThat(first.possible()).isEqualTo(2775);
        assertThat(first.completenessPct()).isEqualTo(99.3);
        assertThat(first.rObservedPct()).isEqualTo(2.6);
        assertThat(first.rExpectedPct()).isEqualTo(2.5);
        assertThat(first.compared()).isEqualTo(20206);
        assertThat(first.iOverSigma()).isEqualTo(71.42);
        assertThat(first.rMeasPct()).isEqualTo(2.8);
        assertThat(first.ccHalfPct()).isEqualTo(100.0);
        assertThat(first.ccHalfSignificant()).isTrue();
        assertThat(first.anomalousCorrPct()).isEqualTo(-1);
        assertThat(first.anomalousCorrSignificant()).isFalse();
        assertThat(first.sigAno()).isEqualTo(0.829);
        assertThat(first.anomalousPairs()).isEqualTo(2480);
        // line 1184: "1.69  80273  11431  11507  99.3%  373.0%  401.5%  80226  0.52  402.7%  23.5*  0  0.584  10767"
        ShellStatistics outer = stats.outerShell();
        assertThat(outer.dMinA()).isEqualTo(1.69);
        assertThat(outer.rObservedPct()).isEqualTo(373.0);
        assertThat(outer.rExpectedPct()).isEqualTo(401.5);
        assertThat(outer.iOverSigma()).isEqualTo(0.52);
        assertThat(outer.rMeasPct()).isEqualTo(402.7);
        assertThat(outer.ccHalfPct()).isEqualTo(23.5);
        assertThat(outer.ccHalfSignificant()).isTrue();
        assertThat(outer.anomalousPairs()).isEqualTo(10767);
        // line 1185: "total  489902  71323  71486  99.8%  4.8%  4.8%  489807  16.42  5.1%  100.0*  1  0.730  67122"
        ShellStatistics total = stats.total();
        assertThat(total.dMinA()).isEqualTo(1.69);
        assertThat(total.observed()).isEqualTo(489902);
        assertThat(total.unique()).isEqualTo(71323);
        assertThat(total.possible()).isEqualTo(71486);
        assertThat(total.completenessPct()).isEqualTo(99.8);
        assertThat(total.iOverSigma()).isEqualTo(16.42);
        assertThat(total.rMeasPct()).isEqualTo(5.1);
        assertThat(total.ccHalfPct()).isEqualTo(100.0);
        assertThat(total.anomalousCorrPct()).isEqualTo(1);
        assertThat(total.sigAno()).isEqualTo(0.730);
        assertThat(total.anomalousPairs()).isEqualTo(67122);
        // multiplicity 489902 / 71323 = 6.869
        assertThat(total.multiplicity()).isCloseTo(6.869, within(0.001));
        // the low-resolution edge comes from the standard-error table (line 426: 44.632)
        assertThat(stats.dMaxA()).isEqualTo(44.632);
    }

    @Test
    void shellCountsAddUpToTheTotalRowAsXdsPrintsThem() {
        var stats = lp.statistics();
        assertThat(stats.shells().stream().mapToLong(ShellStatistics::observed).sum()).isEqualTo(stats.total().observed());
        assertThat(stats.shells().stream().mapToLong(ShellStatistics::unique).sum()).isEqualTo(stats.total().unique());
        assertThat(stats.shells().stream().mapToLong(ShellStatistics::possible).sum()).isEqualTo(stats.total().possible());
    }

    @Test
    void standardErrorTableAndKamoResolutionEstimate() {
        assertThat(lp.errorTable()).hasSize(100);                                 // lines 426-525
        ErrorModelShell first = lp.errorTable().get(0);
        // line 426: "44.632  15.811  23.35  1.53  2.83  2.33  274  275  240"
        assertThat(first.dMaxA()).isEqualTo(44.632);
        assertThat(first.dMinA()).isEqualTo(15.811);
        assertThat(first.iOverSigma()).isEqualTo(23.35);
        assertThat(first.chiSquared()).isEqualTo(1.53);
        assertThat(first.rObservedPct()).isEqualTo(2.83);
        assertThat(first.rExpectedPct()).isEqualTo(2.33);
        assertThat(first.compared()).isEqualTo(274);
        assertThat(first.accepted()).isEqualTo(275);
        assertThat(first.rejected()).isEqualTo(240);
        // line 527, the all-data row: "44.632  1.690  6.28  0.97  4.75  4.82  489925  490020  4275"
        assertThat(lp.errorTableAllData().iOverSigma()).isEqualTo(6.28);
        assertThat(lp.errorTableAllData().rejected()).isEqualTo(4275);
        // KAMO's rule: the first shell with I/sigma <= 1 is line 498 (1.991-1.977, 0.92); the
        // estimate is the next shell's d_min, line 499: 1.964.
        assertThat(lp.kamoResolutionEstimateA()).isEqualTo(1.964);
    }

    @Test
    void imageRangeSubsetsShowCompletenessGrowingWithImages() {
        assertThat(lp.imageRanges()).extracting(ImageRangeStatistics::lastImage)
                .containsExactly(401, 801, 1201, 1601, 2000, 2400, 2800, 3200);             // lines 545 ... 972
        ImageRangeStatistics firstRange = lp.imageRanges().get(0);
        assertThat(firstRange.firstImage()).isEqualTo(1);
        // line 594: "total  54356  35154  71486  49.2%  3.2%  3.3%  34026  8.61  4.3%  99.9*  -3  0.760  751"
        assertThat(firstRange.statistics().total().observed()).isEqualTo(54356);
        assertThat(firstRange.statistics().total().completenessPct()).isEqualTo(49.2);
        assertThat(firstRange.statistics().total().ccHalfPct()).isEqualTo(99.9);
        assertThat(firstRange.statistics().total().anomalousCorrPct()).isEqualTo(-3);
        // line 1021: 1-3200 total completeness 99.7%
        assertThat(lp.imageRanges().get(7).statistics().total().completenessPct()).isEqualTo(99.7);
    }

    @Test
    void wilsonLineAndCorrectionFits() {
        // line 1208: "WILSON LINE (using all data) : A=   7.997 B=  47.824 CORRELATION=  1.00"
        assertThat(lp.wilson().a()).isEqualTo(7.997);
        assertThat(lp.wilson().bA2()).isEqualTo(47.824);
        assertThat(lp.wilson().correlation()).isEqualTo(1.00);
        // lines 327-385: DECAY, MODPIX and ABSORP fits
        assertThat(lp.correctionFactors()).extracting(CorrectionFactorFit::viewerFile)
                .containsExactly("DECAY.cbf", "MODPIX.cbf", "ABSORP.cbf");
        assertThat(lp.correctionFactors()).extracting(CorrectionFactorFit::factorCount).containsExactly(1440, 7396, 936);
        assertThat(lp.correctionFactors()).extracting(CorrectionFactorFit::chiSquared).containsExactly(0.829, 0.806, 0.793);
        assertThat(lp.correctionFactors().get(0).title()).isEqualTo("CORRECTION FACTORS AS FUNCTION OF IMAGE NUMBER & RESOLUTION");
        assertThat(lp.correctionFactors().get(0).reflectionsUsed()).isEqualTo(367150);
    }

    @Test
    void datasetSummaryCombinesRefinedCellMosaicityWilsonAndIsa() {
        DatasetStatistics s = lp.datasetStatistics();
        assertThat(s.spaceGroupNumber()).isEqualTo(5);
        assertThat(s.cell().a()).isEqualTo(88.684);
        assertThat(s.mosaicityDeg()).isEqualTo(0.097);
        assertThat(s.wilsonBA2()).isEqualTo(47.824);
        assertThat(s.errorModel().isa()).isEqualTo(29.90);
        assertThat(s.dMinA()).isEqualTo(1.69);
    }

    @Test
    void aTruncatedTableIsReportedWithFileAndLine(@org.junit.jupiter.api.io.TempDir Path tmp) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(realFile, StandardCharsets.ISO_8859_1));
        List<String> cut = new ArrayList<>(lines.subList(0, 1180));   // the final table stops after 4 shells
        Path file = tmp.resolve("CORRECT.LP");
        Files.write(file, cut);
        assertThatThrownBy(() -> CorrectLpParser.parse(file))
                .isInstanceOf(XdsLogFormatException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 1172")
                .hasMessageContaining("without a 'total' row");
    }

    @Test
    void aGarbledNumberIsReportedWithItsLineAndColumnName() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(realFile, StandardCharsets.ISO_8859_1));
        // line 1176 with the I/sigma field replaced by letters
        String row = lines.get(1175);
        lines.set(1175, row.substring(0, 81) + "   xx.xx" + row.substring(89));
        assertThatThrownBy(() -> CorrectLpParser.parse("test/CORRECT.LP", lines))
                .isInstanceOf(XdsLogFormatException.class)
                .hasMessageContaining("test/CORRECT.LP line 1176")
                .hasMessageContaining("I/sigma 'xx.xx' is not a number");
    }

    @Test
    void aFileThatIsNotCorrectLpIsRefused() {
        assertThatThrownBy(() -> CorrectLpParser.parse("XDS.INP", List.of(" JOB= XYCORR INIT", " DATA_RANGE= 1 10")))
                .isInstanceOf(XdsLogFormatException.class)
                .hasMessageContaining("XDS.INP")
                .hasMessageContaining("not a CORRECT.LP");
    }
}
