package org.dualpath.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VersionsTest {
    @Test
    void programVersionIsTheFilteredMavenVersion() {
        assertThat(Versions.program()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void libraryVersionsComeFromTheirJarsAndAMissingOneIsUnknown() {
        assertThat(Versions.library("org.deeplearning4j", "deeplearning4j-nn")).matches("1\\.0\\.0-M\\d.*");
        assertThat(Versions.library("org.nd4j", "nd4j-api")).matches("1\\.0\\.0-M\\d.*");
        assertThat(Versions.library("org.bytedeco", "javacpp")).matches("\\d+\\.\\d+.*");
        assertThat(Versions.library("org.example", "no-such-library")).isEqualTo(Versions.UNKNOWN);
    }
}
