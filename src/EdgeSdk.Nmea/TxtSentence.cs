namespace EdgeSdk.Nmea;

/// <summary>TXT, text transmission: <c>$GPTXT,total,number,id,text</c> (e.g. antenna status from CASIC and Unicore boards).</summary>
public sealed class TxtSentence : NmeaTypedSentence
{
    /// <inheritdoc/>
    public override NmeaSentenceType Type => NmeaSentenceType.Txt;

    /// <summary>Number of TXT sentences in the message; -1 absent.</summary>
    public int TotalMessages { get; set; } = -1;

    /// <summary>Number of this sentence, 1-based; -1 absent.</summary>
    public int MessageNumber { get; set; } = -1;

    /// <summary>Text identifier (00 error, 01 warning, 02 notice, 07 user, ...); -1 absent.</summary>
    public int TextId { get; set; } = -1;

    /// <summary>The text: field 4 to the end of the sentence, commas included (up to 200 characters are kept).</summary>
    public NmeaText Text { get; } = new NmeaText(200);

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 4;

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        TotalMessages = ReadInt(s, 1, -1);
        MessageNumber = ReadInt(s, 2, -1);
        TextId = ReadInt(s, 3, -1);
        s.TryGetRest(4, Text); // Unicore boards put commas in the text: keep the rest of the line
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        w.Begin(TalkerText, "TXT");
        w.FieldOrEmpty(TotalMessages, 2);
        w.FieldOrEmpty(MessageNumber, 2);
        w.FieldOrEmpty(TextId, 2);
        w.Field(Text);
    }
}
