"""One row of bench/abuse.sh's table from the files one shape left behind, with the issue's targets.

usage: python3 bench/abuse_row.py TARGET SHAPE OUT_PREFIX HEAP
  OUT_PREFIX.attack   the attacker's "attack:" line (or lines, one per attacker process)
  OUT_PREFIX.legit    LegitSwarm's summary
  OUT_PREFIX.pages    PageProbe's summary (Seedcast only)
  OUT_PREFIX.seed     SeedProbe's summary (Seedcast only)
  OUT_PREFIX.samples  "PEAK_FDS BYTES_WRITTEN"
  OUT_PREFIX.cpu      "TARGET_CORES ALL_BUSY_CORES", averaged over the shape
"""
import re
import sys

TARGET_P99_MS = 10.0
TARGET_PAGE_P99_MS = 100.0
TARGET_SEED_P99_MS = 100.0  # ours, not the issue's: a leecher's handshake with the seed waits no longer than a page
TARGET_HEAP_MB = 256


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except FileNotFoundError:
        return ""


def transport(legit, name):
    """(p50, p99) of one transport in LegitSwarm's line, or None."""
    m = re.search(name + r" (\d+) ok, p50 ([\d.]+) ms, p99 ([\d.]+) ms", legit)
    return (float(m.group(2)), float(m.group(3))) if m else None


def attack_line(text):
    """The attacker's "attack:" line; when several attacker processes printed one each with the same
    wording (the slow shapes run two), one line with their figures added up."""
    lines = [l[len("attack: "):] for l in text.splitlines() if l.startswith("attack: ")]
    if not lines:
        return text.strip().replace("\n", " ")[:120] or "no output"
    number = re.compile(r"\d+")
    if len(lines) > 1 and len({number.sub("#", l) for l in lines}) == 1:
        sums = [sum(n) for n in zip(*([int(x) for x in number.findall(l)] for l in lines))]
        figures = iter(sums)
        return number.sub(lambda m: str(next(figures)), lines[0])
    return lines[0]


def main():
    target, shape, out, heap = sys.argv[1:5]
    attack = attack_line(read(out + ".attack"))
    legit = read(out + ".legit")
    failures = re.search(r"failures (\d+) \(udp (\d+), http (\d+)\)", legit)
    udp, http = transport(legit, "udp"), transport(legit, "http")
    udp_fail, http_fail = (int(failures.group(2)), int(failures.group(3))) if failures else (None, None)
    pages = read(out + ".pages")
    page = re.search(r"pages: (\d+) answered, (\d+) failed, p50 ([\d.]+) ms, p99 ([\d.]+) ms", pages)
    seed = re.search(r"seed: (\d+) answered, (\d+) failed, p50 ([\d.]+) ms, p99 ([\d.]+) ms", read(out + ".seed"))
    fds, written = (read(out + ".samples").split() + ["?", "?"])[:2]
    cores = read(out + ".cpu").split()
    cores_text = f"{cores[0]} / {cores[1]}" if len(cores) == 2 else "-"

    missed = []
    if udp_fail is None or udp is None or http is None:
        missed.append("no legitimate figures")
    else:
        if udp_fail + http_fail > 0:
            missed.append("failures")
        if udp[1] > TARGET_P99_MS or http[1] > TARGET_P99_MS:
            missed.append("announce p99")
    if target == "seedcast":
        if not page:
            missed.append("no page figures")
        elif int(page.group(2)) > 0 or float(page.group(4)) > TARGET_PAGE_P99_MS:
            missed.append("pages")
        if not seed:
            missed.append("no seed figures")
        elif int(seed.group(2)) > 0 or float(seed.group(4)) > TARGET_SEED_P99_MS:
            missed.append("seed")
        if heap.isdigit() and int(heap) > TARGET_HEAP_MB:
            missed.append("heap")
        if written.isdigit() and int(written) > 0:
            missed.append("disk")

    def fmt(t, fail):
        return "-" if t is None else f"{t[0]:.2f}/{t[1]:.2f}/{fail}"

    def p99(probe):
        return f"{probe.group(4)}/{probe.group(2)}" if probe else "-"

    written_text = "-" if not written.isdigit() else (f"{int(written) / 1048576:.1f} MB" if int(written) else "0")
    print(f"| {shape} | {target} | {attack} | {fmt(udp, udp_fail)} | {fmt(http, http_fail)} | "
          f"{p99(page)} | {p99(seed)} | {heap} | {fds} | {written_text} | {cores_text} | "
          f"{'met' if not missed else 'MISSED: ' + ', '.join(missed)} |")


main()
