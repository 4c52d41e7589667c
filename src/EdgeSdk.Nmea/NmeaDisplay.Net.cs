using System;
using System.Globalization;

namespace EdgeSdk.Nmea;

/// <summary>
/// The words and numbers of the typed sentences' .NET <c>ToString()</c> overrides: invariant culture,
/// SI units, and <c>-</c> for an absent value, so one line shows what was decoded and what was not.
/// </summary>
internal static class NmeaDisplay
{
    internal const string Absent = "-";

    /// <summary>Talker and type, e.g. <c>GNRMC</c>.</summary>
    internal static string Address(NmeaTypedSentence sentence) =>
        NmeaTalkers.ToText(sentence.Talker) + sentence.Type.ToString().ToUpperInvariant();

    /// <summary>A number with <paramref name="decimals"/> decimals, or <see cref="Absent"/> for NaN.</summary>
    internal static string Number(double value, int decimals) =>
        double.IsNaN(value) ? Absent : value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A count or ID, or <see cref="Absent"/> when negative.</summary>
    internal static string Count(int value) => value < 0 ? Absent : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A letter field, or <see cref="Absent"/> for <c>'\0'</c>.</summary>
    internal static string Letter(char value) => value == '\0' ? Absent : value.ToString();

    /// <summary><c>lat,lon</c> in degrees with 7 decimals (about 1 cm), or <see cref="Absent"/>.</summary>
    internal static string Position(double latitudeDegrees, double longitudeDegrees) =>
        double.IsNaN(latitudeDegrees) || double.IsNaN(longitudeDegrees)
            ? "position " + Absent
            : Number(latitudeDegrees, 7) + "," + Number(longitudeDegrees, 7);

    /// <summary>A time of day, or <see cref="Absent"/>.</summary>
    internal static string Time(NmeaTime time) => time.IsValid ? time.ToString() : "time " + Absent;

    /// <summary>A date, or <see cref="Absent"/>.</summary>
    internal static string Date(NmeaDate date) => date.IsValid ? date.ToString() : "date " + Absent;

    /// <summary>An RMC/GLL status letter in words.</summary>
    internal static string Status(char status) => status switch
    {
        'A' => "valid",
        'V' => "warning",
        '\0' => "status " + Absent,
        _ => "status " + status,
    };
}
