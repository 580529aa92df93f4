package org.mxflow.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@code dendro.json} as KAMO's hctojson.R writes it for the d3 dendrogram of the merge report
 * (kamo-conventions 4.8.4): nested {@code {"name": ..., "children": [...]}}, internal nodes named
 * by cluster number, leaves by dataset label (1-based file number); children in R's merge order.
 */
public final class DendrogramJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DendrogramJson() {}

    /** The tree as a JSON object; {@code leafLabels.get(i)} names leaf i (0-based). */
    public static ObjectNode toJson(Dendrogram tree, List<String> leafLabels) {
        if (leafLabels.size() != tree.leafCount()) {
            throw new IllegalArgumentException("dendro.json: " + tree.leafCount() + " leaves but " + leafLabels.size() + " labels");
        }
        if (tree.clusterCount() == 0) {
            return MAPPER.createObjectNode().put("name", leafLabels.get(0));
        }
        return node(tree.clusterCount(), tree, leafLabels);
    }

    /** Labels "1".."N" for leaves numbered as in formerge.lst. */
    public static List<String> oneBasedLabels(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(Integer::toString).toList();
    }

    private static ObjectNode node(int id, Dendrogram tree, List<String> labels) {
        ObjectNode o = MAPPER.createObjectNode();
        if (id < 0) {
            return o.put("name", labels.get(-id - 1));
        }
        o.put("name", Integer.toString(id));
        ArrayNode children = o.putArray("children");
        Dendrogram.Merge m = tree.merge(id);
        children.add(node(m.left(), tree, labels));
        children.add(node(m.right(), tree, labels));
        return o;
    }

    /** Writes dendro.json atomically (temporary file renamed into place). */
    public static void write(Path file, Dendrogram tree, List<String> leafLabels) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        MAPPER.writeValue(tmp.toFile(), toJson(tree, leafLabels));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
