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
        TimeUtc = s.ReadTime(1);
        int day = s.ReadInt(2, -1);
        int month = s.ReadInt(3, -1);
        int year = s.ReadInt(4, -1);
        if (day >= 0 || month >= 0 || year >= 0)
        {
            if (day < 1 || day > 31 || month < 1 || month > 12 || year < 1980 || year > 9999)
            {
                s.MarkFieldInvalid(day < 1 || day > 31 ? 2 : (month < 1 || month > 12 ? 3 : 4));
                Date = default;
            }
            else
            {
                Date = new NmeaDate(year, month, day);
            }
        }
        else
        {
            Date = default;
        }

        HasLocalZone = !s.IsEmpty(5);
        LocalZoneHours = s.ReadInt(5, 0);
        LocalZoneMinutes = s.ReadInt(6, 0);
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
