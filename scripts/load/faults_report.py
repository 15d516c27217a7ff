"""Reading the fault run's records (scripts/faults.sh).

``wait``: block until every probe has succeeded after ``--since`` (prints the seconds it
took, exits 1 after ``--timeout``). ``table``: one row per fault from the faults' JSON
lines and the probes' log: what the users saw while it lasted, committed rows lost,
half-made records, time to recover, and what the signed-in user of the ``page`` probe
saw (HTTP status, the clear page or not) and whether they were still signed in after.
"""

import argparse
import collections
import json
import sys
import time

PROBES = ("apply", "upload", "rpc", "page")


def read_lines(path):
    try:
        with open(path) as lines:
            return [json.loads(line) for line in lines if line.strip()]
    except FileNotFoundError:
        return []


def recovered_at(events, since):
    """When every probe had a success started after ``since`` (None if not yet)."""
    first = {}
    for event in events:
        if event["ok"] and event["t"] > since and event["probe"] not in first:
            first[event["probe"]] = event["t"]
    if all(probe in first for probe in PROBES):
        return max(first.values())
    return None


def signed_in_user(events, fault, end):
    """What the ``page`` probe's user saw during the fault, and still signed in after?"""
    page = [e for e in events if e["probe"] == "page"]
    seen = collections.Counter(
        e["detail"].split(":")[0] if "clear page" not in e["detail"] else e["detail"]
        for e in page
        if not e["ok"] and fault["t_start"] - 1 <= e["t"] <= end
    )
    before = [e for e in page if e["ok"] and e["t"] < fault["t_start"]]
    after = [e for e in page if e["ok"] and e["t"] > fault["t_end"]]
    if not before or not after:
        still = "unknown"
    elif before[-1]["detail"] == after[0]["detail"]:
        still = "still signed in after"
    else:
        still = "**signed out** (had to log in again)"
    saw = "; ".join("%s× %s" % (n, " ".join(d.split())[:80]) for d, n in seen.most_common(3))
    saw = saw or "nothing"
    return "%s — %s" % (saw, still), "signed out" not in still


def wait(args):
    deadline = time.time() + args.timeout
    while time.time() < deadline:
        at = recovered_at(read_lines(args.probe_log), args.since)
        if at:
            print("%.1f" % (at - args.since))
            return 0
        time.sleep(1)
    print("none")
    return 1


def table(args):
    events = read_lines(args.probe_log)
    faults = read_lines(args.faults)
    rows = [
        "| fault | what was done | errors the users saw (probes) | committed rows lost"
        " | half-made (no number / no declaration / no document / document without file)"
        " | recovered by itself in | signed-in user (page probe): what they saw — after | |",
        "|---|---|---|---|---|---|---|---|",
    ]
    all_ok = True
    for fault in faults:
        end = fault["t_end"] + (fault.get("recovered_s") or args.timeout)
        seen = collections.Counter(
            "%s: %s" % (e["probe"], e["detail"])
            for e in events
            if not e["ok"] and fault["t_start"] - 1 <= e["t"] <= end
        )
        checks = fault["checks"]
        lost = sum(checks["lost"].values())
        half = (
            checks["requests_without_number"],
            checks["requests_without_declaration"],
            checks["requests_without_document"],
            checks["documents_without_file"],
        )
        recovered = fault.get("recovered_s")
        if fault.get("skipped"):
            rows.append(
                "| %s | %s | — | %s | — | — | — | skipped |"
                % (fault["name"], fault["action"], lost)
            )
            continue
        user, still_signed_in = signed_in_user(events, fault, end)
        ok = lost == 0 and not any(half) and recovered is not None and still_signed_in
        ok = ok and checks["duplicate_numbers"] == 0 and fault.get("ok", True)
        all_ok = all_ok and ok
        rows.append(
            "| %s | %s | %s | %s | %s | %s | %s | %s |"
            % (
                fault["name"],
                fault["action"],
                "; ".join("%s× %s" % (n, " ".join(d.split())[:140]) for d, n in seen.most_common(4))
                or "none",
                lost,
                " / ".join(str(n) for n in half),
                "%s s" % recovered if recovered is not None else "not within %s s" % args.timeout,
                user,
                "ok" if ok else "FAILED",
            )
        )
    print("\n".join(rows))
    return 0 if all_ok else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("command", choices=("wait", "table"))
    parser.add_argument("--probe-log", required=True)
    parser.add_argument("--since", type=float, default=0)
    parser.add_argument("--timeout", type=float, default=60)
    parser.add_argument("--faults")
    args = parser.parse_args()
    sys.exit(wait(args) if args.command == "wait" else table(args))


if __name__ == "__main__":
    main()
