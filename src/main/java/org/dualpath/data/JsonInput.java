package org.dualpath.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.dualpath.common.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads one JSON input file as a tree and gives typed access to its fields, turning every problem into a
 * one-line {@link InputException} that names the file, the place (JSON line/column, or array index, id and
 * field) and what to do.
 */
final class JsonInput {
    static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final Path file;
    private final String fix;

    /** {@code fix} is the advice appended to structural errors, e.g. "fix or regenerate the file". */
    JsonInput(Path file, String fix) {
        this.file = file;
        this.fix = fix;
    }

    Path file() {
        return file;
    }

    /** Parses the whole file; {@code kind} (e.g. "COCO captions file") is named in errors. */
    JsonNode read(String kind) {
        try {
            if (Files.size(file) == 0) {
                throw new InputException(file + ": the file is empty; expected a " + kind);
            }
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root == null || root.isMissingNode()) {
                throw new InputException(file + ": the file holds no JSON; expected a " + kind);
            }
            if (!root.isObject()) {
                throw error("top level", "is a JSON " + type(root) + ", expected an object (a " + kind + ")");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InputException(file + ": malformed JSON" + where + ": " + oneLine(e.getOriginalMessage())
                    + "; fix the JSON syntax or regenerate the file", e);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": file not found; check the path", e);
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read (" + oneLine(e.getMessage()) + "); check the path and its permissions", e);
        }
    }

    /** An error about {@code where} (e.g. "images[3] (id 7)"), followed by this file's advice. */
    InputException error(String where, String problem) {
        return new InputException(file + ": " + where + ": " + oneLine(problem) + "; " + fix);
    }

    JsonNode array(JsonNode parent, String field, String where) {
        JsonNode n = require(parent, field, where);
        if (!n.isArray()) {
            throw wrongType(field, where, n, "an array");
        }
        return n;
    }

    /** An optional array; empty when absent or null. */
    JsonNode optionalArray(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return MAPPER.createArrayNode();
        }
        return array(parent, field, where);
    }

    JsonNode object(JsonNode arrayElement, String where) {
        if (!arrayElement.isObject()) {
            throw error(where, "is a JSON " + type(arrayElement) + ", expected an object");
        }
        return arrayElement;
    }

    long requireLong(JsonNode parent, String field, String where) {
        JsonNode n = require(parent, field, where);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw wrongType(field, where, n, "an integer");
        }
        return n.longValue();
    }

    int requireInt(JsonNode parent, String field, String where) {
        JsonNode n = require(parent, field, where);
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw wrongType(field, where, n, "an integer");
        }
        return n.intValue();
    }

    /** An optional integer; {@code absent} when the field is missing or null. */
    int optionalInt(JsonNode parent, String field, String where, int absent) {
        JsonNode n = parent.get(field);
        return n == null || n.isNull() ? absent : requireInt(parent, field, where);
    }

    double requireDouble(JsonNode parent, String field, String where) {
        JsonNode n = require(parent, field, where);
        if (!n.isNumber()) {
            throw wrongType(field, where, n, "a number");
        }
        return n.doubleValue();
    }

    String requireText(JsonNode parent, String field, String where) {
        JsonNode n = require(parent, field, where);
        if (!n.isTextual()) {
            throw wrongType(field, where, n, "a string");
        }
        return n.textValue();
    }

    /** An optional string; null when absent or null. */
    String optionalText(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        return n == null || n.isNull() ? null : requireText(parent, field, where);
    }

    private JsonNode require(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw error(where, "required field \"" + field + "\" is missing");
        }
        return n;
    }

    private InputException wrongType(String field, String where, JsonNode n, String expected) {
        String found = n.isValueNode() ? type(n) + " " + abbreviate(n.toString()) : type(n);
        return error(where, "field \"" + field + "\" must be " + expected + ", found " + found);
    }

    private static String type(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** Jackson's location note inside a message, which names its own configuration instead of the file. */
    private static final java.util.regex.Pattern JACKSON_SOURCE = java.util.regex.Pattern.compile(
            "\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return JACKSON_SOURCE.matcher(s.replaceAll("\\s+", " ")).replaceAll("line $1, column $2").trim();
    }
}
