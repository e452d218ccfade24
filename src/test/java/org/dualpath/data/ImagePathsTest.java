package org.dualpath.data;

import org.dualpath.common.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImagePathsTest {
    @TempDir
    Path dir;

    @Test
    void resolvesRelativeNamesInsideTheFolder() {
        assertThat(ImagePaths.resolve(dir, "val2014/a.jpg")).isEqualTo(dir.toAbsolutePath().resolve("val2014/a.jpg"));
        assertThat(ImagePaths.resolve(dir, "./a.jpg")).isEqualTo(dir.toAbsolutePath().resolve("a.jpg"));
    }

    @Test
    void refusesParentEscapes() {
        assertThatThrownBy(() -> ImagePaths.resolve(dir, "x/../../etc/passwd")).isInstanceOf(InputException.class)
                .hasMessage("file_name \"x/../../etc/passwd\" escapes the images folder with \"..\"; " + ImagePaths.FIX);
        assertThatThrownBy(() -> ImagePaths.resolve(dir, "..\\a.jpg")).hasMessageContaining("escapes the images folder");
    }

    @Test
    void refusesAbsolutePaths() {
        assertThatThrownBy(() -> ImagePaths.resolve(dir, "/etc/passwd"))
                .hasMessage("file_name \"/etc/passwd\" is an absolute path; " + ImagePaths.FIX);
        assertThatThrownBy(() -> ImagePaths.resolve(dir, "C:\\x.jpg")).hasMessageContaining("is an absolute path");
        assertThatThrownBy(() -> ImagePaths.resolve(dir, " ")).hasMessageContaining("is empty");
    }

    @Test
    void namesThatOnlyLookLikeDotsAreFine() {
        assertThat(ImagePaths.problem("..a.jpg")).isEmpty();
        assertThat(ImagePaths.problem("a..jpg")).isEmpty();
    }
}
