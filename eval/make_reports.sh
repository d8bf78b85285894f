#!/usr/bin/env bash
# Rebuilds every saved report in eval/reports with the harness itself (offline, CPU).
# Run from the repository root with briefing installed; ../shared/data must be beside it.
# Each report.md repeats its own command at the top.
set -euo pipefail
cd "$(dirname "$0")/.."

briefing eval --data eval/stories/dev-a.jsonl --data eval/stories/dev-b.jsonl \
  --output eval/reports/stories-dev --title 'briefing on the shipped dev stories' --quiet
briefing eval --data eval/stories/heldout.jsonl \
  --output eval/reports/stories-heldout --title 'briefing on the held-out stories' --quiet
briefing eval --data eval/stories/heldout-2.jsonl \
  --output eval/reports/stories-heldout-2 --title 'briefing on the blind held-out stories (set 2)' --quiet
briefing eval --data eval/stories/heldout-3.jsonl \
  --output eval/reports/stories-heldout-3 --title 'briefing on the blind held-out stories (set 3), scored once before any tuning' --quiet
briefing eval --data ../shared/data/polnear --format polnear --baselines '' \
  --output eval/reports/polnear-dev --title 'briefing claims on PolNeAR dev (84 articles)' --quiet
# The original highlights as the one reference, as published CNN/DM figures are.
briefing eval --data ../shared/data/summeval-cnndm/summeval.jsonl --references first \
  --output eval/reports/summeval --title 'briefing beside the 16 SummEval systems (CNN/DM test sample)' --quiet
briefing eval --data ../shared/data/summeval-cnndm/summeval.jsonl --faithfulness-correlation \
  --output eval/reports/summeval-faithfulness \
  --title 'briefing.check against SummEval expert consistency (1,600 summaries)' --quiet
briefing eval --data ../shared/data/realsumm-cnndm/realsumm.jsonl \
  --output eval/reports/realsumm --title 'briefing beside the 24 REALSumm systems (CNN/DM test sample)' --quiet
