#!/usr/bin/python3
"""Reference values for analyze's tests, from scipy and statsmodels.

Run with Debian's Python (apt-get install python3-scipy python3-statsmodels):

    cd analyze/testdata && /usr/bin/python3 reference.py

It writes the small fixed datasets (twosample.csv, closegap.csv,
regression.csv) and reference.json. The Go tests read the committed files,
so CI needs no Python. Seeds are fixed: rerunning gives the same files.
"""
import csv
import json
import sys

import numpy as np
import pandas as pd
import scipy
import scipy.stats as st
import statsmodels
import statsmodels.api as sm
from scipy.stats._resampling import _bca_interval

REF_RESAMPLES = 200_000  # Monte-Carlo error of the reference bounds ~0.006 SE


def write_two_sample(path, openstack, python):
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["role", "pay"])
        for v in openstack:
            w.writerow(["openstack", repr(float(v))])
        for v in python:
            w.writerow(["python", repr(float(v))])


def gap(x, y, axis=-1):
    return np.mean(x, axis=axis) - np.mean(y, axis=axis)


def skewed(rng, n, shift):
    """Log pay: 80% N(0, 0.25), 20% N(0.7, 0.35), rounded to $500."""
    tail = rng.random(n) < 0.2
    z = np.where(tail, 0.7 + 0.35 * rng.standard_normal(n), 0.25 * rng.standard_normal(n))
    return 500 * np.round(np.exp(11.4 + shift + z) / 500)


def bootstrap_reference(openstack, python, seed):
    data = (np.log(openstack), np.log(python))
    out = {"theta": float(gap(*data))}
    for method in ("BCa", "percentile"):
        res = st.bootstrap(data, gap, n_resamples=REF_RESAMPLES, batch=2000, method=method,
                           confidence_level=0.95, random_state=np.random.default_rng(seed))
        out[method.lower()] = {"low": float(res.confidence_interval.low),
                               "high": float(res.confidence_interval.high)}
        out["se"] = float(res.standard_error)
        if method == "BCa":
            theta_b = res.bootstrap_distribution
            _, _, a_hat = _bca_interval(data, gap, axis=-1, alpha=0.025, theta_hat_b=theta_b[None, :], batch=None)
            out["acceleration"] = float(np.squeeze(a_hat))
    return out


def permutation_reference(openstack, python, seed):
    res = st.permutation_test((np.log(openstack), np.log(python)), gap, vectorized=True,
                              n_resamples=REF_RESAMPLES, alternative="two-sided", batch=2000,
                              random_state=np.random.default_rng(seed))
    return {"statistic": float(res.statistic), "p_value": float(res.pvalue)}


CONTROLS = ["seniority", "country", "remote", "quarter"]


def regression_data(rng, n=400):
    companies = [f"Company {i:02d}" for i in range(25)]
    effect = dict(zip(companies, 0.12 * rng.standard_normal(len(companies))))
    levels = ["", "junior", "mid", "senior", "lead"]
    step = {"": 0.05, "junior": -0.25, "mid": 0.0, "senior": 0.25, "lead": 0.45}
    base = {"DE": 85000, "FR": 70000, "GB": 90000, "PL": 45000}
    rows = []
    for i in range(n):
        openstack = rng.random() < 0.35
        lvl = levels[rng.integers(5)]
        if openstack and rng.random() < 0.4:
            lvl = ["senior", "lead"][rng.integers(2)]
        country = list(base)[rng.integers(4)]
        company = companies[rng.integers(len(companies))]
        remote = bool(rng.random() < 0.2)
        quarter = ["2026Q2", "2026Q3"][rng.integers(2)]
        lp = (np.log(base[country]) + step[lvl] + effect[company] + 0.12 * openstack
              + 0.05 * remote + 0.2 * rng.standard_normal())
        rows.append({"pay": float(1000 * np.round(np.exp(lp) / 1000)),
                     "role": "openstack" if openstack else "python", "seniority": lvl,
                     "country": country, "remote": "remote" if remote else "on-site",
                     "quarter": quarter, "company": company})
    return pd.DataFrame(rows)


def design(df):
    """Intercept, indicator, then per control a dummy for every level but
    the first in sorted order: the column order analyze uses."""
    cols = {"(intercept)": np.ones(len(df)), "openstack": (df.role == "openstack").astype(float)}
    for c in CONTROLS:
        for level in sorted(df[c].unique())[1:]:
            cols[f"{c}={level if level else '(unknown)'}"] = (df[c] == level).astype(float)
    return pd.DataFrame(cols)


def regression_reference(df):
    y = np.log(df.pay.to_numpy())
    X = design(df)
    groups = pd.factorize(df.company)[0]
    cr1 = sm.OLS(y, X).fit(cov_type="cluster", cov_kwds={"groups": groups}, use_t=True)
    hc3 = sm.OLS(y, X).fit(cov_type="HC3", use_t=True)
    os_ = df.role == "openstack"
    diff = X[os_].mean() - X[~os_].mean()
    explained = float(sum(diff[c] * cr1.params[c] for c in X.columns[2:]))
    ci = cr1.conf_int(alpha=0.05).loc["openstack"]
    ci3 = hc3.conf_int(alpha=0.05).loc["openstack"]
    return {"names": list(X.columns), "params": [float(v) for v in cr1.params],
            "se_cr1": [float(v) for v in cr1.bse], "df_cr1": float(cr1.df_resid_inference),
            "ci_cr1": [float(ci[0]), float(ci[1])],
            "se_hc3": [float(v) for v in hc3.bse], "df_hc3": float(hc3.df_resid),
            "ci_hc3": [float(ci3[0]), float(ci3[1])],
            "clusters": int(groups.max() + 1), "explained": explained,
            "raw_gap": float(y[os_].mean() - y[~os_].mean())}


def main():
    rng = np.random.default_rng(20261001)
    os_pay, py_pay = skewed(rng, 60, 0.15), skewed(rng, 150, 0.0)
    write_two_sample("twosample.csv", os_pay, py_pay)
    close_os, close_py = skewed(rng, 45, 0.06), skewed(rng, 90, 0.0)
    write_two_sample("closegap.csv", close_os, close_py)
    reg = regression_data(rng)
    reg.to_csv("regression.csv", index=False, lineterminator="\n")
    reg = pd.read_csv("regression.csv", keep_default_na=False)

    ref = {
        "generated_by": "analyze/testdata/reference.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                     "statsmodels": statsmodels.__version__, "pandas": pd.__version__},
        "reference_resamples": REF_RESAMPLES,
        "twosample": bootstrap_reference(os_pay, py_pay, 1),
        "closegap": {**bootstrap_reference(close_os, close_py, 2), **permutation_reference(close_os, close_py, 3)},
        "regression": regression_reference(reg),
    }
    with open("reference.json", "w") as f:
        json.dump(ref, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
