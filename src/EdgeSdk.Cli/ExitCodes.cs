namespace EdgeSdk.Cli;

/// <summary>
/// The exit codes of every <c>edgesdk</c> command, in one place (the table is in README.md): scripts and
/// service managers tell "fix your command line" from "the data was bad" from "try again later" by them.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Everything worked; for a command that delivers, everything was delivered.</summary>
    public const int Ok = 0;

    /// <summary>The command ran but the data was a problem: no valid NMEA in the input, fixes lost, dropped or refused.</summary>
    public const int DataProblem = 1;

    /// <summary>
    /// The command could not start: a mistyped command or option, a bad value, a missing file or port, an
    /// unusable folder, an unreachable broker. One line on stderr names the resource and the fix.
    /// </summary>
    public const int Usage = 2;

    /// <summary>Nothing lost, but not everything delivered yet: fixes wait in the durable queue for the next run.</summary>
    public const int DeliveredLater = 3;

    /// <summary>Stopped by Ctrl+C (SIGINT) or SIGTERM; the command reported what it had done (128 + SIGINT, as shells do).</summary>
    public const int Interrupted = 130;
}
