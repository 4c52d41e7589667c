namespace EdgeSdk.Gnss;

/// <summary>What one fix changed about whether a position is available (see <see cref="FixAvailability"/>).</summary>
public enum FixAvailabilityChange
{
    /// <summary>Same as before: still positioned, or still without a position.</summary>
    None,

    /// <summary>The first fix with a position.</summary>
    Acquired,

    /// <summary>A position was available and this fix has none (tunnel, garage, antenna lost).</summary>
    Lost,

    /// <summary>A position again after a loss.</summary>
    Regained,
}
