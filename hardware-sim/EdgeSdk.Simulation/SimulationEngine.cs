using System.Buffers;
using System.Text.Json;
using EdgeSdk.Nmea;
using EdgeSdk.Positioning;
using EdgeSdk.Simulation.Faults;
using EdgeSdk.Simulation.Geometry;
using EdgeSdk.Simulation.Receiver;
using EdgeSdk.Simulation.Scenarios;

namespace EdgeSdk.Simulation;

/// <summary>
/// The simulation proper, without I/O or clocks: each <see cref="Next"/> call advances one epoch and
/// returns the bytes on the wire and the truth line. Deterministic for a scenario, seed and options.
/// </summary>
internal sealed class SimulationEngine
{
    private readonly SimulationOptions _options;
    private readonly Scenario _scenario;
    private readonly ReceiverProfile _profile;
    private readonly VehicleTrajectory _trajectory;
    private readonly SkyModel _sky;
    private readonly PositionNoise _noise;
    private readonly SentenceEncoder _encoder;
    private readonly FaultInjector _faults;
    private readonly int _bytesPerEpoch;
    private readonly double? _durationSeconds;
    private readonly Random _speedNoise;
    private int _epoch;
    private bool _hadFix;

    public SimulationEngine(SimulationOptions options)
    {
        options.Validate();
        _options = options;
        _scenario = options.ScenarioDefinition ?? Scenario.Load(options.Scenario);
        int seed = options.Seed ?? _scenario.Seed;
        _profile = ReceiverProfile.For(options.Receiver);
        _trajectory = new VehicleTrajectory(_scenario);
        _sky = new SkyModel(_scenario, seed, _profile.Systems.Select(s => s.System).ToArray(), _profile.MaxUsed);
        _noise = new PositionNoise(seed);
        _speedNoise = new Random(seed ^ 0x5BEED);
        _encoder = new SentenceEncoder(_profile);
        byte[] binaryHeader = options.Receiver == ReceiverModel.Casic ? new byte[] { 0xBA, 0xCE } : new byte[] { 0xB5, 0x62 };
        _faults = new FaultInjector(options.Faults, seed, binaryHeader);
        BaudRate = options.BaudRate ?? _profile.DefaultBaudRate;
        _bytesPerEpoch = BaudRate / 10 / options.RateHz;
        _durationSeconds = options.DurationSeconds ?? (_scenario.DurationSeconds > 0 ? _scenario.DurationSeconds : null);
    }

    public Scenario Scenario => _scenario;

    public int BaudRate { get; }

    public double EpochSeconds => 1.0 / _options.RateHz;

    /// <summary>Simulated seconds since the start of the epoch <see cref="Next"/> returns next.</summary>
    public double ElapsedSeconds => _epoch * EpochSeconds;

    /// <summary>The next epoch, or null when the duration is over (or the route ended without a set duration).</summary>
    public SimulatedEpoch? Next()
    {
        double elapsed = ElapsedSeconds;
        VehicleState vehicle = _trajectory.Current;
        if (_durationSeconds is double limit ? elapsed >= limit - 1e-9 : vehicle.Finished)
        {
            return null;
        }

        DateTime utc = _scenario.StartTimeUtc.AddTicks(_epoch * TimeSpan.TicksPerSecond / _options.RateHz);
        var faults = new List<string>();
        bool reset = _faults.Reset(faults);
        if (reset)
        {
            _sky.Reset();
        }

        SkyEpoch sky = _sky.Observe(utc, elapsed, vehicle);
        if (sky.FixDimension == 0 || !_hadFix)
        {
            _noise.Restart();
        }

        _hadFix = sky.FixDimension > 0;
        double uere = _options.NoiseMeters * (vehicle.Environment == ScenarioEnvironment.UrbanCanyon ? 2 : 1);
        double horizontalSigma = uere * sky.Dop.Hdop / Math.Sqrt(2);
        double verticalSigma = uere * (sky.FixDimension == 3 ? sky.Dop.Vdop : 0);
        (double east, double north, double up) = _noise.Next(EpochSeconds, horizontalSigma, verticalSigma);
        (double lat, double lon) = TangentPlane.Offset(vehicle.LatitudeDegrees, vehicle.LongitudeDegrees, east, north);
        double speed = Math.Max(0, vehicle.SpeedMetersPerSecond + (vehicle.SpeedMetersPerSecond > 0 ? (_speedNoise.NextDouble() - 0.5) * 0.1 : 0));
        var report = new EpochReport(utc, sky.FixDimension, lat, lon, vehicle.AltitudeMslMeters + up,
            _scenario.GeoidSeparationMeters, speed, vehicle.CourseDegrees, sky.Dop, sky.Satellites);

        List<byte[]> sentences = reset
            ? _profile.BootBanner.Select(line => _encoder.Text(2, line)).ToList()
            : _faults.DropAndDuplicate(_encoder.Encode(report), faults);

        // A UART at 8N1 moves baud/10 bytes a second: what does not fit this epoch is lost, as on hardware.
        int budget = _bytesPerEpoch, kept = 0, droppedBytes = 0;
        while (kept < sentences.Count && budget >= sentences[kept].Length)
        {
            budget -= sentences[kept++].Length;
        }

        int droppedSentences = sentences.Count - kept;
        for (int i = kept; i < sentences.Count; i++)
        {
            droppedBytes += sentences[i].Length;
        }

        List<byte[]> wire = _faults.CorruptLine(sentences.GetRange(0, kept), faults);
        byte[] bytes = wire.SelectMany(b => b).ToArray();
        byte[] truth = Truth(utc, elapsed, vehicle, sky, report, uere, reset, bytes.Length, droppedSentences, droppedBytes, faults);
        _trajectory.Step(EpochSeconds);
        _epoch++;
        return new SimulatedEpoch(utc, elapsed, sky.FixDimension, bytes, truth, droppedSentences, droppedBytes, faults.Count);
    }

    private byte[] Truth(DateTime utc, double elapsed, VehicleState v, SkyEpoch sky, EpochReport report, double uere, bool reset,
        int bytes, int droppedSentences, int droppedBytes, List<string> faults)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("scenario", _scenario.Name);
            json.WriteNumber("epoch", _epoch);
            json.WriteString("timeUtc", utc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteNumber("elapsedSeconds", Math.Round(elapsed, 3));
            json.WriteNumber("latitudeDegrees", Math.Round(v.LatitudeDegrees, 8));
            json.WriteNumber("longitudeDegrees", Math.Round(v.LongitudeDegrees, 8));
            json.WriteNumber("altitudeMslMeters", Math.Round(v.AltitudeMslMeters, 3));
            json.WriteNumber("speedMetersPerSecond", Math.Round(v.SpeedMetersPerSecond, 3));
            json.WriteNumber("courseDegrees", Math.Round(v.CourseDegrees, 2));
            json.WriteNumber("climbMetersPerSecond", Math.Round(v.ClimbMetersPerSecond, 3));
            json.WriteString("environment", JsonNamingPolicy.CamelCase.ConvertName(v.Environment.ToString()));
            json.WriteNumber("fixMode", sky.FixDimension == 0 ? 1 : sky.FixDimension);
            if (sky.FixDimension > 0)
            {
                json.WriteNumber("reportedLatitudeDegrees", Math.Round(report.LatitudeDegrees, 8));
                json.WriteNumber("reportedLongitudeDegrees", Math.Round(report.LongitudeDegrees, 8));
                json.WriteNumber("reportedAltitudeMslMeters", Math.Round(report.AltitudeMslMeters, 3));
                json.WriteNumber("pdop", Math.Round(sky.Dop.Pdop, 3));
                json.WriteNumber("hdop", Math.Round(sky.Dop.Hdop, 3));
                json.WriteNumber("vdop", Math.Round(sky.Dop.Vdop, 3));
                json.WriteNumber("horizontalErrorBoundMeters", Math.Round(PositionNoise.SigmaClamp * uere * sky.Dop.Hdop, 3));
            }

            json.WriteNumber("satellitesVisible", sky.Satellites.Count);
            json.WriteNumber("satellitesTracked", sky.Satellites.Count(s => s.Tracked));
            json.WriteNumber("satellitesUsed", sky.UsedCount);
            json.WriteStartArray("satellites");
            foreach (SatelliteObservation s in sky.Satellites)
            {
                json.WriteStartObject();
                json.WriteString("system", SystemName(s.System));
                json.WriteNumber("prn", s.Prn);
                json.WriteNumber("elevationDegrees", Math.Round(s.ElevationDegrees, 2));
                json.WriteNumber("azimuthDegrees", Math.Round(s.AzimuthDegrees, 2));
                json.WriteNumber("cn0DbHz", s.Cn0DbHz);
                json.WriteBoolean("used", s.Used);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("bytes", bytes);
            json.WriteNumber("bytesPerEpochBudget", _bytesPerEpoch);
            json.WriteNumber("droppedSentences", droppedSentences);
            json.WriteNumber("droppedBytes", droppedBytes);
            json.WriteBoolean("reset", reset);
            json.WriteStartArray("faults");
            foreach (string fault in faults)
            {
                json.WriteStringValue(fault);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return [.. buffer.WrittenSpan, (byte)'\n'];
    }

    private static string SystemName(GnssSystem system) => system switch
    {
        GnssSystem.Gps => "gps",
        GnssSystem.Beidou => "beidou",
        GnssSystem.Glonass => "glonass",
        GnssSystem.Galileo => "galileo",
        _ => "unknown",
    };
}
