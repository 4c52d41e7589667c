namespace EdgeSdk.Gnss;

/// <summary>
/// Hands out <see cref="SatelliteInfo"/> objects, reusing last epoch's object for a signal whose
/// values did not change (they are immutable, so sharing is safe). A receiver's sky changes
/// slowly, so most epochs allocate few or none of them.
/// </summary>
internal sealed class SatelliteCache
{
    private const int Slots = 4096;
    private readonly SatelliteInfo?[] _last = new SatelliteInfo?[Slots];

    public SatelliteInfo Get(in SkyEntry entry, bool used)
    {
        int slot = Slot(entry);
        SatelliteInfo? cached = _last[slot];
        double? el = Value(entry.Satellite.ElevationDegrees);
        double? az = Value(entry.Satellite.AzimuthDegrees);
        double? snr = Value(entry.Satellite.SnrDbHz);
        if (cached != null && cached.Used == used && cached.ElevationDegrees == el && cached.AzimuthDegrees == az && cached.SnrDbHz == snr
            && cached.System == entry.Satellite.Id.System && cached.SatelliteId == entry.Satellite.Id.Svid && cached.SignalId == entry.SignalId)
        {
            return cached;
        }

        var info = new SatelliteInfo
        {
            System = entry.Satellite.Id.System,
            SatelliteId = entry.Satellite.Id.Svid,
            Prn = entry.Satellite.Id.GpsdPrn,
            GnssId = entry.Satellite.Id.GpsdGnssId,
            Svid = entry.Satellite.Id.GpsdSvid,
            SignalId = entry.SignalId,
            GpsdSignalId = entry.GpsdSignalId,
            ElevationDegrees = el,
            AzimuthDegrees = az,
            SnrDbHz = snr,
            Used = used,
        };
        _last[slot] = info;
        return info;
    }

    private static double? Value(double value) => double.IsNaN(value) ? null : value;

    // A slot per (system, svid, signal); a rare collision only costs a new object (identity is checked above).
    private static int Slot(in SkyEntry entry)
        => ((((int)entry.Satellite.Id.System & 0xF) << 12) | ((entry.Satellite.Id.Svid & 0xFF) << 4) | (entry.SignalId & 0xF)) % Slots;
}
