using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss;

/// <summary>
/// CASIC <c>$PCAS</c> commands for Zhongkewei AT6558-based modules (ATGM336H, Quectel L76K and
/// similar): PCAS02 update interval, PCAS04 constellations, PCAS00 save, PCAS01 baud rate.
/// </summary>
public sealed class CasicCommandSet : ReceiverCommandSet
{
    /// <summary>The shared instance (the class holds no state).</summary>
    public static CasicCommandSet Instance { get; } = new();

    // PCAS01's rate codes, index = code.
    private static readonly int[] BaudCodes = [4800, 9600, 19200, 38400, 57600, 115200];

    /// <inheritdoc />
    public override string Name => "CASIC";

    /// <inheritdoc />
    public override IReadOnlyList<byte[]> Encode(ReceiverSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var writer = new NmeaWriter();
        var commands = new List<byte[]>();
        if (settings.UpdateRateHz is int hz)
        {
            if (hz is not (1 or 2 or 4 or 5 or 10))
            {
                throw new ArgumentException($"CASIC modules update at 1, 2, 4, 5 or 10 Hz, not {hz}", nameof(settings));
            }

            commands.Add(Command(writer, "PCAS02", 1000 / hz));
        }

        if (settings.Constellations is GnssConstellations systems)
        {
            // PCAS04 mode: bit 0 GPS, bit 1 BDS, bit 2 GLONASS; Galileo/QZSS are not selectable.
            int mode = (systems.HasFlag(GnssConstellations.Gps) ? 1 : 0)
                | (systems.HasFlag(GnssConstellations.Beidou) ? 2 : 0)
                | (systems.HasFlag(GnssConstellations.Glonass) ? 4 : 0);
            if (mode == 0 || (systems & ~(GnssConstellations.Gps | GnssConstellations.Beidou | GnssConstellations.Glonass)) != 0)
            {
                throw new ArgumentException($"CASIC modules track GPS, BeiDou and GLONASS only (asked: {systems})", nameof(settings));
            }

            commands.Add(Command(writer, "PCAS04", mode));
        }

        if (settings.SaveToFlash)
        {
            commands.Add(Command(writer, "PCAS00", null));
        }

        if (settings.BaudRate is int baud)
        {
            int code = Array.IndexOf(BaudCodes, baud);
            if (code < 0)
            {
                throw new ArgumentException($"CASIC modules run at {string.Join(", ", BaudCodes)} baud, not {baud}", nameof(settings));
            }

            commands.Add(Command(writer, "PCAS01", code));
        }

        return commands;
    }

    private static byte[] Command(NmeaWriter writer, string address, int? value)
    {
        writer.Begin(address);
        if (value is int v)
        {
            writer.Field(v);
        }

        int length = writer.End();
        return writer.Buffer.AsSpan(0, length).ToArray();
    }
}
