# sample ba put through sim-100k's fault at the degree level: its largest node removed, and each of
# that node's links replaced by its neighbour with a new link to a node chosen in proportion to its
# degree (what a peer does with a link lost to a removal, reattachOnLoss). A neighbour keeps its
# degree; the chosen nodes gain one each. Reads ba/ba-K.txt ("degree count" lines), writes
# ba-with-the-fault/ba-K.txt. Run from the repository root: python3 <this file>
import random
from collections import Counter

DIR = "results/sim-100k/degrees-compare-10-seeds"
for k in range(1, 11):
    degrees = []
    for line in open(f"{DIR}/ba/ba-{k}.txt"):
        if line.startswith("#"):
            continue
        value, count = map(int, line.split())
        degrees += [value] * count
    rng = random.Random(k)
    hub = max(range(len(degrees)), key=lambda i: degrees[i])
    lost = degrees.pop(hub)
    ends = [i for i, d in enumerate(degrees) for _ in range(d)]  # one entry per link end: a draw is in proportion to degree
    for _ in range(lost):
        target = rng.choice(ends)
        degrees[target] += 1
        ends.append(target)
    counts = Counter(degrees)
    with open(f"{DIR}/ba-with-the-fault/ba-{k}.txt", "w") as out:
        out.write(f"# ba/ba-{k}.txt with its largest node ({lost} links) removed and each of its links re-attached in proportion to degree\n")
        for value in sorted(counts):
            out.write(f"{value} {counts[value]}\n")
