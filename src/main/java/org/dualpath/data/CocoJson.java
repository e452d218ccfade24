package org.dualpath.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.dualpath.common.AtomicFiles;

import java.nio.file.Path;

/** Writes COCO-format JSON files atomically. */
public final class CocoJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private CocoJson() {
    }

    /** Writes {@code content} (a COCO file record or any Jackson-serialisable value) to {@code file}. */
    public static void write(Path file, Object content) {
        AtomicFiles.write(file, out -> MAPPER.writeValue(out, content));
    }
}
