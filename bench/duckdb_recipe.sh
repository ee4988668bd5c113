#!/bin/sh
# Checks the DuckDB recipe of docs/schema.md (docs/recipes/premium.sql):
# runs the default job, then the recipe on its hive-partitioned listings,
# and prints both headline premiums and sample sizes side by side.
#
#   bench/duckdb_recipe.sh
#
# Needs Go, Node.js and npm (DuckDB comes from the npm package
# @duckdb/node-api into a temporary folder; jobmarket never depends on it).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

go build -o "$work/jobmarket" ./cmd/jobmarket
(cd "$work" && ./jobmarket -q >/dev/null)
(cd "$work" && npm install --silent --no-audit --no-fund @duckdb/node-api >/dev/null)
cat > "$work/q.mjs" <<'JS'
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const r = await c.runAndReadAll(readFileSync(process.argv[2], 'utf8'));
const row = r.getRowObjectsJson()[0];
console.log(`duckdb    n_openstack=${row.n_openstack} n_python=${row.n_python} premium=${row.premium}`);
JS
(cd "$work" && node q.mjs "$root/docs/recipes/premium.sql")
awk -F, '$1 == "All regions" && $2 == "all" && $11 == "raw" { printf "jobmarket n_openstack=%s n_python=%s premium=%s\n", $3, $4, $7 }' "$work/out/premium_by_region.csv"
