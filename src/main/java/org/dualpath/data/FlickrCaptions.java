package org.dualpath.data;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dualpath.common.InputException;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the Flickr8k/Flickr30k caption lists: the token file ({@code name.jpg#n<TAB>caption}) and the CSV
 * form ({@code image,caption} with a header line). Both give the captions per image file name, in file order.
 */
public final class FlickrCaptions {
    private FlickrCaptions() {
    }

    /** Reads a token file such as {@code Flickr8k.token.txt} or {@code results_20130124.token}. */
    public static Map<String, List<String>> readTokens(Path file) {
        List<String> lines = lines(file);
        Map<String, List<String>> captions = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = i == 0 ? stripBom(lines.get(i)) : lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String at = file + ": line " + (i + 1) + ": ";
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new InputException(at + "no TAB between image and caption; expected name.jpg#n<TAB>caption");
            }
            String key = line.substring(0, tab);
            int hash = key.lastIndexOf('#');
            if (hash <= 0 || !key.substring(hash + 1).matches("\\d+")) {
                throw new InputException(at + "\"" + key + "\" is not name.jpg#n; expected name.jpg#n<TAB>caption");
            }
            captions.computeIfAbsent(key.substring(0, hash), k -> new ArrayList<>()).add(line.substring(tab + 1).trim());
        }
        requireSome(file, captions);
        return captions;
    }

    /** Reads a CSV file with a header line naming the columns {@code image} and {@code caption}. */
    public static Map<String, List<String>> readCsv(Path file) {
        requireNonEmpty(file);
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build();
        Map<String, List<String>> captions = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = format.parse(reader)) {
            List<String> header = parser.getHeaderNames().stream().map(FlickrCaptions::stripBom).toList();
            int image = header.indexOf("image");
            int caption = header.indexOf("caption");
            if (image < 0 || caption < 0) {
                throw new InputException(file + ": line 1: header is " + header
                        + ", expected the columns image and caption; add the header line \"image,caption\"");
            }
            for (CSVRecord record : parser) {
                if (record.size() <= Math.max(image, caption)) {
                    throw new InputException(file + ": line " + parser.getCurrentLineNumber() + ": " + record.size()
                            + " field(s), expected image and caption; quote captions that contain commas");
                }
                captions.computeIfAbsent(record.get(image), k -> new ArrayList<>()).add(record.get(caption));
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": file not found; check the path", e);
        } catch (IOException | UncheckedIOException e) {
            throw new InputException(file + ": malformed CSV (" + JsonInput.oneLine(e.getMessage())
                    + "); check the quoting of that line", e);
        }
        requireSome(file, captions);
        return captions;
    }

    private static List<String> lines(Path file) {
        requireNonEmpty(file);
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read as UTF-8 text (" + JsonInput.oneLine(e.getMessage())
                    + "); check the path and the encoding", e);
        }
    }

    private static void requireNonEmpty(Path file) {
        try {
            if (Files.size(file) == 0) {
                throw new InputException(file + ": the file is empty; expected one caption per line");
            }
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": file not found; check the path", e);
        } catch (IOException e) {
            throw new InputException(file + ": cannot be read (" + JsonInput.oneLine(e.getMessage()) + "); check the path", e);
        }
    }

    private static void requireSome(Path file, Map<String, List<String>> captions) {
        if (captions.isEmpty()) {
            throw new InputException(file + ": holds no captions; expected one caption per line");
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
