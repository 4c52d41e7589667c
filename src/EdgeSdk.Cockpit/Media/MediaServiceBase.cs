using EdgeSdk.Cockpit.Protocol;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Cockpit;

/// <summary>
/// The base a team overrides to connect a real player: implement the setters and call <see cref="CockpitStateServiceBase{TState}.Publish"/> with every
/// new state; the change stream and slow-subscriber handling are done here.
/// </summary>
public abstract class MediaServiceBase : CockpitStateServiceBase<MediaState>, IMediaService
{
    /// <summary>Creates the service; each subscriber keeps at most <paramref name="subscriberCapacity"/> unread states.</summary>
    protected MediaServiceBase(int subscriberCapacity, ILogger? logger = null)
        : base("media", subscriberCapacity, (state, sequence) => state.Sequence = sequence, logger)
    {
    }

    /// <inheritdoc />
    public virtual MediaState GetMedia() => Feed.Latest ?? new MediaState { NowPlaying = new NowPlaying() };

    /// <inheritdoc />
    public virtual IAsyncEnumerable<MediaState> WatchMediaAsync(CancellationToken cancellationToken = default) => Feed.SubscribeAsync(cancellationToken: cancellationToken);

    /// <inheritdoc />
    public abstract Task<MediaReply> SetVolumeAsync(uint volumePercent, CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public abstract Task<MediaReply> SetSourceAsync(string source, CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public abstract Task<MediaReply> SetActionAsync(string action, CancellationToken cancellationToken = default);

    /// <inheritdoc />
    public abstract Task<MediaReply> SetNowPlayingAsync(NowPlaying nowPlaying, CancellationToken cancellationToken = default);
}
