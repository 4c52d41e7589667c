namespace EdgeSdk.Tracker;

/// <summary>The UART the GNSS module is wired to (board glue: nanoFramework.System.IO.Ports; tests: a pseudo-terminal).</summary>
public interface ISerialLink
{
    /// <summary>
    /// Reads what has arrived, waiting at most the link's read timeout (a few tens of milliseconds). Returns 0
    /// when nothing arrived in that time; never throws for a timeout.
    /// </summary>
    /// <param name="buffer">Receives the bytes.</param>
    /// <param name="offset">Where to start in <paramref name="buffer"/>.</param>
    /// <param name="count">Most bytes to read.</param>
    int Read(byte[] buffer, int offset, int count);
}
