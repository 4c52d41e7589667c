using EdgeSdk.Gnss;
using Npgsql;

namespace EdgeSdk.Fleet;

/// <summary>
/// Fix rows as the column arrays the store's unnest statements take ($1..$13), so a batch of any size is one
/// round trip; filled the same way whichever path (MQTT or satellite) the fixes came by.
/// </summary>
internal sealed class FleetFixRows(int count)
{
    private readonly string[] _fleet = new string[count];
    private readonly string[] _device = new string[count];
    private readonly long[] _instance = new long[count];
    private readonly long[] _sequence = new long[count];
    private readonly DateTime[] _time = new DateTime[count];
    private readonly DateTime[] _sent = new DateTime[count];
    private readonly short[] _mode = new short[count];
    private readonly double?[] _latitude = new double?[count];
    private readonly double?[] _longitude = new double?[count];
    private readonly double?[] _altitude = new double?[count];
    private readonly double?[] _speed = new double?[count];
    private readonly double?[] _course = new double?[count];
    private readonly short[] _satellites = new short[count];

    /// <summary>Rows added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one fix; a fix without a time is stored at the time it was sent.</summary>
    public void Add(string fleet, string device, long queueInstance, long sequence, DateTime sentUtc, GnssFix fix)
    {
        int row = Count++;
        _fleet[row] = fleet;
        _device[row] = device;
        _instance[row] = queueInstance;
        _sequence[row] = sequence;
        _sent[row] = sentUtc;
        _time[row] = fix.TimeUtc ?? sentUtc;
        _mode[row] = (short)fix.Mode;
        _latitude[row] = fix.HasPosition ? fix.LatitudeDegrees : null;
        _longitude[row] = fix.HasPosition ? fix.LongitudeDegrees : null;
        _altitude[row] = fix.AltitudeMslMeters;
        _speed[row] = fix.SpeedMetersPerSecond;
        _course[row] = fix.CourseDegrees;
        _satellites[row] = (short)Math.Clamp(fix.SatellitesUsed, 0, short.MaxValue);
    }

    /// <summary>Adds the arrays as the command's parameters $1..$13; every row must have been added.</summary>
    public void AddParametersTo(NpgsqlCommand command)
    {
        if (Count != _fleet.Length)
        {
            throw new InvalidOperationException($"{Count} of {_fleet.Length} fix rows were filled");
        }

        foreach (object values in new object[] { _fleet, _device, _instance, _sequence, _time, _sent, _mode, _latitude, _longitude, _altitude, _speed, _course, _satellites })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = values });
        }
    }
}
