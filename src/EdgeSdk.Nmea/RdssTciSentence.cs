namespace EdgeSdk.Nmea;

/// <summary>
/// <c>$BDTCI</c>, BDS-3 communication information (a received message):
/// <c>$BDTCI,sender,receiver,frequencyPoint,hhmmss,encoding,flag,payload*hh</c> — sender and receiver user IDs,
/// frequency point, sending time (UTC <c>hhmmss</c>), encoding (as in <see cref="RdssTcqSentence"/>), a flag
/// field (0 in every public example; vendor parsers skip it) and the payload as hex.
/// </summary>
public sealed class RdssTciSentence : RdssSentence
{
    /// <summary>Creates an empty message (written as <c>$BDTCI</c>).</summary>
    public RdssTciSentence() : base(false)
    {
    }

    /// <inheritdoc/>
    public override RdssSentenceKind Kind => RdssSentenceKind.Tci;

    /// <summary>The sender's user ID; -1 absent.</summary>
    public int SenderUserId { get; set; } = -1;

    /// <summary>Digits the sender is written with (terminals pad to 7 or 8).</summary>
    public int SenderDigits { get; set; } = 7;

    /// <summary>The receiver's user ID; -1 absent.</summary>
    public int ReceiverUserId { get; set; } = -1;

    /// <summary>Digits the receiver is written with.</summary>
    public int ReceiverDigits { get; set; } = 7;

    /// <summary>Frequency point; -1 absent.</summary>
    public int FrequencyPoint { get; set; } = 2;

    /// <summary>UTC sending time (<c>hhmmss</c>).</summary>
    public NmeaTime TimeUtc { get; set; }

    /// <summary>How <see cref="Payload"/> is coded.</summary>
    public RdssPayloadEncoding Encoding { get; set; } = RdssPayloadEncoding.Code;

    /// <summary>The flag field before the payload (0 in every public example); -1 absent.</summary>
    public int Flag { get; set; }

    /// <summary>The message bytes.</summary>
    public RdssPayload Payload { get; } = new RdssPayload();

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 7;

    /// <inheritdoc/>
    protected override string Letters => "TCI";

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        ReadAddress(s);
        SenderUserId = RdssFields.ReadDigits(s, 1, out int d1);
        SenderDigits = d1;
        ReceiverUserId = RdssFields.ReadDigits(s, 2, out int d2);
        ReceiverDigits = d2;
        FrequencyPoint = ReadInt(s, 3, -1);
        TimeUtc = ReadTime(s, 4);
        Encoding = RdssFields.EncodingFromWire(ReadInt(s, 5, -1), RdssProtocol.Bds3);
        if (Encoding == RdssPayloadEncoding.Unknown)
        {
            s.MarkFieldInvalid(5);
        }

        Flag = ReadInt(s, 6, -1);
        if (!Payload.ReadHex(s, 7, Encoding == RdssPayloadEncoding.Mixed))
        {
            s.MarkFieldInvalid(7);
        }
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        BeginAddress(w);
        RdssFields.WriteDigits(w, SenderUserId, SenderDigits);
        RdssFields.WriteDigits(w, ReceiverUserId, ReceiverDigits);
        w.FieldOrEmpty(FrequencyPoint, 1);
        NmeaTime t = TimeUtc;
        if (t.IsValid)
        {
            w.Time(t.Hour, t.Minute, t.Second, 0, 0);
        }
        else
        {
            w.Empty();
        }

        w.FieldOrEmpty(RdssFields.EncodingToWire(Encoding, RdssProtocol.Bds3), 1);
        w.FieldOrEmpty(Flag, 1);
        Payload.WriteHex(w, Encoding == RdssPayloadEncoding.Mixed);
    }
}
