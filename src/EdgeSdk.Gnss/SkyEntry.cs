using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss;

/// <summary>One satellite signal from a GSV set, as kept while an epoch is in progress.</summary>
internal readonly struct SkyEntry(int set, GsvSatellite satellite, int signalId, int gpsdSignalId)
{
    /// <summary>Which GSV set (talker and signal ID) it came from.</summary>
    public int Set { get; } = set;

    public GsvSatellite Satellite { get; } = satellite;

    public int SignalId { get; } = signalId;

    public int GpsdSignalId { get; } = gpsdSignalId;
}
