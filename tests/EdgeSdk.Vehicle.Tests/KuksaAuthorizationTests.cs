using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using Grpc.Net.Client;
using Kuksa.Val.V2;
using Metadata = Grpc.Core.Metadata;

namespace EdgeSdk.Vehicle.Tests;

/// <summary>Bearer tokens as KUKSA's databroker takes them (RS256 JWT, scope claim), through KUKSA's own client.</summary>
public sealed class KuksaAuthorizationTests : IAsyncLifetime
{
    private const string Temperature = "Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature";
    private readonly RSA _key = RSA.Create(2048);
    private readonly VssDatabroker _broker = new(VssTreeTests.Default);
    private VssGrpcServer? _server;
    private GrpcChannel? _channel;

    private VAL.VALClient Client => new(_channel);

    public async Task InitializeAsync()
    {
        var publicKey = RSA.Create();
        publicKey.ImportFromPem(_key.ExportSubjectPublicKeyInfoPem());
        _server = new VssGrpcServer(_broker, new IPEndPoint(IPAddress.Loopback, 0), tokenValidator: new VssTokenValidator(publicKey));
        await _server.StartAsync();
        _channel = GrpcChannel.ForAddress($"http://{_server.LocalEndpoint}");
    }

    public async Task DisposeAsync()
    {
        _channel?.Dispose();
        await _server!.DisposeAsync();
        _broker.Dispose();
        _key.Dispose();
    }

    [Fact]
    public async Task Calls_without_a_valid_token_are_unauthenticated()
    {
        var speed = new GetValueRequest { SignalId = new SignalID { Path = "Vehicle.Speed" } };
        await AssertStatus(StatusCode.Unauthenticated, "no bearer token", () => Client.GetValueAsync(speed).ResponseAsync);
        await AssertStatus(StatusCode.Unauthenticated, "not a JWT", () => Client.GetValueAsync(speed, Bearer("abc")).ResponseAsync);
        using RSA other = RSA.Create(2048);
        await AssertStatus(StatusCode.Unauthenticated, "signature does not match", () => Client.GetValueAsync(speed, Bearer(Token("read", other))).ResponseAsync);
        await AssertStatus(StatusCode.Unauthenticated, "expired", () => Client.GetValueAsync(speed, Bearer(Token("read", expires: DateTime.UtcNow.AddMinutes(-1)))).ResponseAsync);
        await AssertStatus(StatusCode.Unauthenticated, "'write' is not read, actuate or provide", () => Client.GetValueAsync(speed, Bearer(Token("write:Vehicle"))).ResponseAsync);
        await AssertStatus(StatusCode.Unauthenticated, "no bearer token", () => Client.ListMetadataAsync(new ListMetadataRequest { Root = "Vehicle" }).ResponseAsync);
        Assert.Equal("EdgeSdk databroker", (await Client.GetServerInfoAsync(new GetServerInfoRequest())).Name);
    }

    [Fact]
    public async Task Scopes_allow_read_actuate_and_provide_per_path_pattern()
    {
        Metadata cabinReader = Bearer(Token("read:Vehicle.Cabin.**"));
        await Client.GetValueAsync(new GetValueRequest { SignalId = new SignalID { Path = Temperature } }, cabinReader);
        await AssertStatus(StatusCode.PermissionDenied, "does not allow read on Vehicle.Speed (scope: read:Vehicle.Cabin.**)",
            () => Client.GetValueAsync(new GetValueRequest { SignalId = new SignalID { Path = "Vehicle.Speed" } }, cabinReader).ResponseAsync);
        await AssertStatus(StatusCode.PermissionDenied, "does not allow actuate on " + Temperature,
            () => Client.ActuateAsync(new ActuateRequest { SignalId = new SignalID { Path = Temperature }, Value = new Value { Float = 20 } }, cabinReader).ResponseAsync);

        using VssProvider hvac = _broker.CreateProvider("hvac");
        hvac.TryProvideActuators([Temperature]);
        Metadata hvacUser = Bearer(Token("actuate:Vehicle.Cabin.HVAC.** read:Vehicle.Speed"));
        await Client.ActuateAsync(new ActuateRequest { SignalId = new SignalID { Path = Temperature }, Value = new Value { Float = 20 } }, hvacUser);
        Assert.Equal(1, hvac.TargetsReceived);
        await Client.GetValueAsync(new GetValueRequest { SignalId = new SignalID { Path = Temperature } }, hvacUser); // actuate includes read

        Metadata speedProvider = Bearer(Token("provide:Vehicle.Speed"));
        await Client.PublishValueAsync(new PublishValueRequest { SignalId = new SignalID { Path = "Vehicle.Speed" }, DataPoint = new Datapoint { Value = new Value { Float = 12 } } }, speedProvider);
        await AssertStatus(StatusCode.PermissionDenied, "does not allow provide on Vehicle.CurrentLocation.Latitude",
            () => Client.PublishValueAsync(new PublishValueRequest { SignalId = new SignalID { Path = "Vehicle.CurrentLocation.Latitude" }, DataPoint = new Datapoint { Value = new Value { Double = 1 } } }, speedProvider).ResponseAsync);
        Assert.Equal(12f, _broker.GetCurrentValue(Signal("Vehicle.Speed")).Value.AsFloat());
        Assert.True(_broker.GetCurrentValue(Signal("Vehicle.CurrentLocation.Latitude")).IsNone);

        // A provider stream may claim only what its token provides.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using AsyncDuplexStreamingCall<OpenProviderStreamRequest, OpenProviderStreamResponse> stream = Client.OpenProviderStream(speedProvider, cancellationToken: timeout.Token);
        await stream.RequestStream.WriteAsync(new OpenProviderStreamRequest
        {
            ProvideSignalRequest = new ProvideSignalRequest { SignalsSampleIntervals = { [Signal("Vehicle.CurrentLocation.Latitude").Id] = new SampleInterval() } },
        });
        await AssertStatus(StatusCode.PermissionDenied, "does not allow provide", () => stream.ResponseStream.MoveNext(timeout.Token));
    }

    [Theory]
    [InlineData("read", "Vehicle.Speed", VssAccess.Read, true)]
    [InlineData("read", "Vehicle.Speed", VssAccess.Actuate, false)]
    [InlineData("actuate:Vehicle.Cabin.*.*.*.*.Temperature", Temperature, VssAccess.Actuate, true)]
    [InlineData("provide:Vehicle.Cabin", Temperature, VssAccess.Read, true)]
    [InlineData("provide:Vehicle.Cabin", Temperature, VssAccess.Actuate, false)]
    [InlineData("", "Vehicle.Speed", VssAccess.Read, false)]
    public void Permissions_follow_the_scope(string scope, string path, VssAccess access, bool allowed)
    {
        Assert.True(VssPermissions.TryParse(scope, out VssPermissions? permissions, out string error), error);
        Assert.Equal(allowed, permissions!.Allows(access, Signal(path)));
    }

    private string Token(string scope, RSA? key = null, DateTime? expires = null)
    {
        static string Part(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        string header = Part(Encoding.UTF8.GetBytes("""{"alg":"RS256","typ":"JWT"}"""));
        long exp = new DateTimeOffset(expires ?? DateTime.UtcNow.AddHours(1)).ToUnixTimeSeconds();
        string payload = Part(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["sub"] = "test", ["scope"] = scope, ["exp"] = exp }));
        byte[] signature = (key ?? _key).SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Part(signature)}";
    }

    private static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    private static VssSignal Signal(string path) => VssTreeTests.Default.TryGetSignal(path, out VssSignal? s) ? s : throw new InvalidOperationException(path);

    private static async Task AssertStatus(StatusCode code, string detail, Func<Task> call)
    {
        RpcException ex = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(code, ex.StatusCode);
        Assert.Contains(detail, ex.Status.Detail, StringComparison.Ordinal);
    }
}
