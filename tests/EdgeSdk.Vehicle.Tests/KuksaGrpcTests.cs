using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Kuksa.Val.V2;
using Metadata = Kuksa.Val.V2.Metadata;

namespace EdgeSdk.Vehicle.Tests;

/// <summary>
/// The server against a client generated from KUKSA's own upstream protos (TestData/kuksa), on a free loopback port.
/// </summary>
public sealed class KuksaGrpcTests : IAsyncLifetime
{
    private const string Temperature = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    private const string FanSpeed = "Vehicle.Cabin.HVAC.Station.Row1.Driver.FanSpeed";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly VssDatabroker _broker = new(VssTreeTests.Default);
    private VssGrpcServer? _server;
    private GrpcChannel? _channel;

    private VAL.VALClient Client => new(_channel);

    public async Task InitializeAsync()
    {
        _server = new VssGrpcServer(_broker, new IPEndPoint(IPAddress.Loopback, 0));
        await _server.StartAsync();
        _channel = GrpcChannel.ForAddress($"http://{_server.LocalEndpoint}");
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        await _server!.DisposeAsync();
        _broker.Dispose();
    }

    [Fact]
    public async Task Server_info_and_metadata_with_wildcards()
    {
        GetServerInfoResponse info = await Client.GetServerInfoAsync(new GetServerInfoRequest());
        Assert.Equal("EdgeSdk databroker", info.Name);
        Assert.StartsWith("0.1.0", info.Version, StringComparison.Ordinal);

        ListMetadataResponse speed = await Client.ListMetadataAsync(new ListMetadataRequest { Root = "Vehicle.Speed" });
        Metadata m = Assert.Single(speed.Metadata);
        Assert.Equal("Vehicle.Speed", m.Path);
        Assert.Equal(DataType.Float, m.DataType);
        Assert.Equal(EntryType.Sensor, m.EntryType);
        Assert.Equal("km/h", m.Unit);
        Assert.True(VssTreeTests.Default.TryGetSignal("Vehicle.Speed", out VssSignal? signal));
        Assert.Equal(signal.Id, m.Id);

        ListMetadataResponse cabin = await Client.ListMetadataAsync(new ListMetadataRequest { Root = "Vehicle.Cabin.**" });
        Assert.Equal(518, cabin.Metadata.Count);
        Metadata fan = cabin.Metadata.Single(x => x.Path == FanSpeed);
        Assert.Equal(DataType.Uint8, fan.DataType);
        Assert.Equal(0u, fan.Min.Uint32);
        Assert.Equal(100u, fan.Max.Uint32);
        Metadata air = cabin.Metadata.Single(x => x.Path == "Vehicle.Cabin.HVAC.Station.Row1.Driver.AirDistribution");
        Assert.Equal(["UP", "MIDDLE", "DOWN"], air.AllowedValues.StringArray.Values);

        ListMetadataResponse motors = await Client.ListMetadataAsync(new ListMetadataRequest { Root = "Vehicle.*.*.Speed" });
        Assert.Equal(["Vehicle.Powertrain.CombustionEngine.Speed", "Vehicle.Powertrain.ElectricMotor.Speed"], motors.Metadata.Select(x => x.Path));

        await AssertStatus(StatusCode.NotFound, () => Client.ListMetadataAsync(new ListMetadataRequest { Root = "Vehicle.Nothing" }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, () => Client.ListMetadataAsync(new ListMetadataRequest { Root = "Vehicle..Speed" }).ResponseAsync);
    }

    [Fact]
    public async Task Publish_and_get_values_with_kuksa_error_codes()
    {
        var time = new DateTime(2026, 11, 30, 8, 0, 0, 123, DateTimeKind.Utc);
        await Client.PublishValueAsync(new PublishValueRequest
        {
            SignalId = new SignalID { Path = "Vehicle.Speed" },
            DataPoint = new Datapoint { Value = new Value { Float = 61.5f }, Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(time) },
        });
        GetValueResponse got = await Client.GetValueAsync(new GetValueRequest { SignalId = new SignalID { Path = "Vehicle.Speed" } });
        Assert.Equal(61.5f, got.DataPoint.Value.Float);
        Assert.Equal(time, got.DataPoint.Timestamp.ToDateTime());

        // A signal without a value: a Datapoint without value, not an error.
        GetValuesResponse values = await Client.GetValuesAsync(new GetValuesRequest
        {
            SignalIds = { new SignalID { Path = "Vehicle.CurrentLocation.Latitude" }, new SignalID { Path = "Vehicle.Speed" } },
        });
        Assert.Equal(2, values.DataPoints.Count);
        Assert.Null(values.DataPoints[0].Value);
        Assert.Equal(61.5f, values.DataPoints[1].Value.Float);

        Task Publish(string path, Value value) => Client.PublishValueAsync(new PublishValueRequest { SignalId = new SignalID { Path = path }, DataPoint = new Datapoint { Value = value } }).ResponseAsync;
        await AssertStatus(StatusCode.NotFound, () => Client.GetValueAsync(new GetValueRequest { SignalId = new SignalID { Path = "Vehicle.Sped" } }).ResponseAsync);
        await AssertStatus(StatusCode.NotFound, () => Client.GetValueAsync(new GetValueRequest { SignalId = new SignalID { Id = 99999 } }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, () => Client.GetValueAsync(new GetValueRequest()).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, () => Publish("Vehicle.Speed", new Value { Double = 70 }), "Vehicle.Speed is float");
        await AssertStatus(StatusCode.InvalidArgument, () => Publish("Vehicle.CurrentLocation.Latitude", new Value { Double = 91 }), "out of range");
        await AssertStatus(StatusCode.InvalidArgument, () => Publish("Vehicle.Cabin.HVAC.Station.Row1.Driver.AirDistribution", new Value { String = "SIDEWAYS" }), "not allowed");
        await AssertStatus(StatusCode.NotFound, () => Publish("Vehicle.Sped", new Value { Float = 1 }));
        got = await Client.GetValueAsync(new GetValueRequest { SignalId = new SignalID { Path = "Vehicle.Speed" } });
        Assert.Equal(61.5f, got.DataPoint.Value.Float); // nothing changed by the refused writes
        Assert.True(_broker.GetCurrentValue(Signal("Vehicle.CurrentLocation.Latitude")).IsNone);
    }

    [Fact]
    public async Task Subscribe_sends_the_current_values_first_then_updates()
    {
        _broker.TrySetCurrentValue("Vehicle.Speed", VssValue.FromFloat(10));
        using var timeout = new CancellationTokenSource(Patience);
        using AsyncServerStreamingCall<SubscribeResponse> call = Client.Subscribe(
            new SubscribeRequest { SignalPaths = { "Vehicle.Speed", "Vehicle.CurrentLocation.Latitude" }, BufferSize = 100 }, cancellationToken: timeout.Token);
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        SubscribeResponse first = call.ResponseStream.Current;
        Assert.Equal(10f, first.Entries["Vehicle.Speed"].Value.Float);
        Assert.Null(first.Entries["Vehicle.CurrentLocation.Latitude"].Value);

        for (int i = 1; i <= 20; i++)
        {
            Assert.Equal(VssError.None, _broker.TrySetCurrentValue("Vehicle.Speed", VssValue.FromFloat(10 + i)));
        }

        var speeds = new List<float>();
        while (speeds.Count < 20 && await call.ResponseStream.MoveNext(timeout.Token))
        {
            Assert.Single(call.ResponseStream.Current.Entries);
            speeds.Add(call.ResponseStream.Current.Entries["Vehicle.Speed"].Value.Float);
        }

        Assert.Equal(Enumerable.Range(11, 20).Select(i => (float)i), speeds);

        await AssertStatus(StatusCode.NotFound, async () =>
        {
            using AsyncServerStreamingCall<SubscribeResponse> bad = Client.Subscribe(new SubscribeRequest { SignalPaths = { "Vehicle.Sped" } });
            await bad.ResponseStream.MoveNext();
        });
        await AssertStatus(StatusCode.InvalidArgument, async () =>
        {
            using AsyncServerStreamingCall<SubscribeResponse> bad = Client.Subscribe(new SubscribeRequest { SignalPaths = { "Vehicle.Speed" }, BufferSize = 1001 });
            await bad.ResponseStream.MoveNext();
        });
    }

    [Fact]
    public async Task Subscribe_by_id_keys_entries_by_id()
    {
        int id = Signal("Vehicle.Speed").Id;
        using var timeout = new CancellationTokenSource(Patience);
        using AsyncServerStreamingCall<SubscribeByIdResponse> call = Client.SubscribeById(new SubscribeByIdRequest { SignalIds = { id } }, cancellationToken: timeout.Token);
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        Assert.Null(call.ResponseStream.Current.Entries[id].Value);
        _broker.TrySetCurrentValue("Vehicle.Speed", VssValue.FromFloat(33));
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal(33f, call.ResponseStream.Current.Entries[id].Value.Float);
    }

    [Fact]
    public async Task A_provider_stream_claims_actuators_receives_targets_and_publishes()
    {
        int temperatureId = Signal(Temperature).Id, fanId = Signal(FanSpeed).Id;
        await AssertStatus(StatusCode.Unavailable, () => Actuate(Temperature, new Value { Float = 22 }), "no provider");

        using var timeout = new CancellationTokenSource(Patience);
        using AsyncDuplexStreamingCall<OpenProviderStreamRequest, OpenProviderStreamResponse> provider = Client.OpenProviderStream(cancellationToken: timeout.Token);
        await provider.RequestStream.WriteAsync(new OpenProviderStreamRequest
        {
            ProvideActuationRequest = new ProvideActuationRequest { ActuatorIdentifiers = { new SignalID { Path = Temperature }, new SignalID { Id = fanId } } },
        });
        Assert.True(await provider.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal(OpenProviderStreamResponse.ActionOneofCase.ProvideActuationResponse, provider.ResponseStream.Current.ActionCase);

        await Actuate(Temperature, new Value { Float = 22 });
        Assert.True(await provider.ResponseStream.MoveNext(timeout.Token));
        ActuateRequest forwarded = Assert.Single(provider.ResponseStream.Current.BatchActuateStreamRequest.ActuateRequests);
        Assert.Equal(temperatureId, forwarded.SignalId.Id);
        Assert.Equal(22f, forwarded.Value.Float);

        await Client.BatchActuateAsync(new BatchActuateRequest
        {
            ActuateRequests =
            {
                new ActuateRequest { SignalId = new SignalID { Path = Temperature }, Value = new Value { Float = 19 } },
                new ActuateRequest { SignalId = new SignalID { Path = FanSpeed }, Value = new Value { Uint32 = 30 } },
            },
        });
        Assert.True(await provider.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal(2, provider.ResponseStream.Current.BatchActuateStreamRequest.ActuateRequests.Count);

        // Nothing reaches the provider when one request of a batch is bad.
        await AssertStatus(StatusCode.InvalidArgument, () => Client.BatchActuateAsync(new BatchActuateRequest
        {
            ActuateRequests =
            {
                new ActuateRequest { SignalId = new SignalID { Path = Temperature }, Value = new Value { Float = 18 } },
                new ActuateRequest { SignalId = new SignalID { Path = FanSpeed }, Value = new Value { Uint32 = 300 } },
            },
        }).ResponseAsync);
        await AssertStatus(StatusCode.InvalidArgument, () => Actuate("Vehicle.Speed", new Value { Float = 1 }), "not an actuator");
        await AssertStatus(StatusCode.InvalidArgument, () => Actuate(Temperature, new Value { Double = 1 }));
        await AssertStatus(StatusCode.NotFound, () => Actuate("Vehicle.Nothing", new Value { Float = 1 }));
        Assert.Equal(3, _broker.Counters.Actuations);

        // The provider applies the target and publishes the actual value; a bad value comes back in the stream.
        await provider.RequestStream.WriteAsync(new OpenProviderStreamRequest
        {
            PublishValuesRequest = new PublishValuesRequest
            {
                RequestId = 7,
                DataPoints =
                {
                    [temperatureId] = new Datapoint { Value = new Value { Float = 19 } },
                    [fanId] = new Datapoint { Value = new Value { Uint32 = 101 } },
                },
            },
        });
        Assert.True(await provider.ResponseStream.MoveNext(timeout.Token));
        PublishValuesResponse failures = provider.ResponseStream.Current.PublishValuesResponse;
        Assert.Equal(7u, failures.RequestId);
        Assert.Equal(ErrorCode.InvalidArgument, Assert.Single(failures.Status).Value.Code);
        Assert.Equal(fanId, failures.Status.Keys.Single());
        Assert.Equal(19f, (await Client.GetValueAsync(new GetValueRequest { SignalId = new SignalID { Id = temperatureId } })).DataPoint.Value.Float);

        // A second provider cannot take the actuators while the first holds them.
        using AsyncDuplexStreamingCall<OpenProviderStreamRequest, OpenProviderStreamResponse> second = Client.OpenProviderStream(cancellationToken: timeout.Token);
        await second.RequestStream.WriteAsync(new OpenProviderStreamRequest
        {
            ProvideActuationRequest = new ProvideActuationRequest { ActuatorIdentifiers = { new SignalID { Path = Temperature } } },
        });
        await AssertStatus(StatusCode.AlreadyExists, () => second.ResponseStream.MoveNext(timeout.Token));

        // Closing the first stream releases its actuators.
        await provider.RequestStream.CompleteAsync();
        Assert.False(await provider.ResponseStream.MoveNext(timeout.Token));
        await AssertStatus(StatusCode.Unavailable, () => Actuate(Temperature, new Value { Float = 22 }));
    }

    [Fact]
    public async Task A_provider_publishing_unclaimed_signals_is_aborted()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using AsyncDuplexStreamingCall<OpenProviderStreamRequest, OpenProviderStreamResponse> provider = Client.OpenProviderStream(cancellationToken: timeout.Token);
        int speedId = Signal("Vehicle.Speed").Id;
        await provider.RequestStream.WriteAsync(new OpenProviderStreamRequest
        {
            PublishValuesRequest = new PublishValuesRequest { RequestId = 1, DataPoints = { [speedId] = new Datapoint { Value = new Value { Float = 5 } } } },
        });
        await AssertStatus(StatusCode.Aborted, () => provider.ResponseStream.MoveNext(timeout.Token));
        Assert.True(_broker.GetCurrentValue(Signal("Vehicle.Speed")).IsNone);

        using AsyncDuplexStreamingCall<OpenProviderStreamRequest, OpenProviderStreamResponse> claimed = Client.OpenProviderStream(cancellationToken: timeout.Token);
        await claimed.RequestStream.WriteAsync(new OpenProviderStreamRequest
        {
            ProvideSignalRequest = new ProvideSignalRequest { SignalsSampleIntervals = { [speedId] = new SampleInterval { IntervalMs = 100 } } },
        });
        Assert.True(await claimed.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal(OpenProviderStreamResponse.ActionOneofCase.ProvideSignalResponse, claimed.ResponseStream.Current.ActionCase);
        await claimed.RequestStream.WriteAsync(new OpenProviderStreamRequest
        {
            PublishValuesRequest = new PublishValuesRequest { RequestId = 2, DataPoints = { [speedId] = new Datapoint { Value = new Value { Float = 5 } } } },
        });
        await WaitFor(() => !_broker.GetCurrentValue(Signal("Vehicle.Speed")).IsNone);
        Assert.Equal(5f, _broker.GetCurrentValue(Signal("Vehicle.Speed")).Value.AsFloat());
        Assert.Equal("grpc", _broker.SignalProviderOf(Signal("Vehicle.Speed"))![..4]);
    }

    [Fact]
    public async Task Actuate_stream_forwards_each_request_and_stops_at_the_first_refusal()
    {
        using VssProvider hvac = _broker.CreateProvider("hvac");
        Assert.Equal(VssError.None, hvac.TryProvideActuators([Temperature]));
        using (AsyncClientStreamingCall<ActuateRequest, ActuateResponse> stream = Client.ActuateStream())
        {
            for (int i = 0; i < 5; i++)
            {
                await stream.RequestStream.WriteAsync(new ActuateRequest { SignalId = new SignalID { Path = Temperature }, Value = new Value { Float = 20 + i } });
            }

            await stream.RequestStream.CompleteAsync();
            await stream.ResponseAsync;
        }

        Assert.Equal(5, hvac.TargetsReceived);
        Assert.Equal(24f, _broker.GetTargetValue(Signal(Temperature)).Value.AsFloat());

        using AsyncClientStreamingCall<ActuateRequest, ActuateResponse> bad = Client.ActuateStream();
        await bad.RequestStream.WriteAsync(new ActuateRequest { SignalId = new SignalID { Path = Temperature }, Value = new Value { String = "warm" } });
        await AssertStatus(StatusCode.InvalidArgument, () => bad.ResponseAsync, "Temperature is float");
        Assert.Equal(5, hvac.TargetsReceived);
    }

    [Fact]
    public async Task A_subscription_with_a_duration_filter_ends_normally()
    {
        using var timeout = new CancellationTokenSource(Patience);
        using AsyncServerStreamingCall<SubscribeResponse> call = Client.Subscribe(
            new SubscribeRequest { SignalPaths = { "Vehicle.Speed" }, Filter = new Filter { DurationMs = 300 } }, cancellationToken: timeout.Token);
        int responses = 0;
        while (await call.ResponseStream.MoveNext(timeout.Token))
        {
            responses++;
        }

        Assert.Equal(1, responses); // the initial value, then the end of the call
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    private Task<ActuateResponse> Actuate(string path, Value value) => Client.ActuateAsync(new ActuateRequest { SignalId = new SignalID { Path = path }, Value = value }).ResponseAsync;

    private static VssSignal Signal(string path) => VssTreeTests.Default.TryGetSignal(path, out VssSignal? s) ? s : throw new InvalidOperationException(path);

    private static async Task AssertStatus(StatusCode code, Func<Task> call, string? detail = null)
    {
        RpcException ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, ex.StatusCode);
        if (detail != null)
        {
            Assert.Contains(detail, ex.Status.Detail, StringComparison.Ordinal);
        }
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
