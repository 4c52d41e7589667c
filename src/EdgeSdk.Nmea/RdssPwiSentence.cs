namespace EdgeSdk.Nmea;

/// <summary>
/// <c>$BDPWI</c>, BDS-3 power information: <c>$BDPWI,hhmmss.ss,n2,(beam,a,b)×n2,n3,(satellite,a,b,c)×n3*hh</c>
/// — the UTC time, the number of RDSS-2 beams with three values each (beam, two signal levels) and the
/// number of RDSS-3 satellites with four values each (satellite ID, two signal levels in dB-Hz, a status
/// value), as public terminal parsers read it.
/// </summary>
public sealed class RdssPwiSentence : RdssSentence
{
    /// <summary>Most entries kept per group.</summary>
    public const int MaxEntries = 21;

    /// <summary>Values per RDSS-2 beam entry.</summary>
    public const int Rdss2Values = 3;

    /// <summary>Values per RDSS-3 satellite entry.</summary>
    public const int Rdss3Values = 4;

    private readonly int[] _rdss2 = new int[MaxEntries * Rdss2Values];
    private readonly int[] _rdss3 = new int[MaxEntries * Rdss3Values];

    /// <summary>Creates an empty power information (written as <c>$BDPWI</c>).</summary>
    public RdssPwiSentence() : base(false)
    {
    }

    /// <inheritdoc/>
    public override RdssSentenceKind Kind => RdssSentenceKind.Pwi;

    /// <summary>UTC time of the report.</summary>
    public NmeaTime TimeUtc { get; set; }

    /// <summary>Number of RDSS-2 beam entries.</summary>
    public int Rdss2Count { get; set; }

    /// <summary>Number of RDSS-3 satellite entries.</summary>
    public int Rdss3Count { get; set; }

    /// <summary>Value <paramref name="value"/> (0–2) of RDSS-2 entry <paramref name="entry"/>; -1 when absent.</summary>
    public int GetRdss2(int entry, int value) =>
        entry >= 0 && entry < Rdss2Count && value >= 0 && value < Rdss2Values ? _rdss2[(entry * Rdss2Values) + value] : -1;

    /// <summary>Value <paramref name="value"/> (0–3) of RDSS-3 entry <paramref name="entry"/>; -1 when absent.</summary>
    public int GetRdss3(int entry, int value) =>
        entry >= 0 && entry < Rdss3Count && value >= 0 && value < Rdss3Values ? _rdss3[(entry * Rdss3Values) + value] : -1;

    /// <summary>Sets a value of RDSS-3 entry <paramref name="entry"/>, growing <see cref="Rdss3Count"/>; false when out of range.</summary>
    public bool SetRdss3(int entry, int value, int number)
    {
        if (entry < 0 || entry >= MaxEntries || value < 0 || value >= Rdss3Values)
        {
            return false;
        }

        _rdss3[(entry * Rdss3Values) + value] = number;
        Rdss3Count = entry >= Rdss3Count ? entry + 1 : Rdss3Count;
        return true;
    }

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 3;

    /// <inheritdoc/>
    protected override string Letters => "PWI";

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        ReadAddress(s);
        TimeUtc = ReadTime(s, 1);
        int at = 2;
        Rdss2Count = ReadGroup(s, ref at, _rdss2, Rdss2Values);
        Rdss3Count = ReadGroup(s, ref at, _rdss3, Rdss3Values);
        if (at <= s.FieldCount)
        {
            s.MarkFieldInvalid(at); // fields left over: the counts do not describe the sentence
        }
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        BeginAddress(w);
        w.Time(TimeUtc);
        WriteGroup(w, _rdss2, Rdss2Count, Rdss2Values);
        WriteGroup(w, _rdss3, Rdss3Count, Rdss3Values);
    }

    private static int ReadGroup(NmeaSentence s, ref int at, int[] target, int width)
    {
        int count = ReadInt(s, at, 0);
        if (count < 0 || count > MaxEntries || at + (count * width) > s.FieldCount)
        {
            s.MarkFieldInvalid(at);
            return 0;
        }

        at++;
        for (int i = 0; i < count * width; i++)
        {
            target[i] = ReadInt(s, at++, -1);
        }

        return count;
    }

    private static void WriteGroup(NmeaWriter w, int[] source, int count, int width)
    {
        w.FieldPadded(count, 2);
        for (int i = 0; i < count * width; i++)
        {
            w.FieldOrEmpty(source[i], 1);
        }
    }
}
