package org.dualpath.train;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every epoch's checkpoint kept beside the model under a name that says its epoch. */
class EpochCheckpointsTest {
    @TempDir
    Path dir;

    @Test
    void theKeptFileNamesTheEpochBeforeTheZipExtension() {
        assertThat(EpochCheckpoints.fileOf(dir.resolve("model.zip"), 3)).isEqualTo(dir.resolve("model.epoch3.zip"));
        assertThat(EpochCheckpoints.fileOf(dir.resolve("run.ZIP"), 12)).isEqualTo(dir.resolve("run.epoch12.zip"));
        assertThat(EpochCheckpoints.fileOf(dir.resolve("model"), 1)).isEqualTo(dir.resolve("model.epoch1.zip"));
    }

    @Test
    void eachCheckpointIsCopiedAndTheWrappedListenerHearsEverything() throws IOException {
        Path out = dir.resolve("model.zip");
        Path checkpoint = Trainer.checkpointOf(out);
        List<String> heard = new ArrayList<>();
        TrainingListener keeping = EpochCheckpoints.keeping(out, new TrainingListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double loss) {
                heard.add("batch " + batch);
            }

            @Override
            public void onCheckpoint(int epochsDone, Path file) {
                heard.add("checkpoint " + epochsDone);
            }

            @Override
            public void onMessage(String message) {
                heard.add(message);
            }
        });
        keeping.onBatch(1, 1, 2, 0.5);
        Files.writeString(checkpoint, "after epoch 1");
        keeping.onCheckpoint(1, checkpoint);
        Files.writeString(checkpoint, "after epoch 2");
        keeping.onCheckpoint(2, checkpoint);

        assertThat(dir.resolve("model.epoch1.zip")).hasContent("after epoch 1");
        assertThat(dir.resolve("model.epoch2.zip")).hasContent("after epoch 2");
        assertThat(heard).containsExactly("batch 1", "checkpoint 1", "kept epoch 1 as " + dir.resolve("model.epoch1.zip"),
                "checkpoint 2", "kept epoch 2 as " + dir.resolve("model.epoch2.zip"));
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
                    .containsExactlyInAnyOrder("model.zip.checkpoint", "model.epoch1.zip", "model.epoch2.zip");
        }
    }
}
