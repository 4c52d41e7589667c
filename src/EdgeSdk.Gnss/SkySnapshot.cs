namespace EdgeSdk.Gnss;

/// <summary>
/// The sky of one fix as values (a copy, never changed after the fix is out), turned into
/// <see cref="SatelliteInfo"/> objects once, on the first read of <see cref="GnssFix.Satellites"/>.
/// </summary>
/// <remarks>
/// Why lazily: most consumers of a fix never look at its satellite objects (a tracker sends the position, the
/// gpsd JSON writer reads the values here directly), and building one object per signal per epoch was most of
/// the fusion's cost. The same snapshot is handed out again while the sky does not change, so fixes of an
/// unchanged sky share one list.
/// </remarks>
internal sealed class SkySnapshot
{
    private readonly SkySignal[] _signals;
    private SatelliteInfo[]? _satellites;

    /// <summary>A sky without signals.</summary>
    public static readonly SkySnapshot Empty = new([], 0);

    /// <summary>Takes <paramref name="signals"/> as they are: the caller gives up the array.</summary>
    public SkySnapshot(SkySignal[] signals, int usedCount)
    {
        _signals = signals;
        UsedCount = usedCount;
    }

    /// <summary>Signals in view.</summary>
    public int Count => _signals.Length;

    /// <summary>Signals marked used.</summary>
    public int UsedCount { get; }

    /// <summary>The signal at <paramref name="index"/>.</summary>
    public ref readonly SkySignal this[int index] => ref _signals[index];

    /// <summary>The signals as objects, built on the first call (from any thread: one list is published).</summary>
    public SatelliteInfo[] Satellites => _satellites ?? Publish();

    private SatelliteInfo[] Publish()
    {
        var sky = new SatelliteInfo[_signals.Length];
        for (int i = 0; i < sky.Length; i++)
        {
            ref SkySignal s = ref _signals[i];
            sky[i] = new SatelliteInfo
            {
                System = s.System,
                Number = s.Number,
                GpsdPrn = s.GpsdPrn,
                GpsdGnssId = s.GpsdGnssId,
                GpsdSvid = s.Number,
                SignalId = s.SignalId,
                GpsdSignalId = s.GpsdSignalId,
                ElevationDegrees = Value(s.Elevation),
                AzimuthDegrees = Value(s.Azimuth),
                SnrDbHz = Value(s.Snr),
                Used = s.Used != 0,
            };
        }

        return Interlocked.CompareExchange(ref _satellites, sky, null) ?? sky;
    }

    private static double? Value(double value) => double.IsNaN(value) ? null : value;
}
