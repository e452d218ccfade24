package org.dualpath.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The versions of this program and of the libraries it runs on, as recorded with every trained model: a model
 * that behaves differently later can be traced to an upgrade. The program's version is the Maven project version
 * (written into {@code version.properties} at build time, so it is known from a jar and from a class folder alike);
 * a library's is read from the {@code pom.properties} its jar carries.
 */
public final class Versions {
    /** What a version that cannot be found reads as. */
    public static final String UNKNOWN = "unknown";

    private static final String PROGRAM = version(Versions.class.getResourceAsStream("version.properties"));

    private Versions() {
    }

    /** This program's version, e.g. "0.1.0" ({@link #UNKNOWN} when the build left none). */
    public static String program() {
        return PROGRAM;
    }

    /** The version of the library jar {@code groupId:artifactId} on the class path, or {@link #UNKNOWN}. */
    public static String library(String groupId, String artifactId) {
        String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        return version(Versions.class.getResourceAsStream(resource));
    }

    private static String version(InputStream stream) {
        if (stream == null) {
            return UNKNOWN;
        }
        Properties properties = new Properties();
        try (InputStream in = stream) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a version file on the class path: " + e.getMessage(), e);
        }
        String v = properties.getProperty("version", "").strip();
        // an unfiltered file (a build that skipped resource filtering) still holds the placeholder
        return v.isEmpty() || v.startsWith("${") ? UNKNOWN : v;
    }
}
