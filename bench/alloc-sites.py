#!/usr/bin/env python3
"""Bytes allocated per operation by allocation site, exactly, from the jdk.ObjectAllocationOutsideTLAB
events of a run with -XX:-UseTLAB (every allocation is an event); see bench/alloc-sites.sh.

Usage: alloc-sites.py REC.jfr THREADS MARKER_CLASS [MIN_PER_OP]
  THREADS       comma-separated thread groups (names without trailing digits; JMH workers are
                jmh-worker), e.g. jmh-worker,spoe-client
  MARKER_CLASS  a class allocated exactly once per operation (io.spoe4j.client.SpoeResult for an
                engine exchange): the per-operation divisor, so warm-up and setup are averaged in
                only by their fraction, shown in the x column
  MIN_PER_OP    print sites allocated at least this many times per operation (default 0.9; 0 prints
                everything, setup included)
The site is the first io.spoe4j frame of the stack (the top frame when there is none)."""
import subprocess, sys, collections, re
rec, threads, marker = sys.argv[1], sys.argv[2].split(","), sys.argv[3]
min_per_op = float(sys.argv[4]) if len(sys.argv) > 4 else 0.9
p = subprocess.Popen(["jfr", "print", "--stack-depth", "25", "--events", "jdk.ObjectAllocationOutsideTLAB", rec],
                     stdout=subprocess.PIPE, text=True, bufsize=1 << 20)
by_site = collections.Counter(); counts = collections.Counter(); ops = 0; total = 0
cls = size = th = None; frames = []
def flush():
    global ops, total
    if cls is None or th is None or size is None: return
    g = "jmh-worker" if "jmh-worker" in th else th.rstrip("0123456789-")
    if g not in threads: return
    site = next((f for f in frames if f.startswith("io.spoe4j")), frames[0] if frames else "?")
    if cls == marker: ops += 1
    k = (site, cls.split(".")[-1])
    by_site[k] += size; counts[k] += 1; total += size
for line in p.stdout:
    s = line.strip()
    if s.startswith("jdk.ObjectAllocationOutsideTLAB"):
        flush(); cls = size = th = None; frames = []
    elif s.startswith("objectClass = "):
        cls = s[len("objectClass = "):].split(" (")[0]
    elif s.startswith("allocationSize = "):
        m = re.match(r"allocationSize = ([\d.,]+) (bytes|kB|MB)", s)
        n = float(m.group(1).replace(",", "")); size = int(n * {"bytes": 1, "kB": 1024, "MB": 1048576}[m.group(2)])
    elif s.startswith("eventThread = "):
        th = s.split('"')[1]
    elif s and s[0].isalpha() and "line:" in s and "(" in s:
        name = s.split("(")[0]; ln = s.split("line:")[1].strip()
        frames.append(f"{name}:{ln}")
flush()
ops = max(ops, 1)
steady = sum(w for k, w in by_site.items() if counts[k] / ops >= min_per_op)
print(f"operations (one {marker} each): {ops}; on {','.join(threads)}: {total / ops:.0f} B per operation, "
      f"{steady / ops:.0f} B of it from sites allocating at least {min_per_op}x per operation")
print(f"{'B/op':>8}  {'x/op':>5}  {'class':34} site")
for k, w in by_site.most_common():
    if counts[k] / ops < min_per_op:
        continue
    print(f"{w / ops:8.1f}  {counts[k] / ops:5.2f}  {k[1]:34} {k[0]}")
