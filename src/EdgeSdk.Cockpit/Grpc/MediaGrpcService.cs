using EdgeSdk.Cockpit.Protocol;
using Grpc.Core;

namespace EdgeSdk.Cockpit;

/// <summary>Serves the registered <see cref="IMediaService"/> as <c>edgesdk.cockpit.v1.MediaService</c>.</summary>
public sealed class MediaGrpcService(IMediaService service) : Protocol.MediaService.MediaServiceBase
{
    /// <inheritdoc />
    public override Task<MediaState> GetMedia(GetMediaRequest request, ServerCallContext context) => Task.FromResult(service.GetMedia());

    /// <inheritdoc />
    public override Task WatchMedia(WatchMediaRequest request, IServerStreamWriter<MediaState> responseStream, ServerCallContext context)
        => GrpcStreaming.CopyAsync(service.WatchMediaAsync, responseStream, context);

    /// <inheritdoc />
    public override Task<MediaReply> SetVolume(SetVolumeRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return service.SetVolumeAsync(request.VolumePercent, context.CancellationToken);
    }

    /// <inheritdoc />
    public override Task<MediaReply> SetSource(SetSourceRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return service.SetSourceAsync(request.Source, context.CancellationToken);
    }

    /// <inheritdoc />
    public override Task<MediaReply> SetAction(SetActionRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        return service.SetActionAsync(request.Action, context.CancellationToken);
    }

    /// <inheritdoc />
    public override Task<MediaReply> SetNowPlaying(NowPlaying request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return service.SetNowPlayingAsync(request, context.CancellationToken);
    }
}
