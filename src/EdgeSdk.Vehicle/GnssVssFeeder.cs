using System.Globalization;
using EdgeSdk.Gnss;

namespace EdgeSdk.Vehicle;

/// <summary>
/// Feeds a GNSS receiver's fixes into a databroker: <c>Vehicle.CurrentLocation.*</c> (latitude, longitude,
/// altitude, heading, accuracies, timestamp, fix type) as the provider of those signals, and
/// <c>Vehicle.Speed</c> from speed over ground while no other source provides a vehicle speed — a CAN
/// feeder that claims <c>Vehicle.Speed</c>, or anyone who published it within <see cref="ForeignSpeedTimeout"/>.
/// </summary>
/// <example>
/// <code>
/// await using var receiver = GnssReceiver.Open("serial:/dev/ttyUSB0?baud=auto");
/// using var feeder = new GnssVssFeeder(broker);
/// await feeder.RunAsync(receiver.ReadFixesAsync(ct), ct);
/// </code>
/// </example>
public sealed class GnssVssFeeder : IDisposable
{
    private const double KilometersPerHourPerMeterPerSecond = 3.6;

    private readonly VssDatabroker _broker;
    private readonly VssProvider _provider;
    private readonly VssSignal _latitude, _longitude, _altitude, _heading, _horizontalAccuracy, _verticalAccuracy, _timestamp, _fixType, _speed;
    private DateTime _lastSpeedWritten;
    private long _fixes;
    private long _published;
    private long _rejected;
    private long _speedSkipped;

    /// <summary>Claims the <c>Vehicle.CurrentLocation</c> signals on <paramref name="broker"/>.</summary>
    /// <exception cref="InvalidOperationException">The tree lacks these signals, or another provider already provides them.</exception>
    public GnssVssFeeder(VssDatabroker broker, string providerName = "gnss")
    {
        ArgumentNullException.ThrowIfNull(broker);
        _broker = broker;
        const string Location = "Vehicle.CurrentLocation.";
        _latitude = Signal(Location + "Latitude");
        _longitude = Signal(Location + "Longitude");
        _altitude = Signal(Location + "Altitude");
        _heading = Signal(Location + "Heading");
        _horizontalAccuracy = Signal(Location + "HorizontalAccuracy");
        _verticalAccuracy = Signal(Location + "VerticalAccuracy");
        _timestamp = Signal(Location + "Timestamp");
        _fixType = Signal(Location + "GNSSReceiver.FixType");
        _speed = Signal("Vehicle.Speed");
        _provider = broker.CreateProvider(providerName);
        VssError error = _provider.TryClaim([_latitude, _longitude, _altitude, _heading, _horizontalAccuracy, _verticalAccuracy, _timestamp, _fixType], actuators: false, out string? failed);
        if (error != VssError.None)
        {
            _provider.Dispose();
            throw new InvalidOperationException($"the GNSS feeder cannot provide {failed}: {error} (is another GNSS provider connected?)");
        }
    }

    /// <summary>How long a <c>Vehicle.Speed</c> written by someone else keeps the feeder from writing GNSS speed.</summary>
    public TimeSpan ForeignSpeedTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Fixes seen.</summary>
    public long Fixes => Interlocked.Read(ref _fixes);

    /// <summary>Signal values written.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Values the broker refused (e.g. a heading of exactly 360 would be out of range; counted, not fatal).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Fixes whose speed was not written because another source provides <c>Vehicle.Speed</c>.</summary>
    public long SpeedSkipped => Interlocked.Read(ref _speedSkipped);

    /// <summary>Publishes every fix until the fixes end or <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(IAsyncEnumerable<GnssFix> fixes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fixes);
        await foreach (GnssFix fix in fixes.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Publish(fix);
        }
    }

    /// <summary>
    /// Publishes one fix, timestamped with the fix time (or now when the fix has none). A quantity the fix
    /// lacks is left unchanged; the fix type is always written (<c>NONE</c> without a position).
    /// </summary>
    public void Publish(GnssFix fix)
    {
        ArgumentNullException.ThrowIfNull(fix);
        Interlocked.Increment(ref _fixes);
        DateTime time = fix.TimeUtc ?? DateTime.UtcNow;
        Write(_fixType, VssValue.FromString(FixType(fix)), time);
        if (!fix.HasPosition)
        {
            return;
        }

        Write(_latitude, VssValue.FromDouble(fix.LatitudeDegrees!.Value), time);
        Write(_longitude, VssValue.FromDouble(fix.LongitudeDegrees!.Value), time);
        if (fix.AltitudeHaeMeters is double hae)
        {
            Write(_altitude, VssValue.FromDouble(hae), time); // VSS: altitude above the WGS-84 ellipsoid
        }

        if (fix.CourseDegrees is double course)
        {
            Write(_heading, VssValue.FromDouble(course % 360.0), time);
        }

        if (fix.LatitudeErrorMeters is double latError && fix.LongitudeErrorMeters is double lonError)
        {
            Write(_horizontalAccuracy, VssValue.FromDouble(Math.Sqrt((latError * latError) + (lonError * lonError))), time);
        }

        if (fix.AltitudeErrorMeters is double altError)
        {
            Write(_verticalAccuracy, VssValue.FromDouble(altError), time);
        }

        if (fix.TimeUtc is DateTime utc)
        {
            Write(_timestamp, VssValue.FromString(utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)), time);
        }

        if (fix.SpeedMetersPerSecond is double speed)
        {
            PublishSpeed((float)(speed * KilometersPerHourPerMeterPerSecond), time);
        }
    }

    /// <summary>Releases the claimed signals.</summary>
    public void Dispose() => _provider.Dispose();

    private void PublishSpeed(float kilometersPerHour, DateTime time)
    {
        // A CAN speed (a provider that claimed Vehicle.Speed, or a recent value we did not write) wins.
        VssDatapoint current = _broker.GetCurrentValue(_speed);
        bool foreign = _broker.SignalProviderOf(_speed) != null
            || (!current.IsNone && current.TimestampUtc != _lastSpeedWritten && DateTime.UtcNow - current.TimestampUtc < ForeignSpeedTimeout);
        if (foreign)
        {
            Interlocked.Increment(ref _speedSkipped);
            return;
        }

        if (_broker.TrySetCurrentValue(_speed, VssValue.FromFloat(kilometersPerHour), time) == VssError.None)
        {
            _lastSpeedWritten = time;
            Interlocked.Increment(ref _published);
        }
        else
        {
            Interlocked.Increment(ref _rejected);
        }
    }

    private void Write(VssSignal signal, in VssValue value, DateTime time)
    {
        if (_provider.TryPublish(signal, value, time) == VssError.None)
        {
            Interlocked.Increment(ref _published);
        }
        else
        {
            Interlocked.Increment(ref _rejected);
        }
    }

    private static string FixType(GnssFix fix)
    {
        if (!fix.HasPosition)
        {
            return "NONE";
        }

        string dimension = fix.Mode == FixMode.ThreeD ? "THREE_D" : "TWO_D";
        // VSS distinguishes satellite-based (SBAS) from ground-based (DGPS/RTK) augmentation.
        return fix.Quality switch
        {
            FixQuality.Differential => dimension + "_SATELLITE_BASED_AUGMENTATION",
            FixQuality.RtkFixed or FixQuality.RtkFloat => dimension + "_GROUND_BASED_AUGMENTATION",
            _ => dimension,
        };
    }

    private VssSignal Signal(string path) => _broker.Tree.TryGetSignal(path, out VssSignal? signal)
        ? signal
        : throw new InvalidOperationException($"the VSS tree has no {path}; the GNSS feeder needs the standard Vehicle.CurrentLocation branch");
}
