namespace EdgeSdk.Nmea;

/// <summary>
/// <c>$CCTXA</c>, protocol 2.1 communication request (send a short message):
/// <c>$CCTXA,destination,type,encoding,payload*hh</c> — destination user ID (7 digits), communication type
/// (0 express, 1 normal), encoding (0 Chinese, 1 code, 2 mixed) and the payload (see <see cref="RdssPayload"/>).
/// </summary>
public sealed class RdssTxaSentence : RdssSentence
{
    /// <summary>Creates an empty request (written as <c>$CCTXA</c>).</summary>
    public RdssTxaSentence() : base(true)
    {
    }

    /// <inheritdoc/>
    public override RdssSentenceKind Kind => RdssSentenceKind.Txa;

    /// <summary>The destination card's user ID; -1 absent.</summary>
    public int DestinationUserId { get; set; } = -1;

    /// <summary>Digits the destination is written with (user IDs are 7 digits with leading zeros).</summary>
    public int DestinationDigits { get; set; } = 7;

    /// <summary>Communication type: 0 express (特快), 1 normal (普通); -1 absent.</summary>
    public int CommunicationType { get; set; } = 1;

    /// <summary>How <see cref="Payload"/> is coded.</summary>
    public RdssPayloadEncoding Encoding { get; set; } = RdssPayloadEncoding.Code;

    /// <summary>The message bytes.</summary>
    public RdssPayload Payload { get; } = new RdssPayload();

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 4;

    /// <inheritdoc/>
    protected override string Letters => "TXA";

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        ReadAddress(s);
        DestinationUserId = RdssFields.ReadDigits(s, 1, out int digits);
        DestinationDigits = digits;
        CommunicationType = ReadInt(s, 2, -1);
        Encoding = RdssFields.EncodingFromWire(ReadInt(s, 3, -1), RdssProtocol.V21);
        if (Encoding == RdssPayloadEncoding.Unknown)
        {
            s.MarkFieldInvalid(3);
        }

        bool ok = Encoding == RdssPayloadEncoding.Chinese ? Payload.ReadRaw(s, 4) : Payload.ReadHex(s, 4, Encoding == RdssPayloadEncoding.Mixed);
        if (!ok)
        {
            s.MarkFieldInvalid(4);
        }
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        BeginAddress(w);
        RdssFields.WriteDigits(w, DestinationUserId, DestinationDigits);
        w.FieldOrEmpty(CommunicationType, 1);
        w.FieldOrEmpty(RdssFields.EncodingToWire(Encoding, RdssProtocol.V21), 1);
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
