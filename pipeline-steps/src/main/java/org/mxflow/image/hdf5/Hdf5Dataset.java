package org.mxflow.image.hdf5;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset to write: its type, shape, attributes and either the whole array (contiguous
 * layout) or a source of already-filtered chunks (chunked layout, Fixed Array index).
 */
public final class Hdf5Dataset {

    /** Supplies chunk {@code index} (row-major over the chunk grid), already passed through the filters. */
    @FunctionalInterface
    public interface ChunkSource {
        byte[] chunk(int index) throws IOException;
    }

    final Datatype type;
    final Dataspace space;
    final byte[] contiguous;
    final long[] chunkDims;
    final List<Filter> filters;
    final ChunkSource chunks;
    final List<Attribute> attributes = new ArrayList<>();

    private Hdf5Dataset(Datatype type, Dataspace space, byte[] contiguous, long[] chunkDims, List<Filter> filters,
                        ChunkSource chunks) {
        this.type = type;
        this.space = space;
        this.contiguous = contiguous;
        this.chunkDims = chunkDims;
        this.filters = filters;
        this.chunks = chunks;
    }

    /** A contiguous dataset holding {@code data} (little-endian, row-major). */
    public static Hdf5Dataset contiguous(Datatype type, Dataspace space, byte[] data) {
        if (data.length != space.elements() * type.size()) {
            throw new IllegalArgumentException(data.length + " bytes for " + space.elements() + " elements of "
                    + type.size() + " bytes");
        }
        return new Hdf5Dataset(type, space, data.clone(), null, List.of(), null);
    }

    /** A chunked dataset; with no filters each chunk must be exactly a full chunk of raw bytes. */
    public static Hdf5Dataset chunked(Datatype type, Dataspace space, long[] chunkDims, List<Filter> filters,
                                      ChunkSource chunks) {
        if (chunkDims.length != space.dims().length || chunkDims.length == 0) {
            throw new IllegalArgumentException("chunk rank " + chunkDims.length + " for a dataset of rank "
                    + space.dims().length);
        }
        return new Hdf5Dataset(type, space, null, chunkDims.clone(), List.copyOf(filters), chunks);
    }

    public Hdf5Dataset attribute(Attribute a) {
        attributes.add(a);
        return this;
    }

    public Hdf5Dataset units(String units) {
        return attribute(Attribute.text("units", units));
    }

    /** Number of chunks in the chunk grid. */
    int chunkCount() {
        long n = 1;
        for (int i = 0; i < chunkDims.length; i++) {
            n *= (space.dims()[i] + chunkDims[i] - 1) / chunkDims[i];
        }
        return Math.toIntExact(n);
    }

    /** Bytes of one unfiltered chunk. */
    long chunkBytes() {
        long n = type.size();
        for (long d : chunkDims) {
            n *= d;
        }
        return n;
    }
}
