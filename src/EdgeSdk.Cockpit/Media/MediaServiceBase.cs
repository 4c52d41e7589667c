using EdgeSdk.Cockpit.Protocol;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Cockpit;

/// <summary>
/// The base a team overrides to connect a real player: implement the setters and call <see cref="Publish"/> with every
/// new state; the change stream and slow-subscriber handling are done here.
/// </summary>
public abstract class MediaServiceBase : CockpitServiceBase, IMediaService
{
    private readonly CockpitFeed<MediaState> _feed;
    private long _sequence;

    /// <summary>Creates the service; each subscriber keeps at most <paramref name="subscriberCapacity"/> unread states.</summary>
    protected MediaServiceBase(int subscriberCapacity, ILogger? logger = null)
        : base("media", logger) => _feed = new CockpitFeed<MediaState>(subscriberCapacity);

    /// <inheritdoc />
    public override CockpitStreamCounters StreamCounters => _feed.Counters;

    /// <inheritdoc />
    public virtual MediaState GetMedia() => _feed.Latest ?? new MediaState { NowPlaying = new NowPlaying() };

    /// <inheritdoc />
    public virtual IAsyncEnumerable<MediaState> WatchMediaAsync(CancellationToken cancellationToken = default) => _feed.SubscribeAsync(cancellationToken: cancellationToken);

    /// <inheritdoc />
    public abstract Task<MediaReply> SetVolumeAsync(uint volumePercent, CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public abstract Task<MediaReply> SetSourceAsync(string source, CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public abstract Task<MediaReply> SetActionAsync(string action, CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public abstract Task<MediaReply> SetNowPlayingAsync(NowPlaying nowPlaying, CancellationToken cancellationToken = default);

    /// <summary>Publishes a new state (its sequence is set here); do not change it afterwards.</summary>
    protected void Publish(MediaState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Sequence = (ulong)Interlocked.Increment(ref _sequence);
        _feed.Publish(state);
    }

    /// <inheritdoc />
    protected override void OnStopped() => _feed.Complete();
}
