#!/usr/bin/python3
"""Anchors for the Barnes-Hut t-SNE benchmark: other implementations on the same points, and kNN preservation.

Usage: /usr/bin/python3 bench/map_anchors.py METHOD POINTS.npy [LAYOUT_OUT.csv]
  METHOD: sklearn-tsne (scikit-learn Barnes-Hut t-SNE), umap-learn, or score (no layout: LAYOUT_OUT.csv is an
  existing layout, ours, to score). Same settings as the map defaults: perplexity 30, 1,000 iterations,
  learning rate 200, PCA start, theta 0.5, seed 42, 2 threads; UMAP 15 neighbours.
Prints one line: method, points, seconds, peak RSS of this process (MB), kNN preservation (10 neighbours,
1,000 evenly spaced points, the same definition as KnnPreservation in the Java tests). One method per process.
"""
import resource
import sys
import time

import numpy as np


def knn_preservation(x, y, k=10, samples=1000):
    n = x.shape[0]
    m = min(samples, n)
    rows = (np.arange(m, dtype=np.int64) * n) // m
    xs = x / np.linalg.norm(x, axis=1, keepdims=True)
    kept = []
    for i in rows:
        s = xs @ xs[i]
        s[i] = -np.inf
        near_in = np.argpartition(-s, k)[:k]
        d = ((y - y[i]) ** 2).sum(axis=1)
        d[i] = np.inf
        near_out = np.argpartition(d, k)[:k]
        kept.append(len(set(near_in.tolist()) & set(near_out.tolist())) / k)
    return float(np.mean(kept))


def main():
    method, path = sys.argv[1], sys.argv[2]
    x = np.load(path).astype(np.float32)
    t0 = time.perf_counter()
    if method == "sklearn-tsne":
        from sklearn.manifold import TSNE
        y = TSNE(n_components=2, perplexity=30.0, n_iter=1000, learning_rate=200.0, init="pca", angle=0.5,
                 method="barnes_hut", random_state=42, n_jobs=2).fit_transform(x)
    elif method == "umap-learn":
        import umap
        y = umap.UMAP(n_neighbors=15, random_state=None, n_jobs=2).fit_transform(x)
    elif method == "score":
        y = np.loadtxt(sys.argv[3], delimiter=",", skiprows=1)
    else:
        raise SystemExit("unknown method " + method)
    seconds = time.perf_counter() - t0 if method != "score" else float("nan")
    if method != "score" and len(sys.argv) > 3:
        np.savetxt(sys.argv[3], y, delimiter=",", header="x,y", comments="")
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{method:<14} {x.shape[0]:>9,} points  {seconds:8.1f} s  peak RSS {peak_mb:7.0f} MB  "
          f"kNN preservation {knn_preservation(x, np.asarray(y, dtype=np.float64)):.3f}", flush=True)


if __name__ == "__main__":
    main()
