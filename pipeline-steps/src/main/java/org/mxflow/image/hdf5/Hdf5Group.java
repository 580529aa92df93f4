package org.mxflow.image.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group to write: named links (to subgroups, datasets, or objects in other files) and
 * attributes. Links are stored compactly as Link messages in the group's object header.
 */
public final class Hdf5Group {

    /** A soft link into another file, resolved by readers relative to this file's directory. */
    public record ExternalLink(String file, String path) {
    }

    final Map<String, Object> links = new LinkedHashMap<>();
    final List<Attribute> attributes = new ArrayList<>();

    /** The subgroup at a slash-separated path, created with its parents where missing. */
    public Hdf5Group group(String path) {
        Hdf5Group g = this;
        for (String name : path.split("/")) {
            if (name.isEmpty()) {
                continue;
            }
            Object child = g.links.computeIfAbsent(checkName(name), k -> new Hdf5Group());
            if (!(child instanceof Hdf5Group sub)) {
                throw new IllegalArgumentException("'" + name + "' in " + path + " is not a group");
            }
            g = sub;
        }
        return g;
    }

    public Hdf5Group attribute(Attribute a) {
        attributes.add(a);
        return this;
    }

    /** Sets the NeXus class attribute. */
    public Hdf5Group nxClass(String nxClass) {
        return attribute(Attribute.text("NX_class", nxClass));
    }

    public Hdf5Dataset add(String name, Hdf5Dataset dataset) {
        put(name, dataset);
        return dataset;
    }

    public void externalLink(String name, String file, String path) {
        put(name, new ExternalLink(file, path));
    }

    public Hdf5Dataset text(String name, String value) {
        Datatype t = Datatype.stringFor(value);
        byte[] d = new byte[t.size()];
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(v, 0, d, 0, v.length);
        return add(name, Hdf5Dataset.contiguous(t, Dataspace.SCALAR, d));
    }

    public Hdf5Dataset float32(String name, double value) {
        return add(name, Hdf5Dataset.contiguous(Datatype.F32, Dataspace.SCALAR, le(4).putFloat((float) value).array()));
    }

    public Hdf5Dataset uint32(String name, long value) {
        return add(name, Hdf5Dataset.contiguous(Datatype.U32, Dataspace.SCALAR, le(4).putInt((int) value).array()));
    }

    public Hdf5Dataset int32(String name, int value) {
        return add(name, Hdf5Dataset.contiguous(Datatype.I32, Dataspace.SCALAR, le(4).putInt(value).array()));
    }

    public Hdf5Dataset float32s(String name, double[] values) {
        ByteBuffer b = le(4 * values.length);
        for (double v : values) {
            b.putFloat((float) v);
        }
        return add(name, Hdf5Dataset.contiguous(Datatype.F32, Dataspace.of(values.length), b.array()));
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    private void put(String name, Object target) {
        if (links.putIfAbsent(checkName(name), target) != null) {
            throw new IllegalArgumentException("link '" + name + "' already exists");
        }
    }

    private static String checkName(String name) {
        if (name.isEmpty() || name.contains("/") || name.equals(".") || name.length() > 255) {
            throw new IllegalArgumentException("bad HDF5 link name '" + name + "'");
        }
        return name;
    }
}
