#!/bin/bash
# CPU instructions per analysed article, counted by valgrind (callgrind): deterministic, so
# speed changes can be compared on a busy machine where wall-clock figures move by 10-20%.
#
#   bash benchmarks/instructions.sh [N]      (N generated articles, default 100; needs valgrind)
#
# Both runs generate N articles and warm up on 20 others; only the second analyses the N, and
# the difference divided by N is printed.
set -euo pipefail
N=${1:-100}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }
SCRIPT=$(mktemp --suffix=.py)
trap 'rm -f "$SCRIPT"' EXIT
cat > "$SCRIPT" <<'PY'
import sys

sys.path.insert(0, sys.argv[3])
from benchmarks.generate import generate
from ingest import analyze

texts = [t for _, t in generate(int(sys.argv[1]) + 20)]
for t in texts[-20:]:
    analyze(t)
if sys.argv[2] == "1":
    for t in texts[:-20]:
        analyze(t)
PY
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$PY" "$SCRIPT" "$N" "$1" "$ROOT" 2>&1 \
        | awk '/Collected/ {print $4}'
}
base=$(count 0)
full=$(count 1)
"$PY" -c "print(f'analyze: {($full - $base) / $N / 1e6:.2f} M instructions per article ($N generated articles)')"
