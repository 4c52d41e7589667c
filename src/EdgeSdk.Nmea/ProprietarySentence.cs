namespace EdgeSdk.Nmea;

/// <summary>
/// A proprietary <c>$P...</c> sentence no registered decoder claims, passed through: its address
/// (e.g. <c>PSRFEPE</c>, <c>PSTI</c>) and the raw text of its fields, which <see cref="NmeaTypedSentence.Encode"/>
/// writes back unchanged (with a fresh checksum).
/// </summary>
public sealed class ProprietarySentence : NmeaTypedSentence
{
    /// <summary>Creates an empty pass-through sentence.</summary>
    public ProprietarySentence()
    {
        Talker = NmeaTalker.Proprietary;
    }

    /// <inheritdoc/>
    public override NmeaSentenceType Type => NmeaSentenceType.Proprietary;

    /// <summary>The address: <c>P</c>, the vendor code and the type (e.g. <c>PSRFEPE</c>).</summary>
    public NmeaText Address { get; } = new NmeaText(16);

    /// <summary>The fields as sent, commas included, without the leading comma (up to 256 characters).</summary>
    public NmeaText Fields { get; } = new NmeaText(256);

    /// <summary>Number of data fields.</summary>
    public int FieldCount { get; private set; }

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 0;

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        s.TryGetText(0, Address);
        FieldCount = s.FieldCount;
        s.TryGetRest(1, Fields);
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        w.Begin(Address.ToString());
        if (FieldCount > 0)
        {
            w.Field(Fields);
        }
    }
}
