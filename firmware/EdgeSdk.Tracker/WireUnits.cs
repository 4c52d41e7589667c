namespace EdgeSdk.Tracker;

/// <summary>
/// The quantization of edgesdk.telemetry.v1 (1 ms, 1e-7°, 1 dm, 1 cm/s, 0.1°), done exactly as the .NET
/// codec does it (<c>Math.Round(value × scale, MidpointRounding.AwayFromZero)</c>) without <c>System.Math</c>,
/// which nanoFramework's mscorlib lacks.
/// </summary>
public static class WireUnits
{
    /// <summary>Latitude and longitude units per degree (1e-7°).</summary>
    public const double E7PerDegree = 1e7;

    /// <summary>Altitude units per meter (decimeters).</summary>
    public const double DecimetersPerMeter = 10;

    /// <summary>Speed units per meter per second (centimeters per second).</summary>
    public const double CentimetersPerMeter = 100;

    /// <summary>Course units per degree (tenths).</summary>
    public const double TenthsPerDegree = 10;

    /// <summary>Course modulus in tenths of a degree: the wire keeps [0, 3600).</summary>
    public const long CourseModulus = 3600;

    /// <summary>The largest DOP the wire carries, in hundredths (the .NET codec clamps there).</summary>
    public const long MaxDopCenti = 100000;

    // 2^63 as a double: the first value a long cannot hold.
    private const double TwoPow63 = 9223372036854775808.0;

    /// <summary>
    /// <paramref name="value"/> × <paramref name="scale"/> rounded to the nearest integer, halves away from
    /// zero; beyond the range of <c>long</c> it saturates, as .NET's conversion does. The value must be finite.
    /// </summary>
    /// <param name="value">The quantity in SI units or degrees.</param>
    /// <param name="scale">Wire units per SI unit.</param>
    public static long Round(double value, double scale)
    {
        double x = value * scale;
        if (x >= TwoPow63)
        {
            return long.MaxValue;
        }

        if (x <= -TwoPow63)
        {
            return long.MinValue;
        }

        // x - truncate(x) is exact for every double, so the half-way test is exact too (as in Math.Round).
        long truncated = (long)x;
        double fraction = x - truncated;
        if (fraction >= 0.5)
        {
            return truncated + 1;
        }

        if (fraction <= -0.5)
        {
            return truncated - 1;
        }

        return truncated;
    }

    /// <summary>
    /// A DOP in hundredths as the .NET codec sends it: 0 means "not reported" (absent, not finite, or not above 0),
    /// and a reported DOP is at least 1 and at most 100,000 (FixBatchCodec.Dop).
    /// </summary>
    /// <param name="dop">The dilution of precision, or NaN.</param>
    public static long DopCenti(double dop)
    {
        if (!IsFinite(dop) || dop <= 0)
        {
            return 0;
        }

        long centi = Round(dop, 100);
        return centi < 1 ? 1 : centi > MaxDopCenti ? MaxDopCenti : centi;
    }

    /// <summary>A course in tenths of a degree brought into [0, 3600).</summary>
    /// <param name="courseTenths">Any course in tenths of a degree.</param>
    public static long NormalizeCourse(long courseTenths)
    {
        return ((courseTenths % CourseModulus) + CourseModulus) % CourseModulus;
    }

    /// <summary>True for a number that is neither NaN nor infinite (nanoFramework has no <c>double.IsFinite</c>).</summary>
    /// <param name="value">The number.</param>
    public static bool IsFinite(double value)
    {
        return !double.IsNaN(value) && !double.IsInfinity(value);
    }
}
