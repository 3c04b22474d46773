#!/usr/bin/env bash
# Splits every batch /work/corpus/[AB]-*.tsv into a training file and a FROZEN test file by a hash of the note text
# (sha256 first byte mod 5 == 0 → test, about 20%). Fixed before any tuning; rerun any time, same note → same side.
# Usage: split.sh OUT_DIR   (writes OUT_DIR/corpus-train.tsv and OUT_DIR/corpus-frozen-test.tsv)
set -euo pipefail
out=${1:?out dir}
mkdir -p "$out"
cat /work/corpus/[AB]-*.tsv | python3 -c '
import sys, hashlib
out = sys.argv[1]
seen = set(); train = []; test = []; bad = 0
for line in sys.stdin:
    line = line.rstrip("\n")
    if not line.strip(): continue
    parts = line.split("\t")
    if len(parts) != 4: bad += 1; continue
    if parts[0] in seen: continue
    seen.add(parts[0])
    (test if hashlib.sha256(parts[0].encode()).digest()[0] % 5 == 0 else train).append(line)
open(out + "/corpus-train.tsv", "w").write("\n".join(train) + "\n")
open(out + "/corpus-frozen-test.tsv", "w").write("\n".join(test) + "\n")
print(f"train {len(train)}, frozen test {len(test)}, malformed lines skipped {bad}", file=sys.stderr)
' "$out"
