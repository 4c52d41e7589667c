using System.Diagnostics;

namespace EdgeSdk.Telemetry.Tests;

/// <summary>A small tmpfs mounted on a temporary directory (needs root), unmounted on dispose: a disk that fills up or turns read-only.</summary>
public sealed class Tmpfs : IDisposable
{
    private Tmpfs(string path) => Path = path;

    public string Path { get; }

    public static Tmpfs Mount(int sizeKiB, bool readOnly = false)
    {
        string path = Directory.CreateTempSubdirectory("edgesdk-tmpfs-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={sizeKiB}k{(readOnly ? ",ro" : string.Empty)}", "tmpfs", path);
        return new Tmpfs(path);
    }

    /// <summary>Writes a file of zeros until the filesystem is full, leaving <paramref name="leaveBytes"/> free (rounded to pages).</summary>
    public string Fill(long leaveBytes)
    {
        string filler = System.IO.Path.Combine(Path, "filler");
        var info = new DriveInfo(Path);
        long size = Math.Max(0, info.AvailableFreeSpace - leaveBytes);
        using var file = new FileStream(filler, FileMode.Create, FileAccess.Write);
        file.Write(new byte[size]);
        return filler;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static void Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)} failed: {error}");
        }
    }
}

/// <summary>A fact that needs root (to mount a tmpfs); skipped with that reason otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root")
        {
            Skip = "needs root to mount a small tmpfs (disk full / read-only filesystem); run the test command as root";
        }
    }
}
