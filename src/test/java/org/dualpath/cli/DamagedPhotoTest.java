package org.dualpath.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dualpath.common.SharedData;
import org.dualpath.data.image.ImageDecodeException;
import org.dualpath.data.image.ImageDecoder;
import org.dualpath.model.TinyModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The damage of issue 17 on a real photo (a Flickr8k JPEG of the shared data; skipped without it): its first 3,000
 * bytes, and the whole file with 8 bytes of its scan data overwritten, which decodes with only a decoder warning.
 * Both decoded as a picture with a grey rest; {@code data check --decode} and {@code embed} must name them.
 */
class DamagedPhotoTest {
    private static final String PHOTO = "data/flickr8k-1k/images/1569687608_0e3b3ad044.jpg";

    @TempDir
    Path dir;

    @Test
    void aCutAndACorruptButDecodablePhotoAreNamedByDataCheckAndLeftOutOfTheIndex() throws Exception {
        byte[] photo = Files.readAllBytes(SharedData.require(PHOTO));
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.write(images.resolve("whole.jpg"), photo);
        Files.write(images.resolve("cut.jpg"), Arrays.copyOf(photo, 3000));
        byte[] corrupt = photo.clone();
        // these 8 bytes of scan data decode, with libjpeg's warning "Corrupt JPEG data: 38 extraneous bytes before marker"
        Arrays.fill(corrupt, corrupt.length / 2, corrupt.length / 2 + 8, (byte) 0x5a);
        Files.write(images.resolve("corrupt.jpg"), corrupt);
        assertThatThrownBy(() -> ImageDecoder.decode(images.resolve("corrupt.jpg")))
                .isInstanceOf(ImageDecodeException.class).hasMessageContaining("extraneous bytes before marker");
        // the gallery marks a cell whose thumbnail cannot be decoded (GalleryCellTest)
        for (String damaged : new String[]{"cut.jpg", "corrupt.jpg"}) {
            assertThatThrownBy(() -> ImageDecoder.decodeThumbnail(images.resolve(damaged), 96)).as(damaged)
                    .isInstanceOf(ImageDecodeException.class);
        }
        Path captions = dir.resolve("captions.json");
        Files.writeString(captions, "{\"images\": [{\"id\": 1, \"file_name\": \"whole.jpg\", \"width\": 0, \"height\": 0}, {\"id\": 2, \"file_name\": "
                + "\"cut.jpg\", \"width\": 0, \"height\": 0}, {\"id\": 3, \"file_name\": \"corrupt.jpg\", \"width\": 0, \"height\": 0}], \"annotations\": [{\"id\": 1, \"image_id\": 1, "
                + "\"caption\": \"a dog\"}, {\"id\": 2, \"image_id\": 2, \"caption\": \"a dog\"}, {\"id\": 3, \"image_id\": 3, "
                + "\"caption\": \"a dog\"}]}");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int check = CliRunner.run(out, err, "data", "check", "--captions", captions.toString(), "--images",
                images.toString(), "--decode");

        assertThat(check).as(err.toString()).isEqualTo(DualPathCli.EXIT_INPUT);
        assertThat(out.toString()).as(err.toString()).contains("image files unreadable: 2")
                .containsPattern("cut\\.jpg \\(image id 2\\): cannot be decoded: truncated or corrupt JPEG data \\(.*")
                .containsPattern("corrupt\\.jpg \\(image id 3\\): cannot be decoded: (truncated or )?corrupt.*JPEG data \\(.*")
                // the whole photo is only noted for its missing size, never named as unreadable
                .doesNotContain("whole.jpg (image id 1): cannot");

        Path model = dir.resolve("model.zip");
        TinyModels.bundle(3).write(model);
        Path index = dir.resolve("index");
        assertThat(CliRunner.run(out, err, "embed", "--model", model.toString(), "--captions", captions.toString(),
                "--images", images.toString(), "--out", index.toString())).as(err.toString()).isZero();
        assertThat(err.toString()).contains("2 images could not be read and were skipped: ", "corrupt.jpg (", "cut.jpg (");
        var skipped = new ObjectMapper().readTree(index.resolve("manifest.json").toFile()).path("skipped");
        assertThat(skipped).hasSize(2);
        assertThat(skipped.findValuesAsText("file")).containsExactlyInAnyOrder("cut.jpg", "corrupt.jpg");
    }
}
