package org.mxflow.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Where the tests find ../shared/data/real and the committed oracle fixtures. */
final class RealData {

    private RealData() {
    }

    static Path real() {
        String shared = System.getProperty("mxflow.shared", "../../shared");
        return Path.of(shared, "data", "real");
    }

    static Path file(String relative) {
        return real().resolve(relative);
    }

    static JsonNode fixture(String name) {
        try (InputStream in = RealData.class.getResourceAsStream("/oracles/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test fixture /oracles/" + name);
            }
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
