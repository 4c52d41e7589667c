namespace EdgeSdk.Nmea;

/// <summary>
/// GBS, satellite fault detection (RAIM): <c>$GNGBS,hhmmss.ss,latErr,lonErr,altErr,svid,prob,bias,stddev,systemId,signalId</c>
/// (system and signal ID from NMEA 4.10).
/// </summary>
public sealed class GbsSentence : NmeaTypedSentence
{
    /// <inheritdoc/>
    public override NmeaSentenceType Type => NmeaSentenceType.Gbs;

    /// <summary>UTC time of the associated fix.</summary>
    public NmeaTime TimeUtc { get; set; }

    /// <summary>Expected error in latitude, metres; NaN when absent.</summary>
    public double LatitudeErrorMeters { get; set; } = double.NaN;

    /// <summary>Expected error in longitude, metres; NaN when absent.</summary>
    public double LongitudeErrorMeters { get; set; } = double.NaN;

    /// <summary>Expected error in altitude, metres; NaN when absent.</summary>
    public double AltitudeErrorMeters { get; set; } = double.NaN;

    /// <summary>Number of the most likely failed satellite as printed; -1 absent.</summary>
    public int FailedSatelliteNumber { get; set; } = -1;

    /// <summary>Identity of the most likely failed satellite (unknown when absent).</summary>
    public SatelliteId FailedSatellite { get; set; }

    /// <summary>Probability of missed detection for that satellite; NaN when absent.</summary>
    public double MissedDetectionProbability { get; set; } = double.NaN;

    /// <summary>Estimated bias on that satellite, metres; NaN when absent.</summary>
    public double BiasMeters { get; set; } = double.NaN;

    /// <summary>Standard deviation of the bias estimate, metres; NaN when absent.</summary>
    public double BiasStandardDeviationMeters { get; set; } = double.NaN;

    /// <summary>NMEA 4.10+ system ID of the failed satellite; -1 absent.</summary>
    public int SystemId { get; set; } = -1;

    /// <summary>NMEA 4.10+ signal ID; -1 absent.</summary>
    public int SignalId { get; set; } = -1;

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 8;

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        TimeUtc = ReadTime(s, 1);
        LatitudeErrorMeters = ReadDouble(s, 2);
        LongitudeErrorMeters = ReadDouble(s, 3);
        AltitudeErrorMeters = ReadDouble(s, 4);
        FailedSatelliteNumber = ReadInt(s, 5, -1);
        MissedDetectionProbability = ReadDouble(s, 6);
        BiasMeters = ReadDouble(s, 7);
        BiasStandardDeviationMeters = ReadDouble(s, 8);
        SystemId = ReadHex(s, 9, -1);
        SignalId = ReadHex(s, 10, -1);
        FailedSatellite = FailedSatelliteNumber > 0 ? SatelliteNumbering.Resolve(Talker, SystemId, FailedSatelliteNumber) : default;
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        w.Begin(TalkerText, "GBS");
        w.Time(TimeUtc);
        w.Field(LatitudeErrorMeters, 1);
        w.Field(LongitudeErrorMeters, 1);
        w.Field(AltitudeErrorMeters, 1);
        w.FieldOrEmpty(FailedSatelliteNumber, 2);
        w.Field(MissedDetectionProbability, 3);
        w.Field(BiasMeters, 1);
        w.Field(BiasStandardDeviationMeters, 1);
        if (SystemId >= 0 || SignalId >= 0)
        {
            w.FieldOrEmpty(SystemId, 1);
            if (SignalId >= 0)
            {
                w.FieldHex(SignalId);
            }
        }
    }
}
