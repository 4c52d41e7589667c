using System.Diagnostics;

namespace EdgeSdk.Cli.Tests;

/// <summary>Runs the built <c>edgesdk</c> as a separate process, the way a user runs it.</summary>
public static class EdgeSdkProcess
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr);

    public static async Task<Result> RunAsync(string arguments, string? stdin = null, TimeSpan? timeout = null, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        foreach ((string name, string? value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "edgesdk.dll"));
        foreach (string arg in SplitArguments(arguments))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (stdin != null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"edgesdk {arguments} did not exit in time");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    // Quotes group words ("a b"); nothing else is special. Enough for the tests' command lines.
    private static IEnumerable<string> SplitArguments(string arguments)
    {
        var current = new List<char>();
        bool quoted = false;
        foreach (char c in arguments)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ' ' && !quoted)
            {
                if (current.Count > 0)
                {
                    yield return new string(current.ToArray());
                    current.Clear();
                }
            }
            else
            {
                current.Add(c);
            }
        }

        if (current.Count > 0)
        {
            yield return new string(current.ToArray());
        }
    }
}
