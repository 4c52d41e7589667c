using EdgeSdk.Positioning;

namespace EdgeSdk.Jt808.Terminal;

/// <summary>Turns the areas of 0x8600/0x8602/0x8604 into geofences for the positioning layer's engine.</summary>
internal static class Jt808AreaConverter
{
    /// <summary>Area attribute bit 3: raise an alarm to the platform on entering.</summary>
    public const int AttributeEnterAlarmToPlatform = 1 << 3;

    /// <summary>Area attribute bit 5: raise an alarm to the platform on leaving.</summary>
    public const int AttributeExitAlarmToPlatform = 1 << 5;

    /// <summary>The 0x0200 extra 0x11/0x12 location type of a shape: 1 circle, 2 rectangle, 3 polygon.</summary>
    public static int LocationType(Jt808Area area) => area switch
    {
        Jt808CircleArea => 1,
        Jt808RectangleArea => 2,
        _ => 3,
    };

    /// <summary>The geofence for an area, or null when the area cannot be one (a polygon under 3 vertices, a zero radius, a bad time).</summary>
    public static Geofence? TryConvert(Jt808Area area)
    {
        if (!TryTimeWindows(area, out GeofenceTimeWindow[] windows))
        {
            return null;
        }

        double? limit = (area.Attributes & Jt808Area.AttributeSpeedLimit) != 0 && area.MaxSpeedKilometersPerHour > 0
            ? area.MaxSpeedKilometersPerHour / 3.6
            : null;
        switch (area)
        {
            case Jt808CircleArea c when c.RadiusMeters > 0:
                return new CircleGeofence(c.AreaId, c.LatitudeDegrees(c.CenterLatitudeMicrodegrees), c.LongitudeDegrees(c.CenterLongitudeMicrodegrees), c.RadiusMeters)
                { TimeWindows = windows, SpeedLimitMetersPerSecond = limit };
            case Jt808RectangleArea r:
                double lat1 = r.LatitudeDegrees(r.TopLeftLatitudeMicrodegrees), lat2 = r.LatitudeDegrees(r.BottomRightLatitudeMicrodegrees);
                double lon1 = r.LongitudeDegrees(r.TopLeftLongitudeMicrodegrees), lon2 = r.LongitudeDegrees(r.BottomRightLongitudeMicrodegrees);
                if (lat1 == lat2 || lon1 == lon2)
                {
                    return null;
                }

                return new RectangleGeofence(r.AreaId, new GeoBounds(Math.Min(lat1, lat2), Math.Min(lon1, lon2), Math.Max(lat1, lat2), Math.Max(lon1, lon2)))
                { TimeWindows = windows, SpeedLimitMetersPerSecond = limit };
            case Jt808PolygonArea p when p.VertexLatitudesMicrodegrees.Length >= 3 && p.VertexLatitudesMicrodegrees.Length == p.VertexLongitudesMicrodegrees.Length:
                var vertices = new GeoPoint[p.VertexLatitudesMicrodegrees.Length];
                for (int i = 0; i < vertices.Length; i++)
                {
                    vertices[i] = new GeoPoint(p.LatitudeDegrees(p.VertexLatitudesMicrodegrees[i]), p.LongitudeDegrees(p.VertexLongitudesMicrodegrees[i]));
                }

                return new PolygonGeofence(p.AreaId, vertices) { TimeWindows = windows, SpeedLimitMetersPerSecond = limit };
            default:
                return null;
        }
    }

    // Attribute bit 0: start and end time, YY-MM-DD-hh-mm-ss BCD in GMT+8. A date of 00-00-00 means "every day" (the
    // 2019 text; 2013 terminals in the field read it the same way), otherwise an absolute period.
    private static bool TryTimeWindows(Jt808Area area, out GeofenceTimeWindow[] windows)
    {
        windows = [];
        if ((area.Attributes & Jt808Area.AttributeTimeWindow) == 0)
        {
            return true;
        }

        if (!TryReadBcdTime(area.StartTimeBcd, out bool startDaily, out DateTime start) || !TryReadBcdTime(area.EndTimeBcd, out bool endDaily, out DateTime end)
            || startDaily != endDaily)
        {
            return false;
        }

        var offset = TimeSpan.FromHours(8);
        windows = startDaily
            ? [new GeofenceTimeWindow { DailyFrom = start.TimeOfDay, DailyTo = end.TimeOfDay, UtcOffset = offset }]
            : [new GeofenceTimeWindow { FromUtc = DateTime.SpecifyKind(start - offset, DateTimeKind.Utc), ToUtc = DateTime.SpecifyKind(end - offset, DateTimeKind.Utc), UtcOffset = offset }];
        return true;
    }

    private static bool TryReadBcdTime(byte[] bcd, out bool daily, out DateTime value)
    {
        daily = false;
        value = default;
        if (bcd is not { Length: 6 })
        {
            return false;
        }

        var f = new int[6];
        for (int i = 0; i < 6; i++)
        {
            int hi = bcd[i] >> 4, lo = bcd[i] & 0xF;
            if (hi > 9 || lo > 9)
            {
                return false;
            }

            f[i] = (hi * 10) + lo;
        }

        if (f[3] > 23 || f[4] > 59 || f[5] > 59)
        {
            return false;
        }

        daily = f[0] == 0 && f[1] == 0 && f[2] == 0;
        if (daily)
        {
            value = DateTime.MinValue.Add(new TimeSpan(f[3], f[4], f[5]));
            return true;
        }

        if (f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > DateTime.DaysInMonth(2000 + f[0], f[1]))
        {
            return false;
        }

        value = new DateTime(2000 + f[0], f[1], f[2], f[3], f[4], f[5], DateTimeKind.Unspecified);
        return true;
    }
}
