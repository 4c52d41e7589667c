namespace EdgeSdk.Nmea;

/// <summary>
/// <c>$CCRMO</c>, output control: <c>$CCRMO,sentence,mode,interval*hh</c> — the target sentence
/// (e.g. <c>BSI</c>; empty for modes 3 and 4), the mode (1 switch it off, 2 on, 3 all off, 4 all on) and the
/// output interval in seconds (empty when switching off).
/// </summary>
public sealed class RdssRmoSentence : RdssSentence
{
    /// <summary>Creates an empty output control (written as <c>$CCRMO</c>).</summary>
    public RdssRmoSentence() : base(true)
    {
    }

    /// <inheritdoc/>
    public override RdssSentenceKind Kind => RdssSentenceKind.Rmo;

    /// <summary>The target sentence's three letters (<c>BSI</c>, ...); empty for all sentences.</summary>
    public NmeaText TargetSentence { get; } = new NmeaText(8);

    /// <summary>1 switch off, 2 switch on, 3 all off, 4 all on; -1 absent.</summary>
    public int Mode { get; set; } = -1;

    /// <summary>Output interval in seconds; NaN absent.</summary>
    public double IntervalSeconds { get; set; } = double.NaN;

    /// <summary>Decimals the interval is written with (0 for <c>1</c>, 1 for <c>1.5</c>).</summary>
    public int IntervalDecimals { get; set; }

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 2;

    /// <inheritdoc/>
    protected override string Letters => "RMO";

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        ReadAddress(s);
        s.TryGetText(1, TargetSentence);
        Mode = ReadInt(s, 2, -1);
        IntervalSeconds = ReadDouble(s, 3);
        IntervalDecimals = 0;
        int n = s.GetFieldLength(3);
        for (int i = 0; i < n; i++)
        {
            if (s.GetFieldByte(3, i) == '.')
            {
                IntervalDecimals = n - i - 1;
                break;
            }
        }
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        BeginAddress(w);
        w.Field(TargetSentence);
        w.FieldOrEmpty(Mode, 1);
        w.Field(IntervalSeconds, IntervalDecimals);
    }
}
