-- The headline raw premium (premium_by_region.csv, region "All regions",
-- quarter "all", method raw: the ratio of geometric means minus one)
-- recomputed from the hive-partitioned listings dataset with DuckDB:
--
--   duckdb -c "$(cat docs/recipes/premium.sql)"
--
-- The WHERE clause is the "enters the estimate" rule of analyze
-- (analyze.Config.InEstimate with the default config): pay stated by the
-- employer, read without a note, annual USD > 0, an OpenStack or Python
-- role, not a repeat, in a configured region. Only the point estimate is
-- reproduced; the interval comes from the seeded bootstrap of analyze.
-- Per region and quarter: add "quarter, region," to the SELECT and
-- "GROUP BY ALL".
SELECT
  count(*) FILTER (WHERE role = 'openstack') AS n_openstack,
  count(*) FILTER (WHERE role = 'python')    AS n_python,
  exp(avg(ln(salary_annual_usd)) FILTER (WHERE role = 'openstack')
    - avg(ln(salary_annual_usd)) FILTER (WHERE role = 'python')) - 1 AS premium
FROM read_parquet('out/listings/*/*/*.parquet', hive_partitioning = true)
WHERE role IN ('openstack', 'python')
  AND salary_code = '' AND salary_note = ''
  AND salary_source <> 'board_estimate'
  AND duplicate_of = ''
  AND salary_annual_usd > 0
  AND region <> 'Unknown';
