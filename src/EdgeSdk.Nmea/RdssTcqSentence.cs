namespace EdgeSdk.Nmea;

/// <summary>
/// <c>$CCTCQ</c>, BDS-3 communication request: <c>$CCTCQ,destination,frequencyPoint,confirm,encoding,payload,frequency*hh</c>
/// — destination user ID, frequency point (2 in every public example), inbound confirmation (1 asks for it),
/// encoding (1 Chinese, 2 code, 3 mixed, 4 compressed Chinese, 5 compressed code), the payload as hex and
/// the communication frequency (0 for a single send).
/// </summary>
public sealed class RdssTcqSentence : RdssSentence
{
    /// <summary>Creates an empty request (written as <c>$CCTCQ</c>).</summary>
    public RdssTcqSentence() : base(true)
    {
    }

    /// <inheritdoc/>
    public override RdssSentenceKind Kind => RdssSentenceKind.Tcq;

    /// <summary>The destination card's user ID; -1 absent.</summary>
    public int DestinationUserId { get; set; } = -1;

    /// <summary>Digits the destination is written with.</summary>
    public int DestinationDigits { get; set; } = 7;

    /// <summary>Frequency point; -1 absent.</summary>
    public int FrequencyPoint { get; set; } = 2;

    /// <summary>Inbound confirmation: 1 asks for one, 0 not; -1 absent.</summary>
    public int InboundConfirmation { get; set; } = 1;

    /// <summary>How <see cref="Payload"/> is coded (hex on the wire in every case).</summary>
    public RdssPayloadEncoding Encoding { get; set; } = RdssPayloadEncoding.Code;

    /// <summary>The message bytes.</summary>
    public RdssPayload Payload { get; } = new RdssPayload();

    /// <summary>Communication frequency in seconds for repeated sends, 0 for one send; -1 absent.</summary>
    public int CommunicationFrequency { get; set; }

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 5;

    /// <inheritdoc/>
    protected override string Letters => "TCQ";

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        ReadAddress(s);
        DestinationUserId = RdssFields.ReadDigits(s, 1, out int digits);
        DestinationDigits = digits;
        FrequencyPoint = ReadInt(s, 2, -1);
        InboundConfirmation = ReadInt(s, 3, -1);
        Encoding = RdssFields.EncodingFromWire(ReadInt(s, 4, -1), RdssProtocol.Bds3);
        if (Encoding == RdssPayloadEncoding.Unknown)
        {
            s.MarkFieldInvalid(4);
        }

        if (!Payload.ReadHex(s, 5, Encoding == RdssPayloadEncoding.Mixed))
        {
            s.MarkFieldInvalid(5);
        }

        CommunicationFrequency = ReadInt(s, 6, -1);
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        BeginAddress(w);
        RdssFields.WriteDigits(w, DestinationUserId, DestinationDigits);
        w.FieldOrEmpty(FrequencyPoint, 1);
        w.FieldOrEmpty(InboundConfirmation, 1);
        w.FieldOrEmpty(RdssFields.EncodingToWire(Encoding, RdssProtocol.Bds3), 1);
        Payload.WriteHex(w, Encoding == RdssPayloadEncoding.Mixed);
        w.FieldOrEmpty(CommunicationFrequency, 1);
    }
}
