#!/usr/bin/env bash
# The flake hunt of issue #13: the Playwright suite again and again while stress-ng keeps both cores
# busy, until it has passed TARGET times in a row (default 5) or MAX runs were made (default 12).
# E2E_WORKERS sets Playwright workers (default 1, as CI). Each run's log goes to OUT/run-N.log, one line a run to OUT/summary.txt.
set -uo pipefail
cd "$(dirname "$0")/.."
OUT="${OUT:-/tmp/e2e-under-load}"
mkdir -p "$OUT"
command -v stress-ng >/dev/null || { echo "stress-ng is not installed (apt-get install stress-ng)" >&2; exit 2; }
stress-ng --cpu "${STRESS_CPUS:-2}" --cpu-method matrixprod >/dev/null 2>&1 &
STRESS=$!
trap 'kill $STRESS 2>/dev/null' EXIT
streak=0; i=0
while [ "$streak" -lt "${TARGET:-5}" ] && [ "$i" -lt "${MAX:-12}" ]; do
  i=$((i + 1))
  npx turbo run build --output-logs=errors-only >/dev/null 2>&1
  start=$(date +%s)
  CI=true npx playwright test --workers="${E2E_WORKERS:-1}" >"$OUT/run-$i.log" 2>&1
  rc=$?
  if [ "$rc" -eq 0 ]; then streak=$((streak + 1)); else streak=0; fi
  echo "$(date -u +%H:%M:%S) run $i rc=$rc $(( $(date +%s) - start ))s load=$(cut -d' ' -f1-3 /proc/loadavg) streak=$streak $(grep -E '^\s+[0-9]+ (passed|failed|flaky)' "$OUT/run-$i.log" | tr -s ' ' | tr '\n' ' ')" | tee -a "$OUT/summary.txt"
done
[ "$streak" -ge "${TARGET:-5}" ]
