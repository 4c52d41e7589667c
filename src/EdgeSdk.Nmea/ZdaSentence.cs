namespace EdgeSdk.Nmea;

/// <summary>ZDA, time and date: <c>$GPZDA,hhmmss.ss,dd,mm,yyyy,zoneHours,zoneMinutes</c> (four-digit year).</summary>
public sealed partial class ZdaSentence : NmeaTypedSentence
{
    /// <inheritdoc/>
    public override NmeaSentenceType Type => NmeaSentenceType.Zda;

    /// <summary>UTC time.</summary>
    public NmeaTime TimeUtc { get; set; }

    /// <summary>UTC date (absent unless day, month and year are all present).</summary>
    public NmeaDate Date { get; set; }

    /// <summary>True when the local zone fields are present.</summary>
    public bool HasLocalZone { get; set; }

    /// <summary>Local zone hours (−13..13, the offset to add to UTC); 0 when absent (see <see cref="HasLocalZone"/>).</summary>
    public int LocalZoneHours { get; set; }

    /// <summary>Local zone minutes, same sign as the hours; 0 when absent.</summary>
    public int LocalZoneMinutes { get; set; }

    /// <inheritdoc/>
    protected override int MinimumFieldCount => 4;

    /// <inheritdoc/>
    protected override void Read(NmeaSentence s)
    {
        TimeUtc = ReadTime(s, 1);
        int day = ReadInt(s, 2, -1);
        int month = ReadInt(s, 3, -1);
        int year = ReadInt(s, 4, -1);
        if (day >= 0 || month >= 0 || year >= 0)
        {
            Date = new NmeaDate(year, month, day);
            if (!Date.IsValid)
            {
                // Name the field that makes it impossible: the year out of range, the month, else the day
                // (day 0, 31 February, 29 February in a common year).
                s.MarkFieldInvalid(year < NmeaDate.MinYear || year > NmeaDate.MaxYear ? 4 : (month < 1 || month > 12 ? 3 : 2));
            }
        }
        else
        {
            Date = default;
        }

        HasLocalZone = !s.IsEmpty(5);
        LocalZoneHours = ReadInt(s, 5, 0);
        LocalZoneMinutes = ReadInt(s, 6, 0);
    }

    /// <inheritdoc/>
    protected override void Write(NmeaWriter w)
    {
        w.Begin(TalkerText, "ZDA");
        w.Time(TimeUtc);
        NmeaDate d = Date;
        w.FieldOrEmpty(d.IsValid ? d.Day : -1, 2);
        w.FieldOrEmpty(d.IsValid ? d.Month : -1, 2);
        w.FieldOrEmpty(d.IsValid ? d.Year : -1, 4);
        if (HasLocalZone)
        {
            w.FieldPadded(LocalZoneHours, 2);
            w.FieldPadded(LocalZoneMinutes, 2);
        }
        else
        {
            w.Empty();
            w.Empty();
        }
    }
}
