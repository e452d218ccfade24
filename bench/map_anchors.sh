#!/bin/sh
# Barnes-Hut t-SNE at scale against the fastest implementations Debian offers, on the same points.
# Usage: bench/map_anchors.sh [SIZES...]   (default: 10000 100000; run from the repository root)
# Installs (where apt-get can): python3-sklearn, r-cran-rtsne, umap-learn, r-cran-uwot. Then, per size:
# ours (TsneScaleBenchmark, from a copy of the built classes so that a rebuild cannot break the run), scikit-learn
# Barnes-Hut t-SNE, Rtsne (the reference C++ Barnes-Hut t-SNE, 2 threads) and, unless UMAP=0, umap-learn and uwot;
# each prints seconds, peak memory and kNN preservation (bench/map_anchors.py, one definition for all). Set
# ANCHORS=0 to time ours alone.
set -eu
SIZES=${*:-10000 100000}
OUT=${OUT:-target/map-anchors}
mkdir -p "$OUT"
if [ "$(id -u)" = 0 ] && [ "${ANCHORS:-1}" = 1 ]; then
    apt-get install -y -q python3-sklearn r-cran-rtsne umap-learn r-cran-uwot >/dev/null 2>&1 || \
        echo "apt-get could not install every anchor; the missing ones are skipped"
fi
mvn -q -o -B test-compile
mvn -q -o -B dependency:build-classpath -Dmdep.outputFile=target/cp.txt
COPY=$(mktemp -d)
cp -r target/classes target/test-classes "$COPY"/
uptime
# shellcheck disable=SC2086
/usr/bin/time -f "ours: peak RSS %M kB" java -Xmx6g -cp "$COPY/classes:$COPY/test-classes:$(cat target/cp.txt)" \
    org.dualpath.projection.bench.TsneScaleBenchmark "$OUT" $SIZES
for n in $SIZES; do
    /usr/bin/python3 bench/map_anchors.py score "$OUT/points-$n.npy" "$OUT/layout-bh-tsne-$n.csv" | sed 's/^score  /ours (BH)/'
    [ "${ANCHORS:-1}" = 1 ] || continue
    uptime
    /usr/bin/python3 -c "import sklearn" 2>/dev/null && \
        /usr/bin/python3 bench/map_anchors.py sklearn-tsne "$OUT/points-$n.npy" "$OUT/layout-sklearn-$n.csv"
    if Rscript -e 'library(Rtsne)' >/dev/null 2>&1; then
        /usr/bin/python3 -c "import numpy as np, sys; np.load(sys.argv[1]).astype('<f4').tofile(sys.argv[2])" \
            "$OUT/points-$n.npy" "$OUT/points-$n.f32"
        /usr/bin/time -f "Rtsne peak RSS %M kB" Rscript -e "
            library(Rtsne); n <- $n; x <- matrix(readBin('$OUT/points-$n.f32', 'numeric', size = 4, n = n * 256), ncol = 256, byrow = TRUE)
            t0 <- proc.time()[['elapsed']]
            y <- Rtsne(x, dims = 2, perplexity = 30, theta = 0.5, max_iter = 1000, pca = TRUE, initial_dims = 50,
                       check_duplicates = FALSE, num_threads = 2)\$Y
            cat(sprintf('Rtsne %d points %.1f s\n', n, proc.time()[['elapsed']] - t0))
            write.csv(data.frame(x = y[, 1], y = y[, 2]), '$OUT/layout-rtsne-$n.csv', row.names = FALSE)"
        /usr/bin/python3 bench/map_anchors.py score "$OUT/points-$n.npy" "$OUT/layout-rtsne-$n.csv" | sed 's/^score  /Rtsne    /'
    fi
    [ "${UMAP:-1}" = 1 ] || continue
    /usr/bin/python3 -c "import umap" 2>/dev/null && \
        /usr/bin/python3 bench/map_anchors.py umap-learn "$OUT/points-$n.npy" "$OUT/layout-umap-learn-$n.csv"
    if Rscript -e 'library(uwot)' >/dev/null 2>&1; then
        /usr/bin/time -f "uwot peak RSS %M kB" Rscript -e "
            library(uwot); n <- $n; x <- matrix(readBin('$OUT/points-$n.f32', 'numeric', size = 4, n = n * 256), ncol = 256, byrow = TRUE)
            t0 <- proc.time()[['elapsed']]; y <- umap(x, n_neighbors = 15, n_threads = 2)
            cat(sprintf('uwot %d points %.1f s\n', n, proc.time()[['elapsed']] - t0))"
    fi
done
rm -rf "$COPY"
