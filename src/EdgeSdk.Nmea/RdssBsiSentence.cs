namespace EdgeSdk.Nmea;

/// <summary>
/// <c>$BDBSI</c>, beam status: <c>$BDBSI,response,timeDifference,p1,...,p10*hh</c> — the response beam and
/// the time-difference beam (two digits each) and the signal level of each beam, 0 (none) to 4 (best). A
/// terminal sends it at the interval set with <c>$CCRMO,BSI,2,n</c>; sending needs a level of at least 2.
/// </summary>
public sealed class RdssBsiSentence : RdssSentence
{
    /// <summary>Most beams kept (the protocol has ten).</summary>
    public const int MaxBeams = 10;

    private readonly int[] _power = new int[MaxBeams];

    /// <summary>Creates an empty beam status.</summary>
    public RdssBsiSentence() : base(false)
    {
    }

    /// <inheritdoc/>
    public override RdssSentenceKind Kind => RdssSentenceKind.Bsi;

    /// <summary>The response beam number; -1 absent.</summary>
    public int ResponseBeam { get; set; } = -1;

    /// <summary>The time-difference beam number; -1 absent.</summary>
    public int TimeDifferenceBeam { get; set; } = -1;

    /// <summary>Number of beam levels present (up to <see cref="MaxBeams"/>).</summary>
    public int BeamCount { get; set; }

    /// <summary>Level of beam <paramref name="index"/> (0-based), 0–4; -1 when absent or out of range.</summary>
    public int GetBeamPower(int index) => index >= 0 && index < BeamCount ? _power[index] : -1;

    /// <summary>Sets the level of beam <paramref name="index"/> (0-based), growing <see cref="BeamCount"/> as needed; false when out of range.</summary>
    public bool SetBeamPower(int index, int level)
    {
        if (index < 0 || index >= MaxBeams)
        {
            return false;
        }

        _power[index] = level;
        if (index >= BeamCount)
        {
            BeamCount = index + 1;
        }

        return true;
    }

    /// <summary>The best beam level (0 when none).</summary>
    public int BestPower
    {
        get
        {
            int best = 0;
            for (int i = 0; i < BeamCount; i++)
            {
                best = _power[i] > best ? _power[i] : best;
            }

            return best;
        }
    }

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 2;

    /// <inheritdoc/>
    protected override string Letters => "BSI";

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        ReadAddress(s);
        ResponseBeam = ReadInt(s, 1, -1);
        TimeDifferenceBeam = ReadInt(s, 2, -1);
        int n = s.FieldCount - 2;
        BeamCount = n > MaxBeams ? MaxBeams : n;
        if (n > MaxBeams)
        {
            s.MarkFieldInvalid(MaxBeams + 3);
        }

        for (int i = 0; i < BeamCount; i++)
        {
            _power[i] = ReadInt(s, i + 3, -1);
        }
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        BeginAddress(w);
        w.FieldOrEmpty(ResponseBeam, 2);
        w.FieldOrEmpty(TimeDifferenceBeam, 2);
        for (int i = 0; i < BeamCount; i++)
        {
            w.FieldOrEmpty(_power[i], 1);
        }
    }
}
