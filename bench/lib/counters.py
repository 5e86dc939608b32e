"""Sums dotnet-counters CSV files (one per side) into requests, allocated bytes and CPU time per request."""
import csv
import sys


def summarise(path):
    allocated = cpu = 0.0
    requests = []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            name, value = row.get("Counter Name", ""), row.get("Mean/Increment", "")
            try:
                number = float(value)
            except ValueError:
                continue
            if name.startswith("dotnet.gc.heap.total_allocated"):
                allocated += number  # a rate: the increment over each interval
            elif name.startswith("dotnet.process.cpu.time"):
                cpu += number
            elif name.startswith("total-requests") or name.startswith("Total Requests"):
                requests.append(number)
    count = max(requests) - min(requests) if requests else 0
    return count, allocated, cpu


print("| side | requests | allocated MB | KB per request | CPU s | CPU ms per request |")
print("|---|---|---|---|---|---|")
for side, path in zip(("API", "raw baseline"), sys.argv[1:]):
    try:
        count, allocated, cpu = summarise(path)
    except OSError as error:
        print(f"| {side} | {error} | | | | |")
        continue
    per = lambda total, scale: f"{total / count * scale:.2f}" if count else "-"
    print(f"| {side} | {count:,.0f} | {allocated / 1e6:,.1f} | {per(allocated, 1 / 1024)} | {cpu:.1f} | {per(cpu, 1000)} |")
