using System.Diagnostics;
using SharpFuzz;

namespace EdgeSdk.Fuzz;

/// <summary>
/// Entry point of the fuzz harnesses: <c>afl TARGET</c> runs one target under afl-fuzz (SharpFuzz's persistent
/// in-process AFL mode), <c>run TARGET FILE|DIR...</c> replays saved inputs (seeds, crashes) and exits 1 on the
/// first one that fails, printing the exception; <c>seeds DIR</c> writes the encoder-made seeds; <c>list</c> prints the targets.
/// </summary>
public static class Program
{
    /// <summary>Runs the command line described above.</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 1 && args[0] == "list")
        {
            foreach (FuzzTarget t in FuzzTargets.All)
            {
                Console.WriteLine($"{t.Name,-10} {t.Description}");
            }

            return 0;
        }

        if (args.Length == 2 && args[0] == "seeds")
        {
            SeedWriter.Write(args[1]);
            return 0;
        }

        if (args.Length < 2 || FuzzTargets.Find(args[1]) is not { } target)
        {
            Console.Error.WriteLine($"usage: EdgeSdk.Fuzz afl TARGET | run TARGET FILE|DIR... | list   (targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))})");
            return 2;
        }

        switch (args[0])
        {
            case "afl":
                // Persistent mode: afl-fuzz writes each input to our stdin; an exception escaping the target is a crash,
                // an input that runs past afl-fuzz's -t limit a hang.
                Fuzzer.Run(stream =>
                {
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    target.Run(copy.ToArray());
                });
                return 0;
            case "run":
                return Replay(target, args.Skip(2));
            default:
                Console.Error.WriteLine($"unknown mode '{args[0]}': use afl, run or list");
                return 2;
        }
    }

    private static int Replay(FuzzTarget target, IEnumerable<string> paths)
    {
        var files = paths.SelectMany<string, string>(p => Directory.Exists(p) ? Directory.GetFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal) : [p]).ToList();
        var watch = Stopwatch.StartNew();
        foreach (string file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine($"{target.Name}: {file} fails: {ex}");
                return 1;
            }
        }

        Console.WriteLine($"{target.Name}: {files.Count} inputs replayed without a failure in {watch.ElapsedMilliseconds} ms");
        return 0;
    }
}
