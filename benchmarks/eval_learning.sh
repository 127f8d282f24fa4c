#!/usr/bin/env bash
# Learning from traffic, the acceptance procedure of issue 15 in one run: on a throwaway
# embedded PostgreSQL with the shared ESCI eval catalog (USE), simulate visitors on
# queries_dev.jsonl, learn from the Spanish searches only with 20 % of the queries held
# back, activate only if better, and evaluate nDCG@10 (hybrid, language detected as the
# API does) before and after on the held-back Spanish dev queries and on every language
# of queries_xling_dev.jsonl. Writes the JSON of each step to OUT (default /tmp) and prints
# the per-language table.
#   benchmarks/eval_learning.sh [SEED] [OUT]
# LEARN_ARGS: more options for shop_assistant_learn (e.g. "--adapter-scale 1"). With
# DATABASE_URL set, that database is used as it is (eval catalog indexed, traffic there).
# When the learned version is not activated, "after" equals "before"; the table then also
# shows what the learned version would have done (activated by hand, then rolled back).
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${1:-0}
OUT=${2:-/tmp}
EVAL=${SHOP_ASSISTANT_EVAL_DIR:-../shared/eval}
export DJANGO_SETTINGS_MODULE=demo_project.settings OMP_NUM_THREADS=${OMP_NUM_THREADS:-2}
PY=${PY:-.venv/bin/python}
if [ -z "${DATABASE_URL:-}" ]; then
    DATA=$(mktemp -d)
    export DATABASE_URL=$($PY -c "
from pathlib import Path; from demo_project.database import embedded_database_url
print(embedded_database_url(Path('$DATA/pg'), cleanup_mode=None))")
    trap 'kill "$(head -1 "$DATA/pg/postmaster.pid")"' EXIT  # the server this script started
    $PY manage.py migrate -v0
    $PY manage.py demo_load_catalog --jsonl "$EVAL/products.jsonl" --replace
    $PY manage.py shop_assistant_reindex --all
    $PY manage.py shop_assistant_simulate_traffic --queries "$EVAL/queries_dev.jsonl" --seed 1
fi  # else: a database with the eval catalog indexed and the traffic simulated
evaluate() {  # $1: label
    $PY manage.py shop_assistant_eval --queries "$OUT/learn.held.jsonl" --modes hybrid --json \
        > "$OUT/learn.$1.held.json"
    $PY manage.py shop_assistant_eval --queries "$EVAL/queries_xling_dev.jsonl" --modes hybrid \
        --json > "$OUT/learn.$1.xling.json"
}
/usr/bin/time -f "learn: %e s" $PY manage.py shop_assistant_learn --languages es --holdout 0.2 \
    --seed "$SEED" --activate-if-better --queries "$EVAL/queries_dev.jsonl" \
    --write-holdout "$OUT/learn.held.jsonl" --json ${LEARN_ARGS:-} > "$OUT/learn.report.json"
STATE=$($PY -c "import json; print(json.load(open('$OUT/learn.report.json'))['state'])")
VERSION=$($PY -c "import json; print(json.load(open('$OUT/learn.report.json'))['version'])")
evaluate after
if [ "$STATE" = active ]; then
    $PY manage.py shop_assistant_learn --rollback
    evaluate before
else
    cp "$OUT/learn.after.held.json" "$OUT/learn.before.held.json"
    cp "$OUT/learn.after.xling.json" "$OUT/learn.before.xling.json"
    $PY manage.py shell -c "
from shop_assistant.models import LearnedVersion
from shop_assistant.learning.service import activate_version
activate_version(LearnedVersion.objects.get(pk=$VERSION))"
    evaluate learned
    $PY manage.py shop_assistant_learn --rollback
fi
$PY - "$OUT" "$STATE" <<'PY'
import json, sys
out, state = sys.argv[1], sys.argv[2]
report = json.load(open(f"{out}/learn.report.json"))
def load(label, name):
    try:
        return json.load(open(f"{out}/learn.{label}.{name}.json"))["hybrid"]
    except FileNotFoundError:
        return None
fusion = report["fusion"]
print(f"learned version {report['version']}: {state}; gain on its held-back queries "
      f"{report['gain']:+.4f} (judged labels, {report['after']['all']['n']} es-detected); "
      f"adapter scale {report['adapter']['scale']}; fusion learned {fusion['learned']}, "
      f"kept {fusion['kept']}; {report['training_queries']} queries trained on; "
      f"{report['seconds']} s")
shown = state != "active"
print("| set | group | n | before | after | delta |" + (" learned, not activated | delta |" if shown else ""))
print("|---|---|---|---|---|---|" + ("---|---|" if shown else ""))
for name, title in (("held", "held-back es dev"), ("xling", "xling dev")):
    before, after, learned = load("before", name), load("after", name), load("learned", name)
    for group, value in before.items():
        if group != "all" and not group.startswith("lang:"):
            continue
        b, a = value["ndcg@10"], after[group]["ndcg@10"]
        row = f"| {title} | {group} | {value['n']} | {b:.3f} | {a:.3f} | {a - b:+.3f} |"
        if learned is not None:
            o = learned[group]["ndcg@10"]
            row += f" {o:.3f} | {o - b:+.3f} |"
        print(row)
PY
