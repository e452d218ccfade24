package org.dualpath.app.viewmodel;

import org.dualpath.common.Progress;
import org.dualpath.data.shapes.ShapesConfig;
import org.dualpath.data.shapes.ShapesGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DemoAssetsTest {
    @TempDir
    Path dir;

    /** A demo set from an older generator (other test images) is generated again, not reused. */
    @Test
    void aDemoSetCountsAsGeneratedOnlyWhenCompleteAndOfThisGeneratorVersion() throws IOException {
        assertThat(DemoAssets.generated(dir)).isFalse();
        ShapesGenerator.generate(dir, ShapesConfig.defaults().withCounts(2, 1).withThreads(1), Progress.NONE);
        assertThat(DemoAssets.generated(dir)).isTrue();

        Path captions = dir.resolve(ShapesGenerator.CAPTIONS_FILE);
        String json = Files.readString(captions);
        Files.writeString(captions, json.replace("\"version\" : \"" + ShapesGenerator.VERSION + "\"", "\"version\" : \"1\"")
                .replace("\"version\":\"" + ShapesGenerator.VERSION + "\"", "\"version\":\"1\""));
        assertThat(ShapesGenerator.versionOf(dir)).isEqualTo("1");
        assertThat(DemoAssets.generated(dir)).isFalse();
    }
}
