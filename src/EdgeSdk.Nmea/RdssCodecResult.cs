namespace EdgeSdk.Nmea;

/// <summary>Why <see cref="RdssPositionCodec"/>.TryDecode refused a report. Each has its own counter in <see cref="RdssPositionCodec"/>.</summary>
public enum RdssCodecResult
{
    /// <summary>Decoded.</summary>
    Ok = 0,
    /// <summary>The bytes end before the fixes the header announces.</summary>
    Truncated,
    /// <summary>The first four bits are not the report marker (not a compact position report).</summary>
    NotAReport,
    /// <summary>A value out of its range (latitude beyond ±90°, longitude beyond ±180°, heading ≥ 360°).</summary>
    InvalidValue,
    /// <summary>The target array is too small for the fixes in the report.</summary>
    TargetTooSmall,
}
