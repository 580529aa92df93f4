package org.mxflow.sheet;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The columns mxflow understands and the header names each goes by.
 *
 * <p>Headers are compared after {@link #compact}: lower case, units in brackets dropped, and only
 * letters, digits and {@code #} kept, so "Wavelength [Å]", "wavelength" and "WAVE_LENGTH" agree
 * and "Total osc\n/ Crystal" equals "total_osc_crystal". Aliases cover ZOO's CSV
 * ({@code puckid,pinid,sample_name,mode,wavelength,total_osc,osc_width,exp_ds,maxhits}), ZOO's
 * Excel template ("PuckID", "PinID", "SampleName", "Mode", "HA", "Wavelength [Å]",
 * "Resolution limit [Å]", "# of crystals / Loop", "Total osc / Crystal", "Osc. Width") and KAMO's
 * {@code auto_multi_merge} CSV ({@code topdir,name,anomalous,reference,space_group,unit_cell} or
 * {@code root_dir,uname,puck,pin,name}).
 */
public enum SheetColumn {
    PUCK("puckid", "puck", "puckname"),
    PIN("pinid", "pin", "pinno", "pinnumber", "pinposition"),
    /** KAMO's ZOO-style merge CSV: the directory is {@code <uname>-<puck>-<pin>}. */
    USER_NAME("uname"),
    /** KAMO's generic merge CSV: the pin directory itself. */
    TOP_DIR("topdir"),
    SAMPLE_NAME("samplename", "sample", "name"),
    MODE("mode"),
    WAVELENGTH("wavelength", "wavelengtha", "lambda"),
    TOTAL_OSC("totalosc", "totalosccrystal", "totalphi", "totaloscillation"),
    OSC_WIDTH("oscwidth", "oscillationwidth", "oscstep", "deltaphi"),
    EXPOSURE("expds", "exposure", "exposuretime", "exptime"),
    CRYSTALS("maxhits", "#ofcrystalsloop", "#ofcrystals", "ncrystals", "numberofcrystals"),
    RESOLUTION("resolutionlimit", "resolution", "dmin", "requestedresolution"),
    SPACE_GROUP("spacegroup", "sg"),
    UNIT_CELL("unitcell", "cell"),
    ANOMALOUS("anomalous", "anomalousflag", "ha", "anom"),
    REFERENCE("reference");

    private final List<String> aliases;

    SheetColumn(String... aliases) {
        this.aliases = List.of(aliases);
    }

    public List<String> aliases() {
        return aliases;
    }

    /** The column a header cell names, if any. */
    public static Optional<SheetColumn> forHeader(String header) {
        String key = compact(header);
        for (SheetColumn c : values()) {
            if (c.aliases.contains(key)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Lower case, bracketed units removed, only [a-z0-9#] kept. */
    static String compact(String header) {
        String s = header.toLowerCase(Locale.ROOT).replaceAll("\\[[^\\]]*\\]|\\([^)]*\\)", "");
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '#') {
                b.append(c);
            }
        }
        return b.toString();
    }
}
