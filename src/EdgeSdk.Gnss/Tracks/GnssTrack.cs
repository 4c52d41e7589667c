using EdgeSdk.Positioning;

namespace EdgeSdk.Gnss.Tracks;

/// <summary>
/// A vehicle's track: the positioned fixes in order, with the distance driven. Fixes without a
/// position (no fix, tunnels) are skipped, so the track jumps across the gap as a map shows it.
/// </summary>
/// <remarks>
/// Bounded for tracks that run for ever: when <see cref="MaxPoints"/> points are held, every second
/// point is dropped (the first is kept) and from then on only every
/// <see cref="KeepEvery"/>-th fix is recorded, doubling each time the track fills again. So the
/// points always cover the whole drive at an even (coarser) spacing, memory stays below
/// <see cref="MaxPoints"/> points, and <see cref="DistanceMeters"/> — measured by an
/// <see cref="Odometer"/> on every fix, not on the kept points — does not change by downsampling.
/// </remarks>
public sealed class GnssTrack
{
    /// <summary>Default bound: a day of 1 Hz fixes (about 4 MB).</summary>
    public const int DefaultMaxPoints = 86_400;

    private readonly List<TrackPoint> _points = new();
    private readonly Odometer _odometer = new();
    private long _offered;

    /// <summary>Creates an empty track with a name used in the exported files.</summary>
    /// <param name="name">Track name (device ID or scenario).</param>
    /// <param name="maxPoints">Most points held; at least 2.</param>
    public GnssTrack(string name, int maxPoints = DefaultMaxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 2);
        Name = name;
        MaxPoints = maxPoints;
    }

    /// <summary>The track's name (device ID or scenario).</summary>
    public string Name { get; }

    /// <summary>Most points the track holds before it downsamples.</summary>
    public int MaxPoints { get; }

    /// <summary>One point is kept per this many positioned fixes (1 until the track first fills; then 2, 4, 8...).</summary>
    public int KeepEvery { get; private set; } = 1;

    /// <summary>Positioned fixes offered to the track, kept or not.</summary>
    public long PositionedFixes => _offered;

    /// <summary>The positions recorded so far (downsampled as described in the remarks).</summary>
    public IReadOnlyList<TrackPoint> Points => _points;

    /// <summary>Distance driven, meters: the streaming <see cref="Odometer"/> over every positioned fix (stationary jitter not counted).</summary>
    public double DistanceMeters => _odometer.DistanceMeters;

    /// <summary>Time from the first to the last point.</summary>
    public TimeSpan Duration => _points.Count < 2 ? TimeSpan.Zero : _points[^1].TimeUtc - _points[0].TimeUtc;

    /// <summary>Adds a fix if it has a position and a time; returns whether it was added.</summary>
    public bool Add(GnssFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        if (!fix.HasPosition || fix.TimeUtc is not DateTime time)
        {
            return false;
        }

        Add(new TrackPoint(time, fix.LatitudeDegrees!.Value, fix.LongitudeDegrees!.Value, fix.AltitudeMslMeters, fix.SpeedMetersPerSecond), fix.Hdop);
        return true;
    }

    /// <summary>Adds a point.</summary>
    public void Add(TrackPoint point) => Add(point, null);

    private void Add(TrackPoint point, double? hdop)
    {
        _odometer.Add(new PositionSample(point.TimeUtc, true, point.LatitudeDegrees, point.LongitudeDegrees,
            point.SpeedMetersPerSecond ?? double.NaN, hdop ?? double.NaN));
        if (_offered++ % KeepEvery != 0)
        {
            return;
        }

        if (_points.Count == MaxPoints)
        {
            // Keep points 0, 2, 4, ... and halve the rate from now on: the spacing stays even.
            int kept = 0;
            for (int i = 0; i < _points.Count; i += 2)
            {
                _points[kept++] = _points[i];
            }

            _points.RemoveRange(kept, _points.Count - kept);
            KeepEvery *= 2;
        }

        _points.Add(point);
    }
}
