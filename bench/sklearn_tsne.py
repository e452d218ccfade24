#!/usr/bin/python3
"""scikit-learn's Barnes-Hut t-SNE on the points the map benchmark wrote, for comparison.

Usage: /usr/bin/python3 bench/sklearn_tsne.py target/map-bench/points-2000.npy [more .npy files]
(Debian: apt-get install python3-sklearn). Same settings as the map defaults: 2-D, perplexity 30,
1,000 iterations, learning rate 200, PCA initialisation, angle (theta) 0.5, 2 threads. Prints one line per
file: points, seconds, and the peak resident memory of this process so far (MB). Run one file per process
for a clean peak.
"""
import resource
import sys
import time

import numpy as np
from sklearn.manifold import TSNE

for path in sys.argv[1:]:
    x = np.load(path)
    t0 = time.perf_counter()
    TSNE(n_components=2, perplexity=30.0, n_iter=1000, learning_rate=200.0, init="pca", angle=0.5,
         method="barnes_hut", random_state=42, n_jobs=2).fit_transform(x)
    seconds = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{x.shape[0]:>6} points  {seconds:8.2f} s  peak RSS {peak_mb:7.0f} MB  (scikit-learn Barnes-Hut t-SNE)")
