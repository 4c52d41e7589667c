namespace EdgeSdk.Nmea;

/// <summary>
/// <c>$BDFKI</c>, the terminal's feedback on a command, in two layouts told apart by the first field:
/// protocol 2.1 <c>$BDFKI,command,executed,frequencyOk,inhibit,wait*hh</c> (e.g. <c>TXA,N,Y,4,0000</c>) and
/// BDS-3 <c>$BDFKI,hhmmss,command,executed,reason,wait*hh</c> (e.g. <c>080432,TCQ,Y,0,0</c>).
/// </summary>
public sealed class RdssFkiSentence : RdssSentence
{
    /// <summary>Creates an empty feedback (written as <c>$BDFKI</c>, 2.1 layout).</summary>
    public RdssFkiSentence() : base(false)
    {
    }

    /// <inheritdoc/>
    public override RdssSentenceKind Kind => RdssSentenceKind.Fki;

    /// <summary>Which layout the sentence has (BDS-3 when the first field is a time).</summary>
    public RdssProtocol Protocol { get; set; }

    /// <summary>BDS-3 only: the UTC time of the feedback (<c>hhmmss</c>).</summary>
    public NmeaTime TimeUtc { get; set; }

    /// <summary>The command the feedback is about (<c>TXA</c>, <c>TCQ</c>, <c>ICA</c>, ...).</summary>
    public NmeaText Command { get; } = new NmeaText(8);

    /// <summary>Executed: 1 (Y), 0 (N), -1 absent.</summary>
    public int Executed { get; set; } = -1;

    /// <summary>Protocol 2.1 only: frequency (service interval) respected: 1 (Y), 0 (N), -1 absent.</summary>
    public int FrequencyOk { get; set; } = -1;

    /// <summary>
    /// The reason code: 2.1 "transmit inhibit" indication, BDS-3 failure reason (1 service interval not yet
    /// over, 2 transmit inhibited, 3 radio silence, 4 power not locked, 5 no IC module, 6 no permission);
    /// 0 none; -1 absent.
    /// </summary>
    public int ReasonCode { get; set; } = -1;

    /// <summary>Seconds to wait before the next send (the rest of the service interval); -1 absent.</summary>
    public int WaitSeconds { get; set; } = -1;

    /// <summary>Digits the wait is written with (2.1 terminals write four).</summary>
    public int WaitDigits { get; set; } = 4;

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 5;

    /// <inheritdoc/>
    protected override string Letters => "FKI";

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        ReadAddress(s);
        byte first = s.GetFieldByte(1, 0);
        Protocol = first >= '0' && first <= '9' ? RdssProtocol.Bds3 : RdssProtocol.V21;
        int at = 1;
        if (Protocol == RdssProtocol.Bds3)
        {
            TimeUtc = ReadTime(s, 1);
            at = 2;
        }
        else
        {
            TimeUtc = default;
        }

        s.TryGetText(at, Command);
        Executed = RdssFields.ReadFlag(s, at + 1);
        if (Protocol == RdssProtocol.V21)
        {
            FrequencyOk = RdssFields.ReadFlag(s, at + 2);
            at++;
        }
        else
        {
            FrequencyOk = -1;
        }

        ReasonCode = ReadInt(s, at + 2, -1);
        WaitSeconds = RdssFields.ReadDigits(s, at + 3, out int digits);
        WaitDigits = digits;
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        BeginAddress(w);
        if (Protocol == RdssProtocol.Bds3)
        {
            NmeaTime t = TimeUtc;
            if (t.IsValid)
            {
                w.Time(t.Hour, t.Minute, t.Second, 0, 0);
            }
            else
            {
                w.Empty();
            }
        }

        w.Field(Command);
        RdssFields.WriteFlag(w, Executed);
        if (Protocol == RdssProtocol.V21)
        {
            RdssFields.WriteFlag(w, FrequencyOk);
        }

        w.FieldOrEmpty(ReasonCode, 1);
        RdssFields.WriteDigits(w, WaitSeconds, WaitDigits);
    }
}
