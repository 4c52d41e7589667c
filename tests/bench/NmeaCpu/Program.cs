using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using EdgeSdk.Gnss;
using EdgeSdk.Nmea;

namespace EdgeSdk.Bench;

/// <summary>
/// <c>NmeaCpu rounds FILE MILLISECONDS [contender...]</c>: one round, interleaved: each contender decodes FILE again and
/// again for about MILLISECONDS of this thread's CPU time, in the order given, and prints
/// <c>name ns-per-sentence-line sentence-lines accepted-per-pass</c>; <c>NmeaCpu once FILE</c>: decode and fuse the file once (a whole
/// process, for comparing with gpsdecode); <c>NmeaCpu passes FILE N CONTENDER</c>: N passes of one contender and the bytes it
/// allocated, for counting instructions with <c>perf stat -e instructions:u</c> (N minus N/2 passes cancels start-up and JIT:
/// a figure that holds on a busy machine, where times do not); <c>NmeaCpu ab DIR_A DIR_B FILE CONTENDER SECONDS</c>: two builds
/// of this program (each with its own libraries) loaded side by side and alternated every few passes, printing B's time
/// over A's: small changes judged on a busy machine, where load moves separate runs by more than the change. Contenders: portable, fast, portable+fuse, fast+fuse, frame-portable, frame-fast, floor.
/// </summary>
public static class Program
{
    private const int ClockThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID on Linux

    public static int Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "once")
        {
            byte[] data = File.ReadAllBytes(args[1]);
            long fixes = ParseAndFuse(NewParser(fast: true), new EpochFusion(), data);
            Console.WriteLine($"fixes {fixes}");
            return 0;
        }

        if (args.Length == 4 && args[0] == "passes" && int.TryParse(args[2], out int count))
        {
            Func<long> pass = Contender(args[3], File.ReadAllBytes(args[1]));
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < count; i++)
            {
                pass();
            }

            Console.WriteLine($"{args[3]} passes {count} allocated {GC.GetAllocatedBytesForCurrentThread() - before} B");
            return 0;
        }

        if (args.Length == 6 && args[0] == "ab" && double.TryParse(args[5], out double seconds))
        {
            return AlternateBuilds(args[1], args[2], File.ReadAllBytes(args[3]), args[4], seconds);
        }

        if (args.Length < 3 || args[0] != "rounds" || !int.TryParse(args[2], out int budgetMs))
        {
            Console.Error.WriteLine("usage: NmeaCpu rounds FILE MILLISECONDS [portable|fast|portable+fuse|fast+fuse|frame-portable|frame-fast|floor ...] | NmeaCpu once FILE | NmeaCpu passes FILE N CONTENDER");
            return 2;
        }

        byte[] bytes = File.ReadAllBytes(args[1]);
        long lines = SentenceLines(bytes);
        string[] contenders = args.Length > 3 ? args[3..] : ["portable", "fast", "portable+fuse", "fast+fuse", "floor"];
        foreach (string name in contenders)
        {
            Func<long> pass = Contender(name, bytes);
            if (pass == null!)
            {
                Console.Error.WriteLine($"unknown contender '{name}' (or this NMEA library has no fast path)");
                return 2;
            }

            long sentences = lines;
            pass(); // warm-up passes: tiered JIT up to the optimised code
            WarmUp(pass, budgetMs * 1_000_000L / 4);

            long passes = 0;
            long start = ThreadCpuNs();
            long end = start + (budgetMs * 1_000_000L);
            long now;
            do
            {
                pass();
                passes++;
                now = ThreadCpuNs();
            }
            while (now < end);

            double ns = (double)(now - start) / (passes * sentences);
            Console.WriteLine($"{name} {ns:F2} {sentences} {pass()}");
        }

        return 0;
    }

    // A/B: each build's Contender in its own load context (its own EdgeSdk libraries), both warmed up, then blocks of
    // 8 passes alternated, each block timed by this thread's CPU time; the ratio of the sums per window of ~0.5 s of
    // CPU, median [min-max] over windows (A/A on this VM: 0.99-1.00).
    private static int AlternateBuilds(string dirA, string dirB, byte[] bytes, string contender, double seconds)
    {
        Func<long> a = BuildContender(dirA, contender, bytes), b = BuildContender(dirB, contender, bytes);
        WarmUp(a, 100_000_000);
        WarmUp(b, 100_000_000);
        var ratios = new List<double>();
        long stop = ThreadCpuNs() + (long)(seconds * 1e9);
        while (ThreadCpuNs() < stop)
        {
            long ta = 0, tb = 0, windowEnd = ThreadCpuNs() + 500_000_000;
            while (ThreadCpuNs() < windowEnd)
            {
                ta += Timed(a);
                tb += Timed(b);
            }

            ratios.Add((double)tb / ta);
        }

        ratios.Sort();
        Console.WriteLine($"{contender} B/A time {ratios[ratios.Count / 2]:F3} [{ratios[0]:F3}-{ratios[^1]:F3}] over {ratios.Count} windows");
        return 0;

        static long Timed(Func<long> pass)
        {
            long t0 = ThreadCpuNs();
            for (int i = 0; i < 8; i++)
            {
                pass();
            }

            return ThreadCpuNs() - t0;
        }
    }

    private static Func<long> BuildContender(string directory, string contender, byte[] bytes)
    {
        string dir = Path.GetFullPath(directory);
        var context = new BuildContext(dir);
        Assembly program = context.LoadFromAssemblyPath(Path.Combine(dir, "NmeaCpu.dll"));
        MethodInfo make = program.GetType(typeof(Program).FullName!)!.GetMethod(nameof(Contender), BindingFlags.NonPublic | BindingFlags.Static)!;
        return (Func<long>)make.Invoke(null, [contender, bytes])!;
    }

    // Loads the build's own copies of the libraries beside it (the default context would answer with this process's).
    private sealed class BuildContext(string directory) : AssemblyLoadContext(Path.GetFileName(directory))
    {
        protected override Assembly? Load(AssemblyName name)
        {
            string path = Path.Combine(directory, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }

    // Runs pass for warmNs of CPU time, then on until the runtime has stopped compiling: the optimised tier is compiled
    // by a background thread, which on a busy machine gets a core only now and then, so a fixed warm-up alone may time
    // the first tier's code (measured on the shared 2-core VM at load 9: the first contender of a run 20-50 % slower
    // than the same contender timed again later in the run). A short sleep before each window lets that thread run;
    // two windows in a row without a new compiled method end the warm-up (at most 12 windows).
    private static void WarmUp(Func<long> pass, long warmNs)
    {
        long quietWindows = 0;
        for (int w = 0; w < 13 && quietWindows < 2; w++)
        {
            long compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            long end = ThreadCpuNs() + warmNs;
            while (ThreadCpuNs() < end)
            {
                pass();
            }

            quietWindows = System.Runtime.JitInfo.GetCompiledMethodCount() == compiled ? quietWindows + 1 : 0;
            Thread.Sleep(50);
        }
    }

    private static Func<long> Contender(string name, byte[] bytes)
    {
        switch (name)
        {
            case "portable":
            {
                NmeaParser p = NewParser(fast: false);
                return () => p.DecodeAll(bytes, 0, bytes.Length);
            }

            case "fast":
            {
                NmeaParser p = NewParser(fast: true);
                return p == null ? null! : () => p.DecodeAll(bytes, 0, bytes.Length);
            }

            case "portable+fuse":
            case "fast+fuse":
            {
                NmeaParser p = NewParser(fast: name == "fast+fuse");
                var fusion = new EpochFusion();
                long sentences = p?.DecodeAll(bytes, 0, bytes.Length) ?? 0;
                return p == null ? null! : () =>
                {
                    ParseAndFuse(p, fusion, bytes);
                    return sentences;
                };
            }

            case "frame-portable":
            case "frame-fast":
            {
                // Framing alone (line end, checksum, fields, address), no typed decoding: where the time goes.
                NmeaParser p = NewParser(fast: name == "frame-fast");
                long sentences = p?.DecodeAll(bytes, 0, bytes.Length) ?? 0;
                return p == null ? null! : () =>
                {
                    NmeaReader reader = p.Reader;
                    reader.Feed(bytes, 0, bytes.Length);
                    reader.Complete();
                    while (reader.Read())
                    {
                    }

                    reader.Reset();
                    return sentences;
                };
            }

            case "floor":
            {
                return () =>
                {
                    Floor(bytes);
                    return 0; // accepts nothing: it only checksums
                };
            }

            default:
                return null!;
        }
    }

    // Lines that start a sentence ('$' or '!' first): the unit every contender, minmea included, is timed per.
    private static long SentenceLines(byte[] b)
    {
        long n = 0;
        for (int i = 0; i < b.Length; i++)
        {
            if ((b[i] == '$' || b[i] == '!') && (i == 0 || b[i - 1] == '\n'))
            {
                n++;
            }
        }

        return n;
    }

    // The checksum-only floor: find each line end and XOR the line, nothing else (a byte loop, as anyone would write it).
    private static int Floor(byte[] b)
    {
        int lines = 0;
        int x = 0;
        int sum = 0;
        for (int i = 0; i < b.Length; i++)
        {
            byte c = b[i];
            if (c == '\n')
            {
                sum += x;
                x = 0;
                lines++;
            }
            else
            {
                x ^= c;
            }
        }

        return lines + sum;
    }

    private static long ParseAndFuse(NmeaParser parser, EpochFusion fusion, byte[] data)
    {
        long fixes = 0;
        parser.Feed(data, 0, data.Length);
        parser.Complete();
        while (parser.Read() != NmeaSentenceType.None)
        {
            fusion.Add(parser.Current);
            while (fusion.TryTakeFix(out _))
            {
                fixes++;
            }
        }

        parser.Reader.Reset();
        fusion.Flush();
        while (fusion.TryTakeFix(out _))
        {
            fixes++;
        }

        return fixes;
    }

    // By reflection, so this program also builds against a library from before the fast path (compare.sh --baseline).
    private static NmeaParser NewParser(bool fast)
    {
        var reader = new NmeaReader { SkipCommentLines = true };
        if (fast)
        {
            PropertyInfo? property = typeof(NmeaReader).GetProperty("FastPath");
            if (property == null)
            {
                return null!;
            }

            property.SetValue(reader, true);
        }

        return new NmeaParser(reader);
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    private static long ThreadCpuNs()
    {
        if (ClockGetTime(ClockThreadCpuTime, out TimeSpec t) != 0)
        {
            throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed: this benchmark needs Linux");
        }

        return (t.Seconds * 1_000_000_000L) + t.Nanoseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
