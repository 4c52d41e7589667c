using EdgeSdk.Positioning;

namespace EdgeSdk.Jt808.Terminal;

/// <summary>How a <see cref="Jt808Terminal"/> reaches its platform and where it keeps its state.</summary>
public sealed class Jt808TerminalOptions
{
    /// <summary>Platform host name or address.</summary>
    public required string Host { get; init; }

    /// <summary>Platform TCP port.</summary>
    public required int Port { get; init; }

    /// <summary>The terminal's phone number (SIM number): digits, up to 12 (2013 header) or 20 (2019 header).</summary>
    public required string Phone { get; init; }

    /// <summary>
    /// Directory for what must survive a restart: the durable report queue (<c>reports/</c>), the authentication code
    /// (<c>auth-code</c>) and the parameters the platform set (<c>parameters.bin</c>).
    /// </summary>
    public required string StateDirectory { get; init; }

    /// <summary>Speak the 2019 version (header with version byte and 10-byte phone); default false: 2013.</summary>
    public bool Version2019 { get; init; }

    /// <summary>Registration body sent when no authentication code is stored (province, city, maker, model, terminal id, plate).</summary>
    public Jt808Registration Registration { get; init; } = new()
    {
        ProvinceId = 50, // Chongqing
        ManufacturerId = "EDGES"u8.ToArray(),
        TerminalModel = "EdgeSdk"u8.ToArray(),
        TerminalId = "0000001"u8.ToArray(),
    };

    /// <summary>IMEI sent in a 2019 authentication (15 ASCII digits).</summary>
    public byte[] Imei { get; init; } = "000000000000000"u8.ToArray();

    /// <summary>Software version sent in a 2019 authentication.</summary>
    public byte[] SoftwareVersion { get; init; } = "EdgeSdk 0.1"u8.ToArray();

    /// <summary>Reports the durable queue holds before it drops the oldest (counted). Default 86,400 (a day at 1 Hz).</summary>
    public int QueueCapacity { get; init; } = 86_400;

    /// <summary>First reconnect delay; doubles per failed attempt up to <see cref="ReconnectDelayMaximum"/>. Default 1 s.</summary>
    public TimeSpan ReconnectDelayInitial { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest reconnect delay. Default 60 s.</summary>
    public TimeSpan ReconnectDelayMaximum { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a TCP connect may take. Default 10 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// When set, the first response wait of the retransmission rule instead of parameter 0x0002 (whole seconds on the
    /// wire): for tests and for links where the platform's value is too coarse. The rule stays timeout × (n + 1).
    /// </summary>
    public TimeSpan? ResponseTimeout { get; init; }

    /// <summary>Driver-alarm thresholds JT/T 808 has no parameter for (tolerance, fix-lost time); the platform's 0x0055–0x005A override the rest.</summary>
    public DriverAlarmSettings Alarms { get; init; } = new();

    /// <summary>Clock for timeouts, heartbeats and back-off (report timing follows the samples' own time).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
