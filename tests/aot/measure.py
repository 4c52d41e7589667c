#!/usr/bin/env python3
"""Start-up, first-output, throughput and memory figures for builds of `edgesdk` (not a test: run by hand,
once, for the README; see tests/aot/README.md). Each BUILD is NAME=COMMAND-PREFIX, e.g.
  jit="dotnet .artifacts/aot/jit/edgesdk.dll"  aot=.artifacts/aot/linux-x64/edgesdk
Modes:
  first-line ROUNDS ARGS...   ms from spawn to the first complete stdout line; builds interleaved per round
  cpu ROUNDS ARGS...          whole one-shot runs: CPU ms (user+sys, from wait4) and wall ms; builds interleaved.
                              CPU time holds on a busy machine, where wall time mostly measures the queue.
  run ARGS...                 one run: wall s, CPU s, stdout bytes (MB/s), peak RSS (ru_maxrss) and the
                              last VmRSS sampled before exit
  smaps ARGS...               one run: where the RSS is, from /proc/PID/smaps sampled every 20 ms, at the sample
                              with the most RSS: the program's own file, anonymous memory (GC heap, runtime data,
                              stacks) and each shared library (ICU, OpenSSL, libc...)
"""
import collections, os, re, shlex, statistics, subprocess, sys, tempfile, time

def spawn(prefix, args):
    return subprocess.Popen(shlex.split(prefix) + args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0)

def first_line(prefix, args):
    start = time.perf_counter()
    p = spawn(prefix, args)
    seen = b""
    while b"\n" not in seen:
        chunk = p.stdout.read(65536)
        if not chunk:
            break
        seen += chunk
    elapsed = (time.perf_counter() - start) * 1000
    p.stdout.close()
    p.kill()
    p.wait()
    return elapsed if b"\n" in seen else float("nan")

def run(prefix, args):
    # stdout goes to a file (in /dev/shm when there is one), so the figure is the command's, not a reader's.
    folder = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.TemporaryFile(dir=folder) as sink:
        start = time.perf_counter()
        p = subprocess.Popen(shlex.split(prefix) + args, stdout=sink, stderr=subprocess.DEVNULL)
        last_rss = 0
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid != 0:
                break
            try:
                with open(f"/proc/{p.pid}/status") as f:
                    for line in f:
                        if line.startswith("VmRSS:"):
                            last_rss = int(line.split()[1])
            except OSError:
                pass
            time.sleep(0.02)
        wall = time.perf_counter() - start
        p.returncode = os.waitstatus_to_exitcode(status)
        total = sink.seek(0, os.SEEK_END)
    cpu = usage.ru_utime + usage.ru_stime
    return wall, cpu, total, usage.ru_maxrss, last_rss, p.returncode

def rss_by_mapping(pid, program):
    """kB of RSS per mapping group, from /proc/PID/smaps; None once the process is gone."""
    groups = collections.Counter()
    name = None
    try:
        with open(f"/proc/{pid}/smaps") as f:
            for line in f:
                if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
                    fields = line.split(maxsplit=5)
                    path = fields[5].strip() if len(fields) > 5 else ""
                    if path in ("", "[heap]", "[stack]") or path.startswith("[anon"):
                        name = "anonymous (GC heap, runtime data, malloc, stacks)"
                    elif os.path.basename(path) == os.path.basename(program):
                        name = f"{os.path.basename(path)} (the program file)"
                    elif path.startswith("["):
                        name = path
                    else:
                        name = re.sub(r"\.so[.0-9]*$", ".so", os.path.basename(path))
                elif line.startswith("Rss:"):
                    groups[name] += int(line.split()[1])
    except OSError:
        return None
    return groups

def smaps(prefix, args):
    program = shlex.split(prefix)[0]
    p = subprocess.Popen(shlex.split(prefix) + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = collections.Counter()
    while p.poll() is None:
        groups = rss_by_mapping(p.pid, program)
        if groups and sum(groups.values()) > sum(peak.values()):
            peak = groups
        time.sleep(0.02)
    return peak, p.returncode

def main():
    mode = sys.argv[1]
    builds = [b.split("=", 1) for b in os.environ["BUILDS"].split(";")]
    if mode == "first-line":
        rounds, args = int(sys.argv[2]), sys.argv[3:]
        samples = {name: [] for name, _ in builds}
        for _ in range(rounds):
            for name, prefix in builds:
                samples[name].append(first_line(prefix, args))
        for name, _ in builds:
            s = sorted(samples[name])
            print(f"{name:10} first line of `{' '.join(args)}`: median {statistics.median(s):7.1f} ms, "
                  f"min {s[0]:7.1f}, max {s[-1]:7.1f} ({rounds} rounds)")
    elif mode == "cpu":
        rounds, args = int(sys.argv[2]), sys.argv[3:]
        samples = {name: [] for name, _ in builds}
        for _ in range(rounds):
            for name, prefix in builds:
                wall, cpu, _, _, _, _ = run(prefix, args)
                samples[name].append((cpu * 1000, wall * 1000))
        for name, _ in builds:
            cpu = sorted(c for c, _ in samples[name])
            wall = sorted(w for _, w in samples[name])
            print(f"{name:10} `{' '.join(args)}`: CPU median {statistics.median(cpu):7.1f} ms (min {cpu[0]:6.1f}), "
                  f"wall median {statistics.median(wall):7.1f} ms (min {wall[0]:6.1f}) ({rounds} rounds)")
    elif mode == "run":
        args = sys.argv[2:]
        for name, prefix in builds:
            wall, cpu, total, maxrss, rss, code = run(prefix, args)
            print(f"{name:10} `{' '.join(args)}`: exit {code}, wall {wall:6.2f} s, CPU {cpu:6.2f} s, "
                  f"{total / 1e6:7.1f} MB out = {total / 1e6 / wall:6.1f} MB/s wall, {total / 1e6 / cpu:6.1f} MB/s CPU, peak RSS {maxrss / 1024:5.1f} MB, "
                  f"last VmRSS {rss / 1024:5.1f} MB")
    elif mode == "smaps":
        args = sys.argv[2:]
        for name, prefix in builds:
            peak, code = smaps(prefix, args)
            print(f"{name:10} `{' '.join(args)}`: exit {code}, RSS at the peak sample {sum(peak.values()) / 1024:5.1f} MB")
            for group, kb in peak.most_common():
                if kb >= 100:
                    print(f"    {kb / 1024:6.1f} MB  {group}")
    else:
        sys.exit(__doc__)

main()
