"""CR2 standard errors and Bell-McCaffrey degrees of freedom, from the
published formulas, for analyze's reference test (TestCR2MatchesReference).

Written from Bell & McCaffrey (2002, Survey Methodology 28(2), eqs. 3-4 and
the Satterthwaite degrees of freedom of section 3) and Pustejovsky & Tipton
(2018, JBES 36(4), eqs. 6-7 and the "BM" degrees of freedom of section 3.2),
for ordinary least squares with the working model Phi = I:

    M   = (X'X)^-1,  H = X M X'
    A_g = (I - H_gg)^(-1/2)     symmetric square root of the (pseudo-)inverse
    V   = M (sum_g X_g' A_g e_g e_g' A_g X_g) M
    p_g = (I - H)_g' A_g X_g M c            (an N-vector per cluster)
    df  = (sum_g p_g'p_g)^2 / sum_g sum_h (p_g'p_h)^2

with dense N x N matrices on purpose: nothing here shares code or shortcuts
with the Go implementation, which works on employer sums.

Run: /usr/bin/python3 analyze/testdata/cr2_reference.py > analyze/testdata/cr2_reference.json
"""
import json

import numpy as np


def inv_sqrt_psd(a):
    vals, vecs = np.linalg.eigh(a)
    inv = np.array([v ** -0.5 if v > 1e-12 else 0.0 for v in vals])
    return (vecs * inv) @ vecs.T


def cr2(x, y, cluster, c):
    """CR2 standard error and BM df of the contrast c'beta."""
    n, k = x.shape
    m = np.linalg.inv(x.T @ x)
    beta = m @ x.T @ y
    e = y - x @ beta
    h = x @ m @ x.T
    meat = np.zeros((k, k))
    ps = []
    for g in sorted(set(cluster)):
        idx = np.array([i for i in range(n) if cluster[i] == g])
        a = inv_sqrt_psd(np.eye(len(idx)) - h[np.ix_(idx, idx)])
        u = x[idx].T @ a @ e[idx]
        meat += np.outer(u, u)
        ps.append((np.eye(n) - h)[:, idx] @ a @ x[idx] @ m @ c)
    v = m @ meat @ m
    p = np.array(ps)
    gram = p @ p.T
    df = np.trace(gram) ** 2 / np.sum(gram ** 2)
    return float(c @ beta), float(np.sqrt(c @ v @ c)), float(df)


def dataset(rng, name, n_clusters, sizes, p_os, levels, icc):
    """Postings of n_clusters employers; sizes draws each employer's size.
    levels is how many seniority levels the control takes (0: none)."""
    rows = []
    for g in range(n_clusters):
        effect = rng.normal(0, np.sqrt(icc))
        company = "" if sizes == "singletons" else "c%d" % g
        size = 1 if sizes == "singletons" else int(rng.integers(1, 7))
        for _ in range(size):
            os = bool(rng.random() < p_os)
            level = int(rng.integers(0, levels)) if levels else 0
            country = ["US", "DE", "IN"][int(rng.integers(0, 3))]
            log_pay = 11.5 + 0.15 * os + 0.1 * level + {"US": 0.4, "DE": 0.1, "IN": -0.8}[country] + effect + rng.normal(0, 0.3)
            pay = float(round(np.exp(log_pay)))
            rows.append({"company": company, "openstack": os, "seniority": level, "country": country, "pay": pay})
    # Every dataset holds both roles and every level in both.
    return {"name": name, "postings": rows}


def clusters_of(rows):
    return [r["company"] if r["company"] else "posting%d" % i for i, r in enumerate(rows)]


def fit(ds, with_controls):
    rows = ds["postings"]
    y = np.log([r["pay"] for r in rows])
    cols = [np.ones(len(rows)), np.array([1.0 if r["openstack"] else 0.0 for r in rows])]
    if with_controls:
        levels = sorted({r["seniority"] for r in rows})
        for lv in levels[1:]:
            cols.append(np.array([1.0 if r["seniority"] == lv else 0.0 for r in rows]))
    x = np.column_stack(cols)
    cluster = clusters_of(rows)
    c = np.zeros(x.shape[1])
    c[1] = 1.0
    b, se, df = cr2(x, y, cluster, c)
    return {"estimate": b, "se": se, "df": df, "clusters": len(set(cluster))}


def stratified(ds):
    """Each country's OpenStack coefficient in a model with a country
    intercept and a country OpenStack indicator, weighted by the country's
    OpenStack postings, over the countries with both roles."""
    both = sorted(c for c in {r["country"] for r in ds["postings"]}
                  if {r["openstack"] for r in ds["postings"] if r["country"] == c} == {True, False})
    rows = [r for r in ds["postings"] if r["country"] in both]
    y = np.log([r["pay"] for r in rows])
    cols, c = [], []
    n_os = sum(r["openstack"] for r in rows)
    for country in both:
        cols.append(np.array([1.0 if r["country"] == country else 0.0 for r in rows]))
        cols.append(np.array([1.0 if r["country"] == country and r["openstack"] else 0.0 for r in rows]))
        c += [0.0, sum(r["openstack"] for r in rows if r["country"] == country) / n_os]
    cluster = clusters_of(rows)
    b, se, df = cr2(np.column_stack(cols), y, cluster, np.array(c))
    return {"estimate": b, "se": se, "df": df, "clusters": len(set(cluster))}


def main():
    rng = np.random.default_rng(17)
    sets = [
        dataset(rng, "few employers", 6, "small", 0.4, 3, 0.2),
        dataset(rng, "many employers", 25, "small", 0.3, 2, 0.1),
        dataset(rng, "no companies", 30, "singletons", 0.5, 3, 0.0),
        dataset(rng, "mixed", 12, "small", 0.5, 4, 0.3),
    ]
    # One employer posting every OpenStack role of a cluster's side, and
    # some postings without a company.
    # Some postings without a company, and a country with Python postings
    # only, which the stratified estimate leaves out.
    sets[3]["postings"] += [
        {"company": "", "openstack": True, "seniority": 1, "country": "US", "pay": 120000.0},
        {"company": "", "openstack": False, "seniority": 2, "country": "DE", "pay": 99000.0},
        {"company": "c1", "openstack": False, "seniority": 0, "country": "FR", "pay": 70000.0},
    ]
    out = []
    for ds in sets:
        out.append({"name": ds["name"], "postings": ds["postings"],
                    "raw": fit(ds, False), "adjusted": fit(ds, True), "stratified": stratified(ds)})
    print(json.dumps(out, indent=1))


main()
