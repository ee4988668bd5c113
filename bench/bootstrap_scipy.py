#!/usr/bin/python3
"""The scipy side of bench/bootstrap_vs_scipy.sh.

Writes the benchmark data (log-normal pay rounded to $1,000, like the
postings analyze reads) as little-endian float64 files into --data, then
times scipy.stats.bootstrap on the raw premium's log gap:

  percentile, 10,000 OpenStack + 100,000 Python values, 10,000 resamples
  BCa on the same data with --bca-resamples resamples (0, the default,
  skips it: scipy's jackknife is quadratic and takes minutes here)

The percentile case is timed --runs times (default 5). Prints one line
per timing: "scipy <method> <size> <resamples> <seconds>".
Needs Debian's python3-scipy: run with /usr/bin/python3.
"""
import argparse
import os
import time

import numpy as np
import scipy.stats as st


def pay(rng, n, shift):
    return 1000 * np.maximum(1, np.round(np.exp(np.log(100000) + shift + 0.3 * rng.standard_normal(n)) / 1000))


def gap(x, y, axis=-1):
    return np.mean(x, axis=axis) - np.mean(y, axis=axis)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--resamples", type=int, default=10_000)
    ap.add_argument("--bca-resamples", type=int, default=0)
    ap.add_argument("--runs", type=int, default=5, help="timings of the percentile case, for a median")
    args = ap.parse_args()
    rng = np.random.default_rng(2026)
    sets = {"110k": (10_000, 100_000), "1100k": (100_000, 1_000_000)}
    data = {}
    for name, (n_os, n_py) in sets.items():
        os_pay, py_pay = pay(rng, n_os, np.log(1.17)), pay(rng, n_py, 0)
        os_pay.astype("<f8").tofile(os.path.join(args.data, f"openstack_{name}.f64"))
        py_pay.astype("<f8").tofile(os.path.join(args.data, f"python_{name}.f64"))
        data[name] = (np.log(os_pay), np.log(py_pay))

    for _ in range(args.runs):
        start = time.perf_counter()
        st.bootstrap(data["110k"], gap, n_resamples=args.resamples, batch=100, method="percentile",
                     random_state=np.random.default_rng(1))
        print(f"scipy percentile 110k {args.resamples} {time.perf_counter() - start:.3f}", flush=True)
    if args.bca_resamples:
        start = time.perf_counter()
        st.bootstrap(data["110k"], gap, n_resamples=args.bca_resamples, batch=100, method="BCa",
                     random_state=np.random.default_rng(1))
        print(f"scipy bca 110k {args.bca_resamples} {time.perf_counter() - start:.3f}", flush=True)


if __name__ == "__main__":
    main()
