#!/usr/bin/env python3
"""A string-similarity baseline for duplicate detection on data/projects/duplicate_pairs.csv:
what a data analyst gets from rapidfuzz on the titles as written, with no Thai normalisation.

For each scorer (fuzz.ratio, token_sort_ratio, token_set_ratio, partial_ratio, WRatio), with and
without utils.default_process as processor, every pair is scored, and the threshold that
maximises F1 is picked in hindsight (a pair is called a duplicate when its score is at least the
threshold; every distinct score is tried). It prints precision, recall, F1 and threshold per
scorer, and the accuracy per case of the best one (highest F1). The hindsight threshold flatters
the baseline: it is an upper bound for these scorers, not a tuned system. (utils.default_process
keeps only letters and digits, and Thai vowel and tone marks are neither: it turns them into
spaces, ก่อสร้าง → "ก อสร าง".)

    python3 scripts/duplicates_baseline.py [--json] [PAIRS_CSV]

rapidfuzz is not installed by this script. Install it into its own virtualenv and run with it:

    python3 -m venv ~/.cache/oneplan/rapidfuzz-venv
    ~/.cache/oneplan/rapidfuzz-venv/bin/pip install rapidfuzz
    ~/.cache/oneplan/rapidfuzz-venv/bin/python scripts/duplicates_baseline.py
"""
import csv
import json
import os
import sys

VENV = "~/.cache/oneplan/rapidfuzz-venv"
try:
    import rapidfuzz
    from rapidfuzz import fuzz, utils
except ImportError:
    sys.exit("rapidfuzz is not installed. Install it into a virtualenv and run this script with it:\n"
             f"    python3 -m venv {VENV} && {VENV}/bin/pip install rapidfuzz\n"
             f"    {VENV}/bin/python {sys.argv[0]}")

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCORERS = ["ratio", "token_sort_ratio", "token_set_ratio", "partial_ratio", "WRatio"]


def load(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [(r["a"], r["b"], int(r["label"]), r["case"]) for r in csv.DictReader(f)]


def best_threshold(scores, labels):
    """The threshold (one of the scores) whose predictions `score >= t` have the highest F1;
    ties go to the higher threshold. Returns (threshold, precision, recall, f1)."""
    positives = sum(labels)
    pairs = sorted(zip(scores, labels), key=lambda p: -p[0])
    best = (None, 0.0, 0.0, -1.0)
    tp = fp = 0
    i = 0
    while i < len(pairs):
        t = pairs[i][0]
        while i < len(pairs) and pairs[i][0] == t:   # everything scoring t is predicted together
            tp += pairs[i][1]
            fp += 1 - pairs[i][1]
            i += 1
        precision = tp / (tp + fp)
        recall = tp / positives if positives else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > best[3]:
            best = (t, precision, recall, f1)
    return best


def evaluate(pairs):
    labels = [p[2] for p in pairs]
    results = []
    for name in SCORERS:
        scorer = getattr(fuzz, name)
        for processor in (None, utils.default_process):
            scores = [scorer(a, b, processor=processor) for a, b, _, _ in pairs]
            t, p, r, f1 = best_threshold(scores, labels)
            results.append({
                "scorer": "fuzz." + name,
                "processor": "utils.default_process" if processor else None,
                "threshold": round(t, 2), "precision": round(p, 4), "recall": round(r, 4),
                "f1": round(f1, 4), "_scores": scores,
            })
    best = max(results, key=lambda x: x["f1"])
    per_case = {}
    for (a, b, label, case), s in zip(pairs, best["_scores"]):
        c = per_case.setdefault(case, {"label": label, "pairs": 0, "correct": 0, "_sum": 0.0})
        c["pairs"] += 1
        c["correct"] += int((s >= best["threshold"]) == bool(label))
        c["_sum"] += s
    for c in per_case.values():
        c["accuracy"] = round(c["correct"] / c["pairs"], 4)
        c["mean_score"] = round(c.pop("_sum") / c["pairs"], 2)
    for r in results:
        del r["_scores"]
    # the floor: calling every pair a duplicate
    everything = 2 * sum(labels) / (len(labels) + sum(labels))
    return {
        "rapidfuzz": rapidfuzz.__version__,
        "pairs": len(pairs), "duplicates": sum(labels), "f1_all_duplicates": round(everything, 4),
        "scorers": results,
        "best": {"scorer": best["scorer"], "processor": best["processor"], "threshold": best["threshold"],
                 "per_case": per_case},
    }


def main():
    args = [a for a in sys.argv[1:] if a != "--json"]
    path = args[0] if args else os.path.join(ROOT, "data", "projects", "duplicate_pairs.csv")
    report = evaluate(load(path))
    if "--json" in sys.argv[1:]:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    print("rapidfuzz %s, %d pairs (%d duplicates), threshold chosen in hindsight for the best F1"
          % (report["rapidfuzz"], report["pairs"], report["duplicates"]))
    print("(calling every pair a duplicate scores F1 %.3f)" % report["f1_all_duplicates"])
    print()
    print("%-24s %-22s %9s %9s %7s %7s" % ("scorer", "processor", "threshold", "precision", "recall", "F1"))
    for r in report["scorers"]:
        print("%-24s %-22s %9.2f %9.3f %7.3f %7.3f" % (r["scorer"], r["processor"] or "-", r["threshold"],
                                                       r["precision"], r["recall"], r["f1"]))
    b = report["best"]
    print()
    print("per case, %s%s at >= %.2f:" % (b["scorer"], " + " + b["processor"] if b["processor"] else "", b["threshold"]))
    print("%-16s %5s %5s %8s %10s" % ("case", "label", "pairs", "accuracy", "mean score"))
    for case, c in b["per_case"].items():
        print("%-16s %5d %5d %8.3f %10.1f" % (case, c["label"], c["pairs"], c["accuracy"], c["mean_score"]))


if __name__ == "__main__":
    main()
