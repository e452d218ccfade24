package org.dualpath.projection;

import org.dualpath.common.Progress;
import org.dualpath.data.CocoImage;
import org.dualpath.data.Dataset;
import org.dualpath.data.DatasetLoader;
import org.dualpath.model.DualPathModel;
import org.dualpath.model.TinyModels;
import org.dualpath.store.EmbeddingStore;
import org.dualpath.store.TinyDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two tiny models (16-d and 24-d, other vocabularies) mapping the same 10 images and their captions. */
class ComparedMapsTest {
    @TempDir
    Path dir;

    private EmbeddingStore store(Dataset d, String name, int dimension, long seed) {
        Path file = dir.resolve(name + ".zip");
        TinyModels.bundle(List.of("a red circle", "a blue square"), dimension, seed).write(file);
        return EmbeddingStore.openOrBuild(DualPathModel.load(file), file, d, dir.resolve(name), DualPathModel.Options.PLAIN,
                Progress.NONE);
    }

    @Test
    void modelBsMapPlacesTheSameItemsAsAsAlignedToIt() {
        TinyDataset files = TinyDataset.write(dir.resolve("tiny"), 10);
        Dataset d = DatasetLoader.of(files.captions(), files.images()).load(Progress.NONE);
        EmbeddingStore a = store(d, "a", 16, 1);
        EmbeddingStore b = store(d, "b", 24, 2);
        List<Long> ids = new ArrayList<>(d.images().stream().map(CocoImage::id).toList());
        java.util.Collections.reverse(ids);
        ComparedMaps.Points points = ComparedMaps.of(a, b, ids, Modality.BOTH, "whole dataset");
        assertThat(points.a().size()).isEqualTo(10 + a.captions().size()).isEqualTo(points.b().size());
        for (int i = 0; i < points.a().size(); i++) {
            assertThat(points.b().kind(i)).isEqualTo(points.a().kind(i));
            assertThat(points.b().id(i)).isEqualTo(points.a().id(i));
        }
        assertThat(points.a().id(0)).isEqualTo(ids.get(0));
        assertThat(points.b().vectors().row(0)).hasSize(24);

        MapParams params = new MapParams(MapMethod.BH_TSNE, 5, 300, 200, 42, 0.5, 15);
        MapCache cache = new MapCache(dir.resolve("maps"));
        List<Integer> framesB = new ArrayList<>();
        ComparedMaps.Layouts layouts = ComparedMaps.layout(points, params, cache, Progress.NONE, Projector.Frames.NONE,
                (xy, it, total) -> framesB.add(it));
        // A's map is the Map tab's: the same key, so the same cached file
        MapLayout mapTab = cache.get(MapCache.key(a.modelHash(), a.datasetHash(), points.a(), params), points.a());
        assertThat(mapTab.x()).containsExactly(layouts.a().x());
        assertThat(layouts.b().size()).isEqualTo(points.b().size());
        assertThat(layouts.b().note()).contains("initial map: the given layout").contains("aligned to model A's map");
        assertThat(framesB).isNotEmpty();
        // aligned: no other similarity transform brings B nearer to A (the fit of the aligned map is the identity)
        Procrustes again = Procrustes.fit(layouts.b(), layouts.a());
        assertThat(again.scale()).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(again.r00()).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(Math.abs(again.tx()) + Math.abs(again.ty())).isLessThan(1e-9);

        ComparedMaps.Layouts reopened = ComparedMaps.layout(points, params, cache, Progress.NONE, Projector.Frames.NONE,
                Projector.Frames.NONE);
        assertThat(reopened.cachedA()).isTrue();
        assertThat(reopened.cachedB()).isTrue();
        assertThat(reopened.b().x()).containsExactly(layouts.b().x());
    }
}
