"""Throughput and peak memory of ``briefing batch`` on synthetic news.

Generates RECORDS news-like records (300-800 words, built from templates with direct
quotes and reported speech, at the sentence length and claim density of real news:
19 words a sentence and 16 claims per 1,000 words, against 20 and 14.6 in PolNeAR's
dev articles; ``benchmarks/news_density.py`` measures both) into a temporary folder
as JSON Lines, runs the real
``briefing batch`` command line in a subprocess, samples the resident memory of the
whole process tree (the job and its workers) every 20 ms, and prints one JSON line:

    {"records": 100000, "workers": 2, "mode": "claims-only", "records_per_s": ...,
     "peak_rss_mb": ..., "job_rate": ..., ...}

``records_per_s`` is records / wall time of the whole command (start-up included);
``job_rate`` is what the job itself reports; ``cpu_ms_per_record`` is the CPU time
of the job and its workers per record, which other load on the machine disturbs
less than wall time. Usage::

    python benchmarks/bench_batch.py --records 100000 --workers 2
    python benchmarks/bench_batch.py --records 10000 --workers 1 --model extractive

``--stand-in`` replaces the parser and claim extractor by trivial ones, which
measures the batch runner's own per-record cost (reading, dispatch, serialising,
writing).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]

FIRST = ["Ines", "Tom", "Ana", "Lee", "Omar", "Grace", "Pavel", "Amara", "Jonas", "Keiko", "Luis"]
LAST = ["Moreau", "Baker", "Silva", "Chen", "Haddad", "Okafor", "Novak", "Tanaka", "Reyes", "Berg"]
ROLES = ["Senator", "Mayor", "Minister", "Dr.", "Professor", "Chief Inspector", "Governor"]
ORGS = [
    "the State Department",
    "the city council",
    "the World Health Organization",
    "the central bank",
    "the teachers' union",
    "Acme Corp.",
    "the Ministry of Transport",
]
PLACES = ["Lisbon", "Nairobi", "Ottawa", "Manila", "Leeds", "Porto Alegre", "Gdansk", "Osaka"]
TOPICS = [
    "the budget",
    "the new rail line",
    "water prices",
    "the hospital merger",
    "school closures",
    "the port expansion",
    "interest rates",
    "the vaccine rollout",
]
QUOTES = [
    "We will not accept a deal that leaves families worse off, and we have told the ministry so",
    "This is the most serious challenge we have faced in a decade, and it will not go away",
    "The numbers simply do not add up, whichever way you look at the budget",
    "Nobody told us the plan had changed until the contracts had already been signed",
    "We expect the work to be finished by the end of next year if the funding arrives on time",
    "It is too early to say what caused the failure, but we are looking at every possibility",
    "Our priority is to keep people safe while the repairs are carried out",
    "I have never seen anything like it in thirty years of working in this city",
]
REPORTED = [
    "the government had underestimated the cost of the project by several million",
    "talks with the unions would resume next week after a pause over the holidays",
    "no decision had been taken on the future of the site or its workers",
    "the figures were provisional and could be revised when the audit was complete",
    "the company had broken no rules and would cooperate fully with the inquiry",
    "more funding was needed for rural areas, where waiting times had doubled",
]
FILLER = [
    "The proposal was first presented to lawmakers in {month}, when it was sent back to "
    "committee for further changes to its funding.",
    "Critics have pointed to rising costs in {place} and elsewhere, where similar projects "
    "ran well over budget.",
    "The debate over {topic} has divided the coalition for months and delayed other "
    "business in the chamber.",
    "About {number} people attended the meeting on {day}, many of them residents of the "
    "streets closest to the site.",
    "Officials in {place} declined to give a timetable for the work or say how much of "
    "it had been completed.",
    "The figures published on {day} showed a rise of {number} per cent, the largest since "
    "the records began.",
    "Local businesses have been watching the talks closely, and several have already "
    "postponed plans to expand.",
    "A final vote is expected before the end of the session, although the date has not "
    "yet been set.",
    "Similar plans were abandoned in {place} two years ago after a long legal challenge "
    "by residents.",
    "Opposition members walked out of the chamber during the debate and held a news "
    "conference outside.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(ROLES)} {rng.choice(FIRST)} {rng.choice(LAST)}"


def _sentence(rng: random.Random) -> str:
    # Calibrated on real news (PolNeAR's 84 dev articles, the most quote-heavy of the
    # shared corpora: 20 words a sentence, 14.6 claims per 1,000 words): about a
    # quarter of the sentences attribute something to someone.
    kind = rng.random()
    if kind < 0.12:
        return f"“{rng.choice(QUOTES)},” {_person(rng)} said."
    if kind < 0.20:
        return f"{_person(rng)} said {rng.choice(REPORTED)}."
    if kind < 0.24:
        return f"According to {rng.choice(ORGS)}, {rng.choice(REPORTED)}."
    if kind < 0.28:
        return (
            f'"{rng.choice(QUOTES)}," said {rng.choice(FIRST)} {rng.choice(LAST)}, a spokesperson.'
        )
    return rng.choice(FILLER).format(
        month=rng.choice(MONTHS),
        place=rng.choice(PLACES),
        topic=rng.choice(TOPICS),
        number=rng.randint(2, 900),
        day=rng.choice(DAYS),
    )


def make_article(rng: random.Random) -> tuple[str, str]:
    """A news-like article of 300-800 words: (title, text)."""
    topic = rng.choice(TOPICS)
    title = f"{rng.choice(PLACES)} leaders clash over {topic}"
    words = rng.randint(300, 800)
    paragraphs: list[str] = [
        f"{rng.choice(PLACES).upper()} — Leaders clashed on {rng.choice(DAYS)} over {topic}, "
        f"as {rng.choice(ORGS)} warned that {rng.choice(REPORTED)}."
    ]
    count = len(paragraphs[0].split())
    while count < words:
        paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(1, 3)))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return title, "\n".join(paragraphs)


def write_input(path: Path, records: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for number in range(records):
            title, text = make_article(rng)
            handle.write(
                json.dumps({"id": f"n{number}", "text": f"{title}\n{text}"}, ensure_ascii=False)
                + "\n"
            )


_JOB = """
import sys
from briefing.cli import _batch
import argparse
parser = argparse.ArgumentParser(prog="briefing")
_batch.register(parser.add_subparsers(dest="command", required=True))
args = parser.parse_args(["batch", *sys.argv[1:]])
if {stand_in}:
    sys.path.insert(0, {tests!r})
    import test_batch_parts
    from test_batch_parts import PROCESSOR
    try:  # Ray workers cannot import the tests folder: ship the stand-ins by value
        import ray.cloudpickle
        ray.cloudpickle.register_pickle_by_value(test_batch_parts)
    except ImportError:
        pass
    sys.exit(_batch._run(args, PROCESSOR))
try:
    from briefing.cli import main
except ImportError:
    main = None
sys.exit(main(["batch", *sys.argv[1:]]) if main else args.func(args))
"""


def run_job(argv: list[str], stand_in: bool) -> tuple[float, float, float, str, int]:
    """Run the CLI; return (seconds, CPU seconds, peak tree RSS in MB, stderr, status).

    CPU seconds cover the job and its workers (waited-for descendants).
    """
    code = _JOB.format(stand_in=stand_in, tests=str(ROOT / "tests"))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code, *argv], env=env, stderr=subprocess.PIPE, text=True
    )
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        # Listing a process's children reads every process on the machine, which
        # took about 5% of this 2-core machine's CPU every 20 ms, from the job being
        # measured: the tree is listed every half second, its members read every 20 ms.
        nonlocal peak
        root = psutil.Process(process.pid)
        tree = [root]
        listed = 0.0
        while not stop.is_set():
            try:
                if time.monotonic() - listed > 0.5:
                    tree = [root, *root.children(recursive=True)]
                    listed = time.monotonic()
                peak = max(peak, sum(_rss(member) for member in tree))
            except psutil.NoSuchProcess:
                return
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    stop.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return seconds, cpu, peak / 2**20, stderr, process.returncode


def _rss(process: psutil.Process) -> int:
    try:
        return int(process.memory_info().rss)
    except psutil.NoSuchProcess:
        return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--model", help="summarize with this model (default: claims only)")
    parser.add_argument("--engine", default="plain", choices=("plain", "ray"))
    parser.add_argument("--stand-in", action="store_true", help="trivial parser and claims")
    parser.add_argument("--input", type=Path, help="reuse this generated input")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_batch_") as folder:
        source = args.input or Path(folder) / "input.jsonl"
        if not source.exists():
            write_input(source, args.records)
        output = Path(folder) / "output.jsonl"
        argv = [str(source), "-o", str(output), "--workers", str(args.workers)]
        argv += ["--engine", args.engine]
        argv += ["--model", args.model] if args.model else ["--claims-only"]
        seconds, cpu, peak_mb, stderr, status = run_job(argv, args.stand_in)
        if status != 0:
            print(stderr, file=sys.stderr)
            return status
        rows = sum(1 for _ in output.open("rb"))
        summary = stderr.strip().splitlines()[-1]
        job_rate = float(summary.split(" articles/s")[0].rsplit(" ", 1)[1])
        result = {
            "records": args.records,
            "rows": rows,
            "workers": args.workers,
            "engine": args.engine,
            "mode": f"summaries ({args.model})" if args.model else "claims-only",
            "parts": "stand-in" if args.stand_in else "briefing",
            "records_per_s": round(args.records / seconds, 1),
            "job_rate": job_rate,
            "seconds": round(seconds, 2),
            # CPU per record is steadier than wall time on a shared machine.
            "cpu_ms_per_record": round(cpu / args.records * 1000, 3),
            "peak_rss_mb": round(peak_mb, 1),
            "input_mb": round(source.stat().st_size / 2**20, 1),
            "cpus": os.cpu_count(),
        }
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
