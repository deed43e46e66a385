"""scikit-learn's IsolationForest on the detector benchmark's records, run by DetectorBenchmark.

Arguments: features file (float64, row-major), labels file (uint8), number of features, threads.
Prints RESULT <key> <value> lines, as DetectorProbe does.
"""
import resource
import sys
import time

import numpy as np
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score


def report(key, value):
    print(f"RESULT {key} {value}", flush=True)


def main():
    features_file, labels_file, width, threads = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    started = time.perf_counter()
    x = np.fromfile(features_file, dtype="<f8").reshape(-1, width)
    y = np.fromfile(labels_file, dtype=np.uint8)
    report("load_s", time.perf_counter() - started)

    started = time.perf_counter()
    forest = IsolationForest(n_estimators=100, max_samples=256, random_state=0, n_jobs=threads).fit(x)
    report("train_s", time.perf_counter() - started)

    started = time.perf_counter()
    scores = -forest.score_samples(x)
    elapsed = time.perf_counter() - started
    report("score_s", elapsed)
    report("score_rows_per_s", len(x) / elapsed)
    report("peak_rss_mib", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0)
    report("auc", roc_auc_score(y, scores))
    report("anomalies", int((forest.predict(x) == -1).sum()))


if __name__ == "__main__":
    main()
