#!/usr/bin/env bash
# The main job on the bundled examples: what `make demo` runs. Reports go to out/.
# Exit status 1 from `sqcheck check` means "gaps found", which is the expected outcome for most examples.
set -euo pipefail
cd "$(dirname "$0")/.."
SQ=".venv/bin/sqcheck"
OUT="${OUT:-out}"
mkdir -p "$OUT"

run() {  # run a sqcheck command; 0 (compliant) and 1 (gaps) are both fine here
  local rc=0
  "$@" || rc=$?
  if [ "$rc" -gt 1 ]; then echo "demo: '$*' failed with exit code $rc" >&2; exit "$rc"; fi
}

echo "== standards"
$SQ standards lint standards/
$SQ standards list

echo "== self-assessments: check every example"
for f in examples/*.yaml; do
  name=$(basename "$f" .yaml)
  echo "-- $name"
  run $SQ check "$f" --format text | head -n 4
  run $SQ check "$f" --format json -o "$OUT/$name.json"
  # (reports) the gap report people read: HTML, PDF (A4, Chinese fonts embedded) and Markdown
  run $SQ check "$f" --format html -o "$OUT/$name.html"
  run $SQ check "$f" --format pdf -o "$OUT/$name.pdf"
  run $SQ check "$f" --format md -o "$OUT/$name.md"
done

echo "== excel: a blank form, and one example round-tripped through a workbook"
$SQ template xuzhou-2017 --format xlsx -o "$OUT/xuzhou-2017-form.xlsx"
$SQ convert examples/xuzhou-2017--diemeng.yaml "$OUT/xuzhou-2017--diemeng.xlsx"
$SQ convert "$OUT/xuzhou-2017--diemeng.xlsx" "$OUT/xuzhou-2017--diemeng.roundtrip.yaml"
run $SQ check "$OUT/xuzhou-2017--diemeng.xlsx" --format json -o "$OUT/xuzhou-2017--diemeng.xlsx.json"
.venv/bin/python - "$OUT/xuzhou-2017--diemeng.json" "$OUT/xuzhou-2017--diemeng.xlsx.json" <<'PY'
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:])
for result in (a, b):
    result["assessment"].pop("file"), result["assessment"].pop("sha256")
if a != b:
    sys.exit("demo: the workbook's result differs from the YAML's")
print("the workbook's result equals the YAML's (apart from the file name and hash)")
PY
echo "== audits: verified against claimed (discrepancies first), exemptions, a rectification notice"
for a in examples/audits/*.audit.yaml; do
  name=$(basename "$a" .audit.yaml)
  echo "-- $name (audited)"
  run $SQ check "examples/$name.yaml" --audit "$a" --format text | head -n 3
  for fmt in json html pdf md; do
    run $SQ check "examples/$name.yaml" --audit "$a" --format "$fmt" -o "$OUT/$name.audited.$fmt"
  done
done
run $SQ audit-sheet examples/xuzhou-2017--diemeng.yaml --format pdf -o "$OUT/xuzhou-2017--diemeng.audit-sheet.pdf"
run $SQ audit-sheet examples/xuzhou-2017--diemeng.yaml --format xlsx -o "$OUT/xuzhou-2017--diemeng.audit-sheet.xlsx"
day="SQCHECK_FIXED_TIME=2018-06-25T09:00:00"  # exemptions hold on a day: the example's are from the 2018 round
audited=(examples/xuzhou-2017--diemeng.yaml --audit examples/audits/xuzhou-2017--diemeng.audit.yaml
  --exemptions examples/exemptions/xuzhou-2017--yunlong.yaml)
run env "$day" $SQ check "${audited[@]}" --format pdf -o "$OUT/xuzhou-2017--diemeng.audited-exempted.pdf"
run env "$day" $SQ notice "${audited[@]}" --authority 云龙区民政局 --number "云民整〔2018〕7号" \
  -o "$OUT/xuzhou-2017--diemeng.notice.pdf"
echo "== publish: the district's published report (index.html, report.pdf, summary.csv, summary.json)"
run $SQ publish examples/xuzhou-2017--*.yaml --standard xuzhou-2017 --audits examples/audits \
  --roster examples/rosters/xuzhou-2017.csv --jobs 2 -o "$OUT/publish"
run $SQ publish examples/living-room-2023--*.yaml --standard living-room-2023 --jobs 2 -o "$OUT/publish-living-room-2023"
echo "== web app: a demo database (a round per bundled standard, one clerk per example community)"
.venv/bin/python -m web.demo --db "$OUT/demo.sqlite3" --logins "$OUT/demo-logins.txt"
echo "   start it with: make serve   (logins in $OUT/demo-logins.txt)"

echo "== done: reports in $OUT/"
