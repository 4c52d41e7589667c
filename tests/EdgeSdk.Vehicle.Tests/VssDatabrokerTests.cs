namespace EdgeSdk.Vehicle.Tests;

public class VssDatabrokerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const string Temperature = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    private const string FanSpeed = "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed";

    private static VssSignal Signal(VssDatabroker broker, string path) => broker.Tree.TryGetSignal(path, out VssSignal? s) ? s : throw new InvalidOperationException(path);

    [Fact]
    public void Current_values_are_stored_with_their_timestamp_and_refusals_store_nothing()
    {
        using var broker = new VssDatabroker(VssTreeTests.Default);
        VssSignal speed = Signal(broker, "Vehicle.Speed");
        Assert.True(broker.GetCurrentValue(speed).IsNone);
        var time = new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);
        Assert.Equal(VssError.None, broker.TrySetCurrentValue(speed, VssValue.FromFloat(42.5f), time));
        Assert.Equal(VssError.WrongType, broker.TrySetCurrentValue(speed, VssValue.FromDouble(50), time.AddSeconds(1)));
        Assert.Equal(VssError.UnknownSignal, broker.TrySetCurrentValue("Vehicle.Sped", VssValue.FromFloat(1)));
        Assert.Equal(VssError.OutOfRange, broker.TrySetCurrentValue(FanSpeed, VssValue.FromUInt32(150)));
        Assert.Equal(new VssDatapoint(VssValue.FromFloat(42.5f), time), broker.GetCurrentValue(speed));
        Assert.True(broker.GetCurrentValue(Signal(broker, FanSpeed)).IsNone);
        Assert.Equal(1, broker.Counters.Updates);
        Assert.Equal(3, broker.Counters.Rejected);
        Assert.Equal(VssError.UnknownSignal, broker.TryGetCurrentValue("Vehicle.Sped", out _));

        // Attributes with a default in the tree start with it.
        Assert.Equal(VssError.None, broker.TryGetCurrentValue("Vehicle.Cabin.SeatPosCount", out VssDatapoint seats));
        Assert.Equal(new uint[] { 2, 3 }, seats.Value.AsUInt32Array());
    }

    [Fact]
    public async Task A_subscription_starts_with_the_current_values_then_gets_every_update_in_order()
    {
        using var broker = new VssDatabroker(VssTreeTests.Default);
        VssSignal speed = Signal(broker, "Vehicle.Speed");
        VssSignal latitude = Signal(broker, "Vehicle.CurrentLocation.Latitude");
        broker.TrySetCurrentValue(latitude, VssValue.FromDouble(29.5), DateTime.UtcNow);
        Assert.Equal(VssError.None, broker.TrySubscribe([speed, latitude], 100, out VssSubscription? subscription));
        using (subscription)
        {
            var producer = Task.Run(() =>
            {
                for (int i = 0; i < 50; i++)
                {
                    Assert.Equal(VssError.None, broker.TrySetCurrentValue(speed, VssValue.FromFloat(i), DateTime.UtcNow));
                }
            });
            var seen = new List<VssUpdate>();
            using var timeout = new CancellationTokenSource(Patience);
            await foreach (VssUpdate update in subscription!.ReadAllAsync(timeout.Token))
            {
                seen.Add(update);
                if (seen.Count == 52)
                {
                    break;
                }
            }

            await producer;
            Assert.Equal(speed, seen[0].Signal);
            Assert.True(seen[0].Value.IsNone);
            Assert.Equal(VssValue.FromDouble(29.5), seen[1].Value);
            Assert.Equal(Enumerable.Range(0, 50).Select(i => (float)i), seen.Skip(2).Select(u => u.Value.AsFloat()));
            Assert.Equal(0, subscription.Dropped);
        }

        Assert.Equal(VssError.None, broker.TrySetCurrentValue(speed, VssValue.FromFloat(1), DateTime.UtcNow));
        Assert.Equal(50, broker.Counters.Delivered); // nothing queued once unsubscribed
    }

    [Fact]
    public void A_slow_subscriber_keeps_the_newest_updates_and_counts_the_dropped_ones()
    {
        using var broker = new VssDatabroker(VssTreeTests.Default);
        VssSignal speed = Signal(broker, "Vehicle.Speed");
        Assert.Equal(VssError.None, broker.TrySubscribe([speed], 10, out VssSubscription? slow));
        Assert.Equal(VssError.None, broker.TrySubscribe([speed], 1000, out VssSubscription? fast));
        for (int i = 1; i <= 500; i++)
        {
            Assert.Equal(VssError.None, broker.TrySetCurrentValue(speed, VssValue.FromFloat(i), DateTime.UtcNow));
        }

        var kept = new List<float>();
        while (slow!.TryRead(out VssUpdate update))
        {
            kept.Add(update.Value.AsFloat());
        }

        Assert.Equal(Enumerable.Range(491, 10).Select(i => (float)i), kept);
        Assert.Equal(501 - 10, slow.Dropped); // the initial "no value" and 1..490
        Assert.Equal(501, slow.Received);
        Assert.Equal(0, fast!.Dropped);
        Assert.Equal(491, broker.Counters.SubscriberDrops);
        slow.Dispose();
        fast.Dispose();
        Assert.Equal(VssError.InvalidRequest, broker.TrySubscribe([speed], 1001, out _));
        Assert.Equal(VssError.InvalidRequest, broker.TrySubscribe([], 10, out _));
    }

    [Fact]
    public async Task Disposing_a_subscription_ends_its_reader_and_stops_delivery()
    {
        using var broker = new VssDatabroker(VssTreeTests.Default);
        VssSignal speed = Signal(broker, "Vehicle.Speed");
        broker.TrySubscribe([speed], 4, out VssSubscription? subscription);
        Assert.True(subscription!.TryRead(out _)); // the initial value
        ValueTask<bool> waiting = subscription.WaitToReadAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        subscription.Dispose();
        Assert.False(await waiting.AsTask().WaitAsync(Patience));
        broker.TrySetCurrentValue(speed, VssValue.FromFloat(3), DateTime.UtcNow);
        Assert.False(subscription.TryRead(out _));
        Assert.Equal(1, subscription.Received);
    }

    [Fact]
    public async Task A_waiting_read_ends_on_cancellation()
    {
        using var broker = new VssDatabroker(VssTreeTests.Default);
        broker.TrySubscribe([Signal(broker, "Vehicle.Speed")], 4, out VssSubscription? subscription);
        using (subscription)
        {
            Assert.True(subscription!.TryRead(out _));
            using var cancel = new CancellationTokenSource();
            ValueTask<bool> waiting = subscription.WaitToReadAsync(cancel.Token);
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.AsTask().WaitAsync(Patience));
            // The subscription still works after a cancelled wait.
            broker.TrySetCurrentValue("Vehicle.Speed", VssValue.FromFloat(7));
            Assert.True(await subscription.WaitToReadAsync(CancellationToken.None).AsTask().WaitAsync(Patience));
            Assert.True(subscription.TryRead(out VssUpdate update));
            Assert.Equal(7f, update.Value.AsFloat());
        }
    }

    [Fact]
    public async Task Actuation_reaches_the_provider_that_owns_the_actuator()
    {
        using var broker = new VssDatabroker(VssTreeTests.Default);
        Assert.Equal(VssError.NoProvider, broker.TryActuate(Temperature, VssValue.FromFloat(21.5f)));
        using VssProvider hvac = broker.CreateProvider("hvac");
        Assert.Equal(VssError.None, hvac.TryProvideActuators([Temperature, FanSpeed]));
        using VssProvider other = broker.CreateProvider("other");
        Assert.Equal(VssError.AlreadyProvided, other.TryProvideActuators([FanSpeed]));
        Assert.Equal(VssError.NotActuator, other.TryProvideActuators(["Vehicle.Speed"]));
        Assert.Equal(VssError.UnknownSignal, other.TryProvideActuators(["Vehicle.Nothing"]));

        Assert.Equal(VssError.None, broker.TryActuate(Temperature, VssValue.FromFloat(21.5f)));
        Assert.Equal(VssError.NotActuator, broker.TryActuate("Vehicle.Speed", VssValue.FromFloat(1)));
        Assert.Equal(VssError.WrongType, broker.TryActuate(Temperature, VssValue.FromDouble(21.5)));
        Assert.Equal(VssError.UnknownSignal, broker.TryActuate("Vehicle.Nothing", VssValue.FromFloat(1)));

        // A batch is all or nothing: the bad fan speed stops the temperature as well.
        VssSignal temperature = Signal(broker, Temperature), fan = Signal(broker, FanSpeed);
        Assert.Equal(VssError.OutOfRange, broker.TryActuate([new VssUpdate(temperature, VssValue.FromFloat(19), DateTime.UtcNow), new VssUpdate(fan, VssValue.FromUInt32(120), DateTime.UtcNow)], out int failed));
        Assert.Equal(1, failed);
        Assert.Equal(21.5f, broker.GetTargetValue(temperature).Value.AsFloat());
        Assert.Equal(VssError.None, broker.TryActuate([new VssUpdate(temperature, VssValue.FromFloat(19), DateTime.UtcNow), new VssUpdate(fan, VssValue.FromUInt32(40), DateTime.UtcNow)], out _));

        var batches = new List<IReadOnlyList<VssUpdate>>();
        using var timeout = new CancellationTokenSource(Patience);
        await foreach (IReadOnlyList<VssUpdate> batch in hvac.ReadTargetsAsync(timeout.Token))
        {
            batches.Add(batch);
            if (batches.Count == 2)
            {
                break;
            }
        }

        Assert.Equal(21.5f, Assert.Single(batches[0]).Value.AsFloat());
        Assert.Equal([19f], batches[1].Where(t => t.Signal == temperature).Select(t => t.Value.AsFloat()));
        Assert.Equal([40u], batches[1].Where(t => t.Signal == fan).Select(t => t.Value.AsUInt32()));
        Assert.Equal(3, hvac.TargetsReceived);
        Assert.Equal(3, broker.Counters.Actuations);
        Assert.True(broker.GetCurrentValue(temperature).IsNone); // a target is not a current value until the provider says so
        Assert.Equal(VssError.None, hvac.TryPublish(temperature, VssValue.FromFloat(19)));
        Assert.Equal(VssError.NotProvided, other.TryPublish(temperature, VssValue.FromFloat(19)));

        hvac.Dispose();
        Assert.Equal(VssError.NoProvider, broker.TryActuate(Temperature, VssValue.FromFloat(20)));
        Assert.Equal(VssError.None, other.TryProvideActuators([FanSpeed]));
    }

    [Fact]
    public void A_provider_that_does_not_read_its_targets_refuses_further_actuations()
    {
        using var broker = new VssDatabroker(VssTreeTests.Default);
        using VssProvider hvac = broker.CreateProvider("hvac", targetCapacity: 2);
        hvac.TryProvideActuators([Temperature]);
        Assert.Equal(VssError.None, broker.TryActuate(Temperature, VssValue.FromFloat(20)));
        Assert.Equal(VssError.None, broker.TryActuate(Temperature, VssValue.FromFloat(21)));
        Assert.Equal(VssError.ProviderOverloaded, broker.TryActuate(Temperature, VssValue.FromFloat(22)));
        Assert.Equal(21f, broker.GetTargetValue(Signal(broker, Temperature)).Value.AsFloat());
        Assert.Equal(2, hvac.TargetsReceived);
    }

    [Fact]
    public async Task Setting_numeric_values_allocates_nothing_after_warm_up()
    {
        using var broker = new VssDatabroker(VssTreeTests.Default);
        VssSignal speed = Signal(broker, "Vehicle.Speed");
        VssSignal fan = Signal(broker, FanSpeed);
        VssSignal latitude = Signal(broker, "Vehicle.CurrentLocation.Latitude");
        broker.TrySubscribe([speed, fan, latitude], 64, out VssSubscription? lagging);
        broker.TrySubscribe([speed], 8, out VssSubscription? reader);
        long read = 0;
        using var stop = new CancellationTokenSource();
        // A live reader: updates keep waking it through the thread pool, the path a provider pays for.
        Task reading = Task.Run(async () =>
        {
            try
            {
                await foreach (VssUpdate _ in reader!.ReadAllAsync(stop.Token))
                {
                    Interlocked.Increment(ref read);
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        using (lagging)
        using (reader)
        {
            DateTime now = DateTime.UtcNow;
            for (int i = 0; i < 2000; i++)
            {
                Run(i);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10_000; i++)
            {
                Run(i);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
            Assert.Equal(3 * 12_000, broker.Counters.Updates);
            await stop.CancelAsync();
            await reading.WaitAsync(Patience);
            Assert.True(Interlocked.Read(ref read) > 0);

            void Run(int i)
            {
                broker.TrySetCurrentValue(speed, VssValue.FromFloat(i % 200), now);
                broker.TrySetCurrentValue(fan, VssValue.FromUInt32((uint)(i % 100)), now);
                broker.TrySetCurrentValue(latitude, VssValue.FromDouble(i % 90), now);
            }
        }
    }
}
