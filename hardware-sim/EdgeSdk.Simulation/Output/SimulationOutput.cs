using System.Globalization;
using System.Net;
using EdgeSdk.Simulation.Devices;

namespace EdgeSdk.Simulation.Output;

/// <summary>
/// Where the simulated receiver's bytes go, from a target string: <c>-</c> (stdout), a file path,
/// <c>tcp://127.0.0.1:PORT</c> (a server; port 0 picks a free one) or <c>pty[:LINKPATH]</c>
/// (a <see cref="PseudoTerminal"/>, optionally linked at LINKPATH).
/// </summary>
public sealed class SimulationOutput : IAsyncDisposable
{
    private SimulationOutput(Stream stream, string description, PseudoTerminal? pty, int? tcpPort)
    {
        Stream = stream;
        Description = description;
        PseudoTerminal = pty;
        TcpPort = tcpPort;
    }

    /// <summary>The stream to pass to <see cref="GnssSimulator.RunAsync"/>.</summary>
    public Stream Stream { get; }

    /// <summary>Where the data goes, for people: "stdout", the file path, "tcp://127.0.0.1:40123", or "pty /dev/pts/4 (link /tmp/gnss0)".</summary>
    public string Description { get; }

    /// <summary>The pseudo-terminal for <c>pty</c> targets, else null.</summary>
    public PseudoTerminal? PseudoTerminal { get; }

    /// <summary>The listening port for <c>tcp://</c> targets, else null.</summary>
    public int? TcpPort { get; }

    /// <summary>Opens the target.</summary>
    /// <exception cref="ArgumentException">A malformed tcp:// target.</exception>
    /// <exception cref="IOException">The file, port or pseudo-terminal cannot be opened (the message names it).</exception>
    public static SimulationOutput Open(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        if (target == "-")
        {
            return new SimulationOutput(Console.OpenStandardOutput(), "stdout", null, null);
        }

        if (target == "pty" || target.StartsWith("pty:", StringComparison.Ordinal))
        {
            PseudoTerminal pty = PseudoTerminal.Open(target.Length > 4 ? target[4..] : null);
            string description = pty.LinkPath == null ? $"pty {pty.SlavePath}" : $"pty {pty.SlavePath} (link {pty.LinkPath})";
            return new SimulationOutput(pty.Stream, description, pty, null);
        }

        if (target.StartsWith("tcp://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(target, UriKind.Absolute, out Uri? uri) || !IPAddress.TryParse(uri.Host, out IPAddress? address) || uri.Port < 0)
            {
                throw new ArgumentException($"bad TCP target '{target}': use tcp://127.0.0.1:PORT (an IP address; port 0 picks a free port)");
            }

            var server = new TcpBroadcastStream(address, uri.Port);
            return new SimulationOutput(server, string.Create(CultureInfo.InvariantCulture, $"tcp://{uri.Host}:{server.Port}"), null, server.Port);
        }

        try
        {
            return new SimulationOutput(new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.Read), target, null, null);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or DirectoryNotFoundException)
        {
            throw new IOException($"cannot write the output file {target}: {ex.Message}", ex);
        }
    }

    /// <summary>Closes the stream (and the pseudo-terminal or server).</summary>
    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync().ConfigureAwait(false);
        PseudoTerminal?.Dispose();
    }
}
