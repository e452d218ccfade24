package org.dualpath.data;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.dualpath.common.AtomicFiles;
import org.dualpath.common.InputException;

import java.io.IOException;
import java.nio.file.Path;

/** Reads and writes COCO-format JSON files. */
public final class CocoJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CocoJson() {
    }

    /** Reads a COCO captions file. */
    public static CocoCaptionsFile readCaptions(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), CocoCaptionsFile.class);
        } catch (IOException e) {
            throw new InputException(file + ": not a readable COCO captions file (" + e.getMessage() + ")", e);
        }
    }

    /** Writes {@code content} (a COCO file record or any Jackson-serialisable value) to {@code file}. */
    public static void write(Path file, Object content) {
        AtomicFiles.write(file, out -> MAPPER.writeValue(out, content));
    }
}
