"""The load test's table (run by scripts/load.sh): locust's CSV statistics per worker
count, throughput ratios against one worker, errors seen by the users, SQL checks."""

import argparse
import csv
import json
import os


def read_stats(prefix):
    with open(prefix + "_stats.csv") as stats:
        return list(csv.DictReader(stats))


def read_failures(prefix):
    path = prefix + "_failures.csv"
    if not os.path.exists(path):
        return []
    with open(path) as failures:
        return list(csv.DictReader(failures))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--results", required=True)
    parser.add_argument("--stamp", required=True)
    parser.add_argument("--workers", required=True)
    parser.add_argument("--scale", default="")
    parser.add_argument("--users", default="")
    parser.add_argument("--run-time", default="")
    args = parser.parse_args()
    workers = args.workers.split()
    lines = [
        "Load test %s: scale %s (files/requests), %s users, %s per worker count"
        % (args.stamp, args.scale, args.users, args.run_time),
        "",
        "| workers | action | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    totals, checks_lines, failure_lines = {}, [], []
    for w in workers:
        prefix = os.path.join(args.results, "%s-w%s" % (args.stamp, w))
        for row in read_stats(prefix):
            name = row["Name"]
            if name == "Aggregated":
                totals[w] = row
                name = "**all**"
            lines.append(
                "| %s | %s | %s | %.1f | %s | %s | %s | %s |"
                % (
                    w,
                    name,
                    row["Request Count"],
                    float(row["Requests/s"]),
                    row["50%"],
                    row["95%"],
                    row["99%"],
                    row["Failure Count"],
                )
            )
        for failure in read_failures(prefix):
            failure_lines.append(
                "- %s worker(s): %s × %s — %s"
                % (w, failure["Occurrences"], failure["Name"], failure["Error"][:200])
            )
        with open(prefix + ".checks.json") as checks_file:
            checks = json.load(checks_file)
        serialization = "?"
        if os.path.exists(prefix + ".serialization"):
            with open(prefix + ".serialization") as count:
                serialization = count.read().strip() or "0"
        checks_lines.append(
            "| %s | %s | %s | %s | %s | %s | %s | %s | %s |"
            % (
                w,
                checks["new"]["beneficiary_support_request"],
                checks["duplicate_numbers"],
                checks["requests_without_number"],
                checks["number_gaps"],
                checks["requests_without_declaration"],
                checks["requests_without_document"],
                checks["documents_without_file"],
                serialization,
            )
        )
    lines += [
        "",
        "| workers | req/s | vs 1 worker | p95 ms (all) | errors |",
        "|---|---|---|---|---|",
    ]
    base = float(totals[workers[0]]["Requests/s"]) if workers and workers[0] in totals else 0
    for w in workers:
        row = totals.get(w)
        if not row:
            continue
        rate = float(row["Requests/s"])
        lines.append(
            "| %s | %.1f | %s | %s | %s |"
            % (w, rate, "%.2f×" % (rate / base) if base else "-", row["95%"], row["Failure Count"])
        )
    lines += [
        "",
        "| workers | requests made | duplicate numbers | without number | number gaps"
        " | without declaration | without document | documents without file"
        " | serialization failures logged (retried by Odoo) |",
        "|---|---|---|---|---|---|---|---|---|",
        *checks_lines,
    ]
    if failure_lines:
        lines += ["", "Errors seen by the users:", *failure_lines]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
