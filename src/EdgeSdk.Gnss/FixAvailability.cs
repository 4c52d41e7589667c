namespace EdgeSdk.Gnss;

/// <summary>
/// Follows a receiver's fixes and says when the position is acquired, lost and regained, and for how
/// long it was missing: what a dashboard, a log or an alarm reports instead of every fix.
/// </summary>
/// <example>
/// <code>
/// var availability = new FixAvailability();
/// await foreach (GnssFix fix in receiver.ReadFixesAsync(ct))
///     if (availability.Observe(fix) == FixAvailabilityChange.Regained)
///         Console.WriteLine($"fix back after {availability.LastOutage}");
/// </code>
/// </example>
public sealed class FixAvailability
{
    private DateTime? _lastPositionUtc;
    private bool _everPositioned;

    /// <summary>True while the latest fix has a position.</summary>
    public bool HasPosition { get; private set; }

    /// <summary>How many times the position was lost.</summary>
    public int Losses { get; private set; }

    /// <summary>
    /// Time without a position before the latest <see cref="FixAvailabilityChange.Regained"/>, from the last
    /// positioned fix to the regained one (fix times); zero before any regain or when fixes carry no time.
    /// </summary>
    public TimeSpan LastOutage { get; private set; }

    /// <summary>Satellites with a signal (C/N0 reported) in the fix that caused the latest change.</summary>
    public int SatellitesTracked { get; private set; }

    /// <summary>Takes the next fix and returns what it changed.</summary>
    public FixAvailabilityChange Observe(GnssFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        bool had = HasPosition, has = fix.HasPosition;
        bool first = !_everPositioned;
        HasPosition = has;
        DateTime? previous = _lastPositionUtc;
        if (has)
        {
            _everPositioned = true;
            _lastPositionUtc = fix.TimeUtc ?? _lastPositionUtc;
        }

        FixAvailabilityChange change = (had, has) switch
        {
            (false, true) when first => FixAvailabilityChange.Acquired,
            (false, true) => FixAvailabilityChange.Regained,
            (true, false) => FixAvailabilityChange.Lost,
            _ => FixAvailabilityChange.None,
        };
        if (change == FixAvailabilityChange.None)
        {
            return change;
        }

        SatellitesTracked = fix.Satellites.Count(s => s.SnrDbHz > 0);
        if (change == FixAvailabilityChange.Lost)
        {
            Losses++;
        }
        else if (change == FixAvailabilityChange.Regained)
        {
            LastOutage = previous is DateTime before && fix.TimeUtc is DateTime now && now > before ? now - before : TimeSpan.Zero;
        }

        return change;
    }
}
