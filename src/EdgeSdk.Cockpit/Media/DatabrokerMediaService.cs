using EdgeSdk.Cockpit.Protocol;
using EdgeSdk.Vehicle;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace EdgeSdk.Cockpit;

/// <summary>
/// The default media service, a stub player without audio whose state lives in the <see cref="VssDatabroker"/>: it is
/// the provider of <c>Vehicle.Cabin.Infotainment.Media.*</c> (volume, source and action as actuators it applies at once,
/// now-playing as sensors), so any VSS client (kuksa.val.v2 included) sees and changes the same state.
/// </summary>
public sealed class DatabrokerMediaService : MediaServiceBase
{
    private const string Media = "Vehicle.Cabin.Infotainment.Media.";

    private readonly VssDatabroker _broker;
    private readonly VssProvider _provider;
    private readonly VssSignal _volume, _source, _action, _track, _artist, _album, _uri;
    private readonly object _publishGate = new();
    private long _refused;

    /// <summary>Claims the media signals on the broker and gives them their initial state (volume 30 %, source UNKNOWN, action STOP).</summary>
    /// <exception cref="InvalidOperationException">The tree lacks the media signals, or another provider already provides them.</exception>
    public DatabrokerMediaService(VssDatabroker broker, IOptions<CockpitOptions> options, ILogger<DatabrokerMediaService>? logger = null)
        : base((options ?? throw new ArgumentNullException(nameof(options))).Value.SubscriberCapacity, logger)
    {
        ArgumentNullException.ThrowIfNull(broker);
        _broker = broker;
        _volume = Signal("Volume");
        _source = Signal("Played.Source");
        _action = Signal("Action");
        _track = Signal("Played.Track");
        _artist = Signal("Played.Artist");
        _album = Signal("Played.Album");
        _uri = Signal("Played.URI");
        _provider = broker.CreateProvider("media");
        VssError error = _provider.TryClaim([_volume, _source, _action], actuators: true, out string? failed);
        if (error == VssError.None)
        {
            error = _provider.TryClaim([_volume, _source, _action, _track, _artist, _album, _uri], actuators: false, out failed);
        }

        if (error != VssError.None)
        {
            _provider.Dispose();
            throw new InvalidOperationException($"the media service cannot provide {failed}: {error} (another media provider is connected; register your own IMediaService instead)");
        }

        Apply(_volume, VssValue.FromUInt32(30));
        Apply(_source, VssValue.FromString("UNKNOWN"));
        Apply(_action, VssValue.FromString("STOP"));
        PublishState();
    }

    /// <summary>Values the broker refused when the stub applied them (counted, not fatal).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <inheritdoc />
    public override Task<MediaReply> SetVolumeAsync(uint volumePercent, CancellationToken cancellationToken = default) => Task.FromResult(
        volumePercent > 100
            ? Error(MediaError.VolumeOutOfRange, $"volume {volumePercent} % is out of range; give 0..100 %")
            : Actuate(_volume, VssValue.FromUInt32(volumePercent), MediaError.VolumeOutOfRange));

    /// <inheritdoc />
    public override Task<MediaReply> SetSourceAsync(string source, CancellationToken cancellationToken = default) =>
        Task.FromResult(Actuate(_source, VssValue.FromString(source ?? string.Empty), MediaError.UnknownSource));

    /// <inheritdoc />
    public override Task<MediaReply> SetActionAsync(string action, CancellationToken cancellationToken = default) =>
        Task.FromResult(Actuate(_action, VssValue.FromString(action ?? string.Empty), MediaError.UnknownAction));

    /// <inheritdoc />
    public override Task<MediaReply> SetNowPlayingAsync(NowPlaying nowPlaying, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nowPlaying);
        DateTime now = DateTime.UtcNow;
        Apply(_track, VssValue.FromString(nowPlaying.Track), now);
        Apply(_artist, VssValue.FromString(nowPlaying.Artist), now);
        Apply(_album, VssValue.FromString(nowPlaying.Album), now);
        Apply(_uri, VssValue.FromString(nowPlaying.Uri), now);
        PublishState();
        return Task.FromResult(new MediaReply());
    }

    /// <summary>Releases the media signals.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _provider.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc />
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        // Targets from anyone (this service, a kuksa.val.v2 client) are applied at once: the stub has no hardware.
        await foreach (IReadOnlyList<VssUpdate> batch in _provider.ReadTargetsAsync(stoppingToken).ConfigureAwait(false))
        {
            foreach (VssUpdate target in batch)
            {
                Apply(target.Signal, target.Value);
            }

            PublishState();
        }
    }

    private MediaReply Actuate(VssSignal signal, VssValue value, MediaError invalid)
    {
        VssError error = _broker.TryActuate([new VssUpdate(signal, value, DateTime.UtcNow)], out _);
        return error switch
        {
            VssError.None => new MediaReply(),
            VssError.NotAllowed or VssError.OutOfRange or VssError.WrongType => Error(invalid, $"{signal.Path}: {signal.Explain(error, value)}"),
            _ => Error(MediaError.Unavailable, $"{signal.Path}: {error} (the media stub is not running)"),
        };
    }

    private void Apply(VssSignal signal, in VssValue value) => Apply(signal, value, DateTime.UtcNow);

    private void Apply(VssSignal signal, in VssValue value, DateTime time)
    {
        if (_provider.TryPublish(signal, value, time) != VssError.None)
        {
            Interlocked.Increment(ref _refused);
        }
    }

    private void PublishState()
    {
        lock (_publishGate)
        {
            PublishStateLocked(); // read and publish as one, so two publishers cannot publish an older read last
        }
    }

    private void PublishStateLocked()
    {
        var state = new MediaState
        {
            NowPlaying = new NowPlaying { Track = Text(_track), Artist = Text(_artist), Album = Text(_album), Uri = Text(_uri) },
            Source = Text(_source),
            Action = Text(_action),
        };
        if (VssValues.TryNumber(_broker.GetCurrentValue(_volume).Value, out double volume))
        {
            state.VolumePercent = (uint)volume;
        }

        Publish(state);
    }

    private string Text(VssSignal signal) => VssValues.TryString(_broker.GetCurrentValue(signal).Value, out string text) ? text : string.Empty;

    private VssSignal Signal(string name) => _broker.Tree.TryGetSignal(Media + name, out VssSignal? signal)
        ? signal
        : throw new InvalidOperationException($"the VSS tree has no {Media}{name}; the media service needs the standard Vehicle.Cabin.Infotainment.Media branch");

    private static MediaReply Error(MediaError error, string message) => new() { Error = error, Message = message };
}
