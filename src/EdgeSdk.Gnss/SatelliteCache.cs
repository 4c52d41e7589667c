using EdgeSdk.Nmea;

namespace EdgeSdk.Gnss;

/// <summary>
/// Hands out <see cref="SatelliteInfo"/> objects, reusing last epoch's object for a signal whose
/// values did not change (they are immutable, so sharing is safe). A receiver's sky changes
/// slowly and comes in the same order every epoch, so most epochs allocate few or none of them.
/// </summary>
internal sealed class SatelliteCache
{
    private readonly Dictionary<int, SatelliteInfo> _bySignal = [];

    /// <summary>
    /// Returns an object for one GSV satellite block; <paramref name="previous"/> (last epoch's object
    /// at the same position: receivers keep their order) is tried first.
    /// </summary>
    public SatelliteInfo Get(in GsvSatellite satellite, int signalId, int gpsdSignalId, bool used, SatelliteInfo? previous)
    {
        if (previous != null && Matches(previous, satellite, signalId, used))
        {
            return previous;
        }

        int key = Key(satellite.Id.System, satellite.Id.Svid, signalId);
        if (_bySignal.TryGetValue(key, out SatelliteInfo? cached) && Matches(cached, satellite, signalId, used))
        {
            return cached;
        }

        var info = new SatelliteInfo
        {
            System = satellite.Id.System,
            SatelliteId = satellite.Id.Svid,
            Prn = satellite.Id.GpsdPrn,
            GnssId = satellite.Id.GpsdGnssId,
            Svid = satellite.Id.GpsdSvid,
            SignalId = signalId,
            GpsdSignalId = gpsdSignalId,
            ElevationDegrees = Value(satellite.ElevationDegrees),
            AzimuthDegrees = Value(satellite.AzimuthDegrees),
            SnrDbHz = Value(satellite.SnrDbHz),
            Used = used,
        };
        _bySignal[key] = info;
        return info;
    }

    /// <summary>The same signal with another <see cref="SatelliteInfo.Used"/> (a GSA came after its GSV).</summary>
    public SatelliteInfo WithUsed(SatelliteInfo info, bool used)
    {
        var copy = new SatelliteInfo
        {
            System = info.System,
            SatelliteId = info.SatelliteId,
            Prn = info.Prn,
            GnssId = info.GnssId,
            Svid = info.Svid,
            SignalId = info.SignalId,
            GpsdSignalId = info.GpsdSignalId,
            ElevationDegrees = info.ElevationDegrees,
            AzimuthDegrees = info.AzimuthDegrees,
            SnrDbHz = info.SnrDbHz,
            Used = used,
        };
        _bySignal[Key(info.System, info.SatelliteId, info.SignalId)] = copy;
        return copy;
    }

    private static int Key(GnssSystem system, int svid, int signalId) => ((int)system << 16) | (svid << 4) | (signalId & 0xF);

    private static bool Matches(SatelliteInfo info, in GsvSatellite satellite, int signalId, bool used)
        => info.Used == used && info.SatelliteId == satellite.Id.Svid && info.System == satellite.Id.System && info.SignalId == signalId
            && Same(info.ElevationDegrees, satellite.ElevationDegrees) && Same(info.AzimuthDegrees, satellite.AzimuthDegrees)
            && Same(info.SnrDbHz, satellite.SnrDbHz);

    private static bool Same(double? kept, double value) => kept is double k ? k == value : double.IsNaN(value);

    private static double? Value(double value) => double.IsNaN(value) ? null : value;
}
