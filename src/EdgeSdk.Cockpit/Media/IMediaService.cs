using EdgeSdk.Cockpit.Protocol;

namespace EdgeSdk.Cockpit;

/// <summary>Media for in-process callers: the same contract as the gRPC <c>edgesdk.cockpit.v1.MediaService</c>.</summary>
public interface IMediaService : ICockpitService
{
    /// <summary>The newest media state.</summary>
    MediaState GetMedia();

    /// <summary>The newest state, then one per change.</summary>
    IAsyncEnumerable<MediaState> WatchMediaAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets the volume, 0..100 percent.</summary>
    Task<MediaReply> SetVolumeAsync(uint volumePercent, CancellationToken cancellationToken = default);

    /// <summary>Selects a source (a VSS source name: FM, USB, BLUETOOTH, ...).</summary>
    Task<MediaReply> SetSourceAsync(string source, CancellationToken cancellationToken = default);

    /// <summary>Requests a transport action (a VSS action name: PLAY, STOP, SKIP_FORWARD, ...).</summary>
    Task<MediaReply> SetActionAsync(string action, CancellationToken cancellationToken = default);

    /// <summary>Says what plays now.</summary>
    Task<MediaReply> SetNowPlayingAsync(NowPlaying nowPlaying, CancellationToken cancellationToken = default);
}
