package org.mxflow.discovery;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.links.ExternalLink;
import java.io.IOException;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mxflow.image.CbfReader;
import org.mxflow.image.EigerImageSource;
import org.mxflow.image.ImageFormatException;
import org.mxflow.image.ImageHeader;

/**
 * Reads headers from the files themselves, through the images module ({@link CbfReader},
 * {@link EigerImageSource}), plus the trigger count and data links of an EIGER master (jhdf).
 * Pixels are never decoded here.
 */
public final class FileHeaders implements DatasetHeaders {

    /** The images module's CBF header reader: text only, decompressing no further than the data marker. */
    @Override
    public ImageHeader cbf(Path frame) throws IOException {
        return CbfReader.readHeader(frame).image();
    }

    @Override
    public EigerMaster eiger(Path master) throws IOException {
        // Geometry from the images module; triggers and data links (which it does not expose) read here.
        ImageHeader header = EigerImageSource.readHeader(master);
        try (HdfFile hdf = new HdfFile(master)) {
            String det = "/entry/instrument/detector/";
            int nimages = (int) number(hdf, det + "detectorSpecific/nimages", master);
            int ntrigger = (int) optionalNumber(hdf, det + "detectorSpecific/ntrigger", 1);
            return new EigerMaster(header, nimages, ntrigger, links(hdf));
        } catch (ImageFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ImageFormatException(master, "cannot read the EIGER master: " + e.getMessage(), e);
        }
    }

    private static List<DataLink> links(HdfFile hdf) {
        List<DataLink> out = new ArrayList<>();
        Node data = hdf.getByPath("/entry/data");
        if (!(data instanceof Group g)) {
            return out;
        }
        for (Node child : g.getChildren().values()) {
            if (!child.getName().startsWith("data_")) {
                continue;
            }
            String file = child instanceof ExternalLink ext ? externalFile(ext) : hdf.getFile().getName();
            try {
                Node target = child instanceof Link link ? link.getTarget() : child;
                if (!(target instanceof Dataset ds)) {
                    out.add(new DataLink(child.getName(), file, false, 0, 0));
                    continue;
                }
                int low = attributeInt(ds, "image_nr_low");
                int high = attributeInt(ds, "image_nr_high");
                if (low <= 0 || high < low) {
                    // Without the attributes, count the frames of the dataset; links are in order.
                    int previous = out.isEmpty() ? 0 : out.get(out.size() - 1).imageNrHigh();
                    low = previous + 1;
                    high = previous + ds.getDimensions()[0];
                }
                out.add(new DataLink(child.getName(), file, true, low, high));
            } catch (RuntimeException e) {
                out.add(new DataLink(child.getName(), file, false, 0, 0));
            }
        }
        out.sort(java.util.Comparator.comparing(DataLink::name));
        return out;
    }

    /** jhdf gives an external link's target as "file.h5:/entry/data/data" or "file.h5:entry/data/data". */
    private static String externalFile(ExternalLink ext) {
        String t = ext.getTargetPath();
        int colon = t.lastIndexOf(':');
        return colon > 0 ? t.substring(0, colon) : t;
    }

    private static int attributeInt(Dataset ds, String name) {
        Attribute a = ds.getAttribute(name);
        if (a == null) {
            return 0;
        }
        return (int) scalar(a.getData());
    }

    private static double scalar(Object v) {
        while (v != null && v.getClass().isArray()) {
            v = Array.get(v, 0);
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("not a number: " + v);
    }

    private static double number(HdfFile hdf, String path, Path file) throws ImageFormatException {
        try {
            Node n = hdf.getByPath(path);
            if (n instanceof Dataset ds) {
                return scalar(ds.getData());
            }
        } catch (RuntimeException e) {
            // fall through to the clear message
        }
        throw new ImageFormatException(file, "EIGER master has no number at " + path);
    }

    private static double optionalNumber(HdfFile hdf, String path, double fallback) {
        try {
            Node n = hdf.getByPath(path);
            return n instanceof Dataset ds ? scalar(ds.getData()) : fallback;
        } catch (RuntimeException e) {
            return fallback;
        }
    }

}
