using EdgeSdk.Positioning;

namespace EdgeSdk.Jt808.Terminal;

/// <summary>
/// The terminal parameters (0x8103 / 0x8104 / 0x8106 / 0x0104) the terminal acts on, with their defaults, stored raw by
/// id as the platform sent them (parameters the terminal does not use are kept and answered as well). Persisted as a
/// 0x8103 body in the state directory, so a restart keeps what the platform set. Thread-safe.
/// </summary>
public sealed class Jt808TerminalParameters
{
    /// <summary>0x0001 heartbeat interval, s.</summary>
    public const uint HeartbeatInterval = 0x0001;

    /// <summary>0x0002 TCP response timeout, s (the first wait of the retransmission rule).</summary>
    public const uint TcpResponseTimeout = 0x0002;

    /// <summary>0x0003 TCP retransmission count.</summary>
    public const uint TcpRetransmissions = 0x0003;

    /// <summary>0x0004 UDP response timeout, s (stored and answered; this terminal speaks TCP).</summary>
    public const uint UdpResponseTimeout = 0x0004;

    /// <summary>0x0005 UDP retransmission count (stored and answered).</summary>
    public const uint UdpRetransmissions = 0x0005;

    /// <summary>0x0006 SMS response timeout, s (stored and answered).</summary>
    public const uint SmsResponseTimeout = 0x0006;

    /// <summary>0x0007 SMS retransmission count (stored and answered).</summary>
    public const uint SmsRetransmissions = 0x0007;

    /// <summary>0x0020 reporting strategy: 0 by time, 1 by distance, 2 by time and distance.</summary>
    public const uint ReportingStrategy = 0x0020;

    /// <summary>0x0021 reporting basis: 0 by ACC state, 1 by login state and ACC (no driver login here: treated as 0).</summary>
    public const uint ReportingBasis = 0x0021;

    /// <summary>0x0027 report interval while asleep (ACC off), s.</summary>
    public const uint SleepReportInterval = 0x0027;

    /// <summary>0x0028 report interval while an alarm is active, s.</summary>
    public const uint AlarmReportInterval = 0x0028;

    /// <summary>0x0029 default report interval, s.</summary>
    public const uint DefaultReportInterval = 0x0029;

    /// <summary>0x002C default report distance, m.</summary>
    public const uint DefaultReportDistance = 0x002C;

    /// <summary>0x002D report distance while the driver is not logged in, m (stored; no driver login here).</summary>
    public const uint DriverAbsentReportDistance = 0x002D;

    /// <summary>0x002E report distance while asleep, m.</summary>
    public const uint SleepReportDistance = 0x002E;

    /// <summary>0x002F report distance while an alarm is active, m.</summary>
    public const uint AlarmReportDistance = 0x002F;

    // Defaults a terminal starts with before the platform sets anything (common values in deployed terminals; the
    // standard leaves them to the maker). One table: the defaults, the DWORD widths and what 0x8104 answers.
    private static readonly (uint Id, uint Value)[] Defaults =
    [
        (HeartbeatInterval, 60), (TcpResponseTimeout, 10), (TcpRetransmissions, 3), (UdpResponseTimeout, 10), (UdpRetransmissions, 3),
        (SmsResponseTimeout, 30), (SmsRetransmissions, 3), (ReportingStrategy, 0), (ReportingBasis, 0), (SleepReportInterval, 300),
        (AlarmReportInterval, 10), (DefaultReportInterval, 30), (DefaultReportDistance, 500), (DriverAbsentReportDistance, 500),
        (SleepReportDistance, 1000), (AlarmReportDistance, 100),
        (Jt808Parameter.MaximumSpeedKilometersPerHour, 0), (0x0056, 10), (Jt808Parameter.ContinuousDrivingLimitSeconds, 4 * 3600),
        (Jt808Parameter.DailyDrivingLimitSeconds, 8 * 3600), (Jt808Parameter.MinimumRestSeconds, 20 * 60), (Jt808Parameter.MaximumParkingSeconds, 0),
    ];

    private readonly Lock _lock = new();
    private readonly SortedDictionary<uint, byte[]> _values = new();

    /// <summary>Creates the store holding the defaults.</summary>
    public Jt808TerminalParameters()
    {
        foreach ((uint id, uint value) in Defaults)
        {
            _values[id] = Jt808Parameter.FromUnsigned(id, value, 4).Value;
        }
    }

    /// <summary>Every parameter held, by id.</summary>
    public Jt808Parameter[] All()
    {
        lock (_lock)
        {
            return _values.Select(p => new Jt808Parameter(p.Key, p.Value)).ToArray();
        }
    }

    /// <summary>The parameters with the given ids that are held (unknown ids are left out, as 0x8106 answers them).</summary>
    public Jt808Parameter[] Select(IEnumerable<uint> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        lock (_lock)
        {
            return ids.Where(_values.ContainsKey).Select(id => new Jt808Parameter(id, _values[id])).ToArray();
        }
    }

    /// <summary>Stores parameters as the platform sent them.</summary>
    public void Set(IEnumerable<Jt808Parameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        lock (_lock)
        {
            foreach (Jt808Parameter p in parameters)
            {
                _values[p.Id] = p.Value;
            }
        }
    }

    /// <summary>A BYTE/WORD/DWORD parameter's value, or <paramref name="fallback"/> when it is missing or not 1, 2 or 4 bytes.</summary>
    public uint GetUnsigned(uint id, uint fallback)
    {
        lock (_lock)
        {
            return _values.TryGetValue(id, out byte[]? value) && new Jt808Parameter(id, value).TryGetUnsigned(out uint v) ? v : fallback;
        }
    }

    /// <summary>The driver-alarm thresholds from 0x0055–0x005A, over <paramref name="baseSettings"/> for what JT/T 808 has no parameter for.</summary>
    public DriverAlarmSettings DriverAlarmSettings(DriverAlarmSettings baseSettings)
    {
        ArgumentNullException.ThrowIfNull(baseSettings);
        DriverAlarmSettings fromPlatform = Positioning.DriverAlarmSettings.FromJt808(
            GetUnsigned(Jt808Parameter.MaximumSpeedKilometersPerHour, 0), GetUnsigned(0x0056, 10), GetUnsigned(Jt808Parameter.ContinuousDrivingLimitSeconds, 0),
            GetUnsigned(Jt808Parameter.DailyDrivingLimitSeconds, 0), GetUnsigned(Jt808Parameter.MinimumRestSeconds, 0), GetUnsigned(Jt808Parameter.MaximumParkingSeconds, 0));
        return new DriverAlarmSettings
        {
            SpeedLimitMetersPerSecond = fromPlatform.SpeedLimitMetersPerSecond ?? baseSettings.SpeedLimitMetersPerSecond,
            OverspeedToleranceMetersPerSecond = baseSettings.OverspeedToleranceMetersPerSecond,
            OverspeedMinimumSeconds = fromPlatform.OverspeedMinimumSeconds,
            ContinuousDrivingLimitSeconds = fromPlatform.ContinuousDrivingLimitSeconds,
            DailyDrivingLimitSeconds = fromPlatform.DailyDrivingLimitSeconds,
            MinimumRestSeconds = fromPlatform.MinimumRestSeconds,
            MaximumStopSeconds = fromPlatform.MaximumStopSeconds ?? baseSettings.MaximumStopSeconds,
            FixLostSeconds = baseSettings.FixLostSeconds,
            DrivingSpeedMetersPerSecond = baseSettings.DrivingSpeedMetersPerSecond,
            DayUtcOffset = baseSettings.DayUtcOffset,
        };
    }

    /// <summary>The store as a 0x8103 body (the persisted form).</summary>
    internal byte[] Serialize()
    {
        var writer = new Jt808Writer(512);
        new Jt808SetParameters { Parameters = All() }.Encode(writer, version2019: false);
        return writer.ToArray();
    }

    /// <summary>Loads a persisted 0x8103 body over the defaults; false (nothing changed) when it does not decode.</summary>
    internal bool TryLoad(byte[] body)
    {
        if (!Jt808SetParameters.TryDecode(body, 0, body.Length, out Jt808SetParameters parameters))
        {
            return false;
        }

        Set(parameters.Parameters);
        return true;
    }
}
