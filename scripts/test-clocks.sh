#!/usr/bin/env bash
# Runs every date-dependent test at the three fixed instants of tests/clock.ts (07:00, 13:00
# and 23:00 organisation time) and prints one summary line per instant.
#
# "Date-dependent" = the test files that import tests/clock.ts directly (the demo company,
# schedules, the browsers' clock); unit tests that loop over all three instants themselves
# run in each pass too, which is cheap. Needs a build for the browser tests (built when
# build/index.html is missing, like `npm run test:e2e`).
set -uo pipefail
cd "$(dirname "$0")/.."

mapfile -t files < <(grep -rlE "from '((\.\./)+(tests/)?|\./)clock'" src tests --include='*.test.ts' | sort)
if [ "${#files[@]}" -eq 0 ]; then
  echo "test:clocks: no test file imports tests/clock.ts" >&2
  exit 1
fi
echo "==> date-dependent test files (${#files[@]}):"
printf '    %s\n' "${files[@]}"

status=0
summaries=()
started=$SECONDS
for clock in 07:00 13:00 23:00; do
  echo "==> FIELDBOARD_TEST_CLOCK=$clock"
  t0=$SECONDS
  log="$(mktemp)"
  FIELDBOARD_TEST_CLOCK="$clock" npx vitest run "${files[@]}" 2>&1 | tee "$log"
  code=${PIPESTATUS[0]}
  line="$(grep -E '^Summary: ' "$log" | tail -1)"
  rm -f "$log"
  summaries+=("$clock  ${line:-Summary: (none: vitest did not finish)}  ($((SECONDS - t0)) s, exit $code)")
  [ "$code" -eq 0 ] || status=1
done

echo
echo "==> test:clocks ($((SECONDS - started)) s)"
printf '    %s\n' "${summaries[@]}"
exit "$status"
