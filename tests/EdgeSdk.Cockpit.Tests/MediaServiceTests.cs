using EdgeSdk.Cockpit.Protocol;
using EdgeSdk.Vehicle;

namespace EdgeSdk.Cockpit.Tests;

public sealed class MediaServiceTests
{
    [Fact]
    public async Task Media_state_lives_in_the_databroker_in_process()
    {
        await using CockpitTestHost host = await CockpitTestHost.StartAsync();
        IMediaService media = host.Get<IMediaService>();
        Assert.Equal(new MediaState { NowPlaying = new NowPlaying(), VolumePercent = 30, Source = "UNKNOWN", Action = "STOP", Sequence = media.GetMedia().Sequence }, media.GetMedia());

        Assert.Equal(MediaError.None, (await media.SetVolumeAsync(45)).Error);
        Assert.Equal(MediaError.None, (await media.SetSourceAsync("USB")).Error);
        Assert.Equal(MediaError.None, (await media.SetNowPlayingAsync(new NowPlaying { Track = "Chongqing Nights", Artist = "Edge Band", Album = "Live", Uri = "file:///music/1.flac" })).Error);
        MediaState state = await Eventually.ReadUntilAsync(media.WatchMediaAsync(), s => s.VolumePercent == 45 && s.Source == "USB" && s.NowPlaying.Track.Length > 0, "volume, source and track");
        Assert.Equal(new NowPlaying { Track = "Chongqing Nights", Artist = "Edge Band", Album = "Live", Uri = "file:///music/1.flac" }, state.NowPlaying);

        // The same state as VSS signals: any VSS client sees it, and an actuation by one (kuksa.val.v2) changes it.
        Assert.Equal(VssError.None, host.Broker.TryGetCurrentValue("Vehicle.Cabin.Infotainment.Media.Volume", out VssDatapoint volume));
        Assert.Equal(45u, volume.Value.AsUInt32());
        Assert.Equal(VssError.None, host.Broker.TryGetCurrentValue("Vehicle.Cabin.Infotainment.Media.Played.Track", out VssDatapoint track));
        Assert.Equal("Chongqing Nights", track.Value.AsString());
        Assert.Equal(VssError.None, host.Broker.TryActuate("Vehicle.Cabin.Infotainment.Media.Volume", VssValue.FromUInt32(70)));
        await Eventually.ReadUntilAsync(media.WatchMediaAsync(), s => s.VolumePercent == 70, "volume 70 actuated through the broker");
    }

    [Fact]
    public async Task Media_through_grpc_with_typed_errors()
    {
        await using CockpitTestHost host = await CockpitTestHost.StartAsync();
        var client = new Protocol.MediaService.MediaServiceClient(host.Channel);
        Assert.Equal(MediaError.None, (await client.SetActionAsync(new SetActionRequest { Action = "PLAY" })).Error);
        await Eventually.TrueAsync(() => client.GetMedia(new GetMediaRequest()).Action == "PLAY", "action PLAY");

        MediaReply volume = await client.SetVolumeAsync(new SetVolumeRequest { VolumePercent = 101 });
        Assert.Equal((MediaError.VolumeOutOfRange, "volume 101 % is out of range; give 0..100 %"), (volume.Error, volume.Message));
        MediaReply source = await client.SetSourceAsync(new SetSourceRequest { Source = "CASSETTE" });
        Assert.Equal(MediaError.UnknownSource, source.Error);
        Assert.StartsWith("Vehicle.Cabin.Infotainment.Media.Played.Source: ", source.Message, StringComparison.Ordinal);
        Assert.Contains("BLUETOOTH", source.Message, StringComparison.Ordinal);
        MediaReply action = await client.SetActionAsync(new SetActionRequest { Action = "EJECT" });
        Assert.Equal(MediaError.UnknownAction, action.Error);
        Assert.Equal(30u, (await client.GetMediaAsync(new GetMediaRequest())).VolumePercent); // nothing changed
    }
}
