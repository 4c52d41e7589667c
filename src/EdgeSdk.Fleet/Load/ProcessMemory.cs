using System.Globalization;

namespace EdgeSdk.Fleet;

/// <summary>Resident memory of a Linux process from /proc/PID/status (the kernel's own accounting, no sampling).</summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS and VmHWM (peak) in bytes; zeros when the process is gone or /proc is not there.</summary>
    public static (long RssBytes, long PeakRssBytes) Read(int processId)
    {
        long rss = 0, peak = 0;
        try
        {
            foreach (string line in File.ReadLines($"/proc/{processId}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line) * 1024;
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kilobytes(line) * 1024;
                }
            }
        }
        catch (IOException)
        {
            // The process ended between the question and the answer: nothing to report.
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to read.
        }

        return (rss, peak);
    }

    /// <summary>The 1/5/15-minute load averages, or "unknown".</summary>
    public static string LoadAverage()
    {
        try
        {
            string[] parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return parts.Length >= 3 ? $"{parts[0]} {parts[1]} {parts[2]}" : "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    // "VmRSS:	   12345 kB"
    private static long Kilobytes(string line)
    {
        string[] parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long value) ? value : 0;
    }
}
