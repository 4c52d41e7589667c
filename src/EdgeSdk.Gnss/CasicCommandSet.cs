using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss;

/// <summary>
/// CASIC <c>$PCAS</c> commands for Zhongkewei AT6558-based modules (ATGM336H, Quectel L76K and
/// similar), encoded by EdgeSdk.Nmea's <see cref="CasicCommands"/>: PCAS02 update interval,
/// PCAS04 constellations, PCAS00 save to flash, PCAS01 baud rate (last).
/// </summary>
public sealed class CasicCommandSet : ReceiverCommandSet
{
    /// <summary>The shared instance (the class holds no state).</summary>
    public static CasicCommandSet Instance { get; } = new();

    private const GnssConstellations Trackable = GnssConstellations.Gps | GnssConstellations.Beidou | GnssConstellations.Glonass;

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
            int length = hz > 0 ? CasicCommands.SetUpdateInterval(writer, 1000 / hz) : 0;
            commands.Add(Take(writer, length, $"CASIC modules update at 1, 2, 4, 5 or 10 Hz, not {hz}"));
        }

        if (settings.Constellations is GnssConstellations systems)
        {
            int length = (systems & ~Trackable) == 0
                ? CasicCommands.SetConstellations(writer, systems.HasFlag(GnssConstellations.Gps), systems.HasFlag(GnssConstellations.Beidou), systems.HasFlag(GnssConstellations.Glonass))
                : 0;
            commands.Add(Take(writer, length, $"CASIC modules track GPS, BeiDou and GLONASS only (asked: {systems})"));
        }

        if (settings.SaveToFlash)
        {
            writer.Begin("PCAS00"); // save the current configuration; CasicCommands has no encoder for it
            commands.Add(Take(writer, writer.End(), "PCAS00 did not fit"));
        }

        if (settings.BaudRate is int baud)
        {
            commands.Add(Take(writer, CasicCommands.SetBaudRate(writer, baud), $"CASIC modules run at 4800, 9600, 19200, 38400, 57600 or 115200 baud, not {baud}"));
        }

        return commands;
    }

    private static byte[] Take(NmeaWriter writer, int length, string error)
        => length > 0 ? writer.Buffer.AsSpan(0, length).ToArray() : throw new ArgumentException(error);
}
