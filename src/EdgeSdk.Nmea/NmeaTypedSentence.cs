namespace EdgeSdk.Nmea;

/// <summary>
/// Base of every typed sentence (RMC, GGA, GSV, ...): a reusable object that a framed
/// <see cref="NmeaSentence"/> is decoded into (no allocation), and that writes itself back as NMEA
/// through an <see cref="NmeaWriter"/>. Derive from it to decode a proprietary sentence and register
/// the decoder with <see cref="NmeaParser.RegisterProprietary"/>.
/// </summary>
/// <remarks>
/// Absent values: an empty field is never zero. Numbers are <see cref="double.NaN"/>, counts and IDs
/// -1, characters <c>'\0'</c>, times and dates have <c>IsValid</c> false.
/// </remarks>
public abstract partial class NmeaTypedSentence
{
    /// <summary>The talker the sentence came from, or is written with (default GN).</summary>
    public NmeaTalker Talker { get; set; } = NmeaTalker.GN;

    /// <summary>Which sentence type this object holds.</summary>
    public abstract NmeaSentenceType Type { get; }

    /// <summary>The fewest data fields a sentence of this type may have (its oldest NMEA version).</summary>
    protected abstract int MinimumFieldCount { get; }

    /// <summary>
    /// Decodes <paramref name="sentence"/> into this object. Returns <see cref="NmeaRejectReason.None"/>
    /// on success, <see cref="NmeaRejectReason.MissingFields"/> or <see cref="NmeaRejectReason.InvalidField"/>
    /// otherwise (the object's contents are then unspecified). Never throws for any input.
    /// </summary>
    public NmeaRejectReason Decode(NmeaSentence sentence)
    {
        if (sentence == null || sentence.FieldCount < MinimumFieldCount)
        {
            return NmeaRejectReason.MissingFields;
        }

        return DecodeFields(sentence);
    }

    // MinimumFieldCount for NmeaParser, which reads its built-in decoders' once.
    internal int MinimumFields => MinimumFieldCount;

    // Decode once the field count is known to be enough: NmeaParser checks it against a table of its own decoders'
    // minimums built once, and so saves a virtual call per sentence.
    internal NmeaRejectReason DecodeFields(NmeaSentence sentence)
    {
        sentence.BeginDecode();
        Talker = sentence.Talker;
        bool done = false;
        ReadFast(sentence, ref done); // .NET fast path (NmeaTypedSentence.Net.cs); absent on nanoFramework
        if (!done)
        {
            Read(sentence);
        }

        return sentence.InvalidField == 0 ? NmeaRejectReason.None : NmeaRejectReason.InvalidField;
    }

    /// <summary>
    /// Writes this sentence with <c>*HH</c> and CR LF into <paramref name="writer"/>; returns its length in
    /// bytes (0 if it did not fit). The sentence is then <c>writer.Buffer[0..length)</c>.
    /// </summary>
    public int Encode(NmeaWriter writer)
    {
        if (writer == null)
        {
            return 0;
        }

        Write(writer);
        return writer.End();
    }

    /// <summary>Reads the fields; mark unreadable ones with the sentence's internal readers or <see cref="NmeaSentence"/> accessors.</summary>
    protected abstract void Read(NmeaSentence s);

    // Implemented by the .NET fast path: decodes with the fixed-width readers and sets done.
    partial void ReadFast(NmeaSentence sentence, ref bool done);

    // Shorthands over NmeaSentence's one accessor family (TryGet...), for this class's decoders and for yours:
    // each gives the field's "absent" value when it is empty or unreadable (an unreadable field is recorded by
    // the accessor, so Decode returns InvalidField).

    /// <summary>A number field; NaN when empty or unreadable.</summary>
    protected static double ReadDouble(NmeaSentence s, int index)
    {
        s.TryGetDouble(index, out double value); // NaN when false
        return value;
    }

    /// <summary>An integer field; <paramref name="absent"/> when empty or unreadable.</summary>
    protected static int ReadInt(NmeaSentence s, int index, int absent) => s.TryGetInt32(index, out int value) ? value : absent;

    /// <summary>A hexadecimal field (NMEA 4.11 IDs); <paramref name="absent"/> when empty or unreadable.</summary>
    protected static int ReadHex(NmeaSentence s, int index, int absent) => s.TryGetHex(index, out int value) ? value : absent;

    /// <summary>A one-character field; <c>'\0'</c> when empty or unreadable.</summary>
    protected static char ReadChar(NmeaSentence s, int index)
    {
        s.TryGetChar(index, out char value); // '\0' when false
        return value;
    }

    /// <summary>A UTC time field; not valid when empty or unreadable.</summary>
    protected static NmeaTime ReadTime(NmeaSentence s, int index) => s.TryGetTime(index, out NmeaTime value) ? value : default;

    /// <summary>A <c>ddmmyy</c> date field; not valid when empty or unreadable.</summary>
    protected static NmeaDate ReadDate(NmeaSentence s, int index) => s.TryGetDate(index, out NmeaDate value) ? value : default;

    /// <summary>A coordinate with its hemisphere in the next field, signed degrees; NaN when empty or unreadable.</summary>
    protected static double ReadCoordinate(NmeaSentence s, int index)
    {
        s.TryGetCoordinate(index, out double value); // NaN when false
        return value;
    }

    /// <summary>
    /// A number made negative when the next field (a direction or unit) is the letter <paramref name="negative"/>
    /// (e.g. 'W' for a magnetic variation); NaN when empty or unreadable.
    /// </summary>
    protected static double ReadSignedByLetter(NmeaSentence s, int index, char negative)
    {
        double value = ReadDouble(s, index);
        return s.GetFieldLength(index + 1) == 1 && s.GetFieldByte(index + 1, 0) == negative ? -value : value;
    }

    /// <summary>Writes the address and fields (<c>Begin</c> and field calls; <see cref="Encode"/> calls <c>End</c>).</summary>
    protected abstract void Write(NmeaWriter w);

    /// <summary>The talker's letters for <see cref="NmeaWriter.Begin(string, string)"/>.</summary>
    protected string TalkerText => NmeaTalkers.ToText(Talker == NmeaTalker.Unknown || Talker == NmeaTalker.Proprietary ? NmeaTalker.GN : Talker);
}
