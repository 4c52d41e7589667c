using EdgeSdk.Rdss;

namespace EdgeSdk.Cli;

/// <summary>Opens the RDSS terminal an <c>--rdss PORT</c> option names and reads its card, for the commands that take one.</summary>
internal static class RdssPort
{
    /// <summary>Opens the terminal and reads its card.</summary>
    /// <exception cref="ArgumentException">The terminal cannot be opened or does not answer: one line naming the port and the fix.</exception>
    public static async Task<(RdssTerminal Terminal, RdssCardInfo Card)> OpenAsync(string port, int baud, CancellationToken cancellationToken)
    {
        RdssTerminal terminal;
        try
        {
            terminal = RdssTerminal.OpenSerial(port, baud);
        }
        catch (RdssTerminalException e)
        {
            throw new ArgumentException($"--rdss: {e.Message}", e);
        }

        try
        {
            return (terminal, await terminal.GetCardInfoAsync(cancellationToken));
        }
        catch (RdssTerminalException e)
        {
            await terminal.DisposeAsync();
            throw new ArgumentException($"--rdss: {e.Message}", e);
        }
    }
}
