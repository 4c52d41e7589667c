namespace EdgeSdk.Cockpit.Hmi.Tests;

public sealed class CockpitHmiHubTests
{
    [Fact]
    public void A_new_browser_gets_the_latest_state_of_each_key_then_the_live_marker()
    {
        var hub = new CockpitHmiHub();
        hub.Publish("signal:A", "{\"v\":1}");
        hub.Publish("signal:A", "{\"v\":2}");
        hub.Publish("signal:B", "{\"v\":3}");
        hub.Publish(null, "{\"event\":1}"); // not state: a later browser does not see it

        using CockpitHmiClient client = hub.Connect();
        hub.Publish("signal:B", "{\"v\":4}");

        Assert.Equal(["{\"v\":2}", "{\"v\":3}", CockpitHmiHub.LiveMarker, "{\"v\":4}"], Drain(client));
        Assert.Equal(5, hub.Published);
        Assert.Equal(1, hub.ClientCount);
    }

    [Fact]
    public void A_slow_browser_loses_its_oldest_messages_counted_and_the_others_lose_nothing()
    {
        var hub = new CockpitHmiHub(clientCapacity: 10);
        using CockpitHmiClient slow = hub.Connect();
        using CockpitHmiClient fast = hub.Connect();
        var fastReceived = new List<string>(Drain(fast));
        for (int i = 0; i < 25; i++)
        {
            hub.Publish(null, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            fastReceived.AddRange(Drain(fast)); // reads as it goes
        }

        // The slow one never read: it holds the newest 10 and lost the live marker and the 15 oldest.
        Assert.Equal(Enumerable.Range(15, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Drain(slow));
        Assert.Equal(16, slow.Dropped);
        Assert.Equal(0, fast.Dropped);
        Assert.Equal(16, hub.Dropped);
        Assert.Equal(26, fastReceived.Count);
    }

    [Fact]
    public void Disconnects_are_counted_once()
    {
        var hub = new CockpitHmiHub();
        CockpitHmiClient first = hub.Connect();
        using CockpitHmiClient second = hub.Connect();
        first.Dispose();
        first.Dispose();

        Assert.Equal(2, hub.ClientsConnected);
        Assert.Equal(1, hub.ClientsDisconnected);
        Assert.Equal(1, hub.ClientCount);
        hub.Publish(null, "x");
        Assert.Equal([CockpitHmiHub.LiveMarker], Drain(first)); // queued before it left; nothing after
        Assert.True(first.Messages.Completion.IsCompleted);
        Assert.Equal([CockpitHmiHub.LiveMarker, "x"], Drain(second));
    }

    private static string[] Drain(CockpitHmiClient client)
    {
        var messages = new List<string>();
        while (client.Messages.TryRead(out string? message))
        {
            messages.Add(message);
        }

        return [.. messages];
    }
}
