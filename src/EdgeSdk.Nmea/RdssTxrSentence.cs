namespace EdgeSdk.Nmea;

/// <summary>
/// <c>$BDTXR</c>, protocol 2.1 communication information (a received short message):
/// <c>$BDTXR,type,sender,encoding,hhmm,payload*hh</c> — information type (1 normal, 2 express, 3 broadcast,
/// 4 query by newest, 5 query by sender), sender user ID, encoding (0 Chinese, 1 code, 2 mixed), the
/// sending time as <c>hhmm</c> (often empty) and the payload.
/// </summary>
public sealed class RdssTxrSentence : RdssSentence
{
    /// <summary>Creates an empty message (written as <c>$BDTXR</c>).</summary>
    public RdssTxrSentence() : base(false)
    {
    }

    /// <inheritdoc/>
    public override RdssSentenceKind Kind => RdssSentenceKind.Txr;

    /// <summary>Information type: 1 normal, 2 express, 3 broadcast, 4 query by newest, 5 query by sender; -1 absent.</summary>
    public int InformationType { get; set; } = 1;

    /// <summary>The sender's user ID; -1 absent.</summary>
    public int SenderUserId { get; set; } = -1;

    /// <summary>Digits the sender is written with.</summary>
    public int SenderDigits { get; set; } = 7;

    /// <summary>How <see cref="Payload"/> is coded.</summary>
    public RdssPayloadEncoding Encoding { get; set; } = RdssPayloadEncoding.Code;

    /// <summary>Sending time as hours × 100 + minutes (<c>hhmm</c>, the protocol's local time of the centre); -1 absent.</summary>
    public int SendTimeHhmm { get; set; } = -1;

    /// <summary>The message bytes.</summary>
    public RdssPayload Payload { get; } = new RdssPayload();

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 5;

    /// <inheritdoc/>
    protected override string Letters => "TXR";

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        ReadAddress(s);
        InformationType = ReadInt(s, 1, -1);
        SenderUserId = RdssFields.ReadDigits(s, 2, out int digits);
        SenderDigits = digits;
        Encoding = RdssFields.EncodingFromWire(ReadInt(s, 3, -1), RdssProtocol.V21);
        if (Encoding == RdssPayloadEncoding.Unknown)
        {
            s.MarkFieldInvalid(3);
        }

        SendTimeHhmm = ReadInt(s, 4, -1);
        if (SendTimeHhmm >= 0 && (SendTimeHhmm / 100 > 23 || SendTimeHhmm % 100 > 59 || s.GetFieldLength(4) != 4))
        {
            s.MarkFieldInvalid(4);
        }

        bool ok = Encoding == RdssPayloadEncoding.Chinese ? Payload.ReadRaw(s, 5) : Payload.ReadHex(s, 5, Encoding == RdssPayloadEncoding.Mixed);
        if (!ok)
        {
            s.MarkFieldInvalid(5);
        }
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        BeginAddress(w);
        w.FieldOrEmpty(InformationType, 1);
        RdssFields.WriteDigits(w, SenderUserId, SenderDigits);
        w.FieldOrEmpty(RdssFields.EncodingToWire(Encoding, RdssProtocol.V21), 1);
        w.FieldOrEmpty(SendTimeHhmm, 4);
        if (Encoding == RdssPayloadEncoding.Chinese)
        {
            Payload.WriteRaw(w);
        }
        else
        {
            Payload.WriteHex(w, Encoding == RdssPayloadEncoding.Mixed);
        }
    }
}
