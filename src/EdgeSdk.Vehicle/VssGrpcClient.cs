using System.Runtime.CompilerServices;
using EdgeSdk.Vehicle.Protocol;
using Grpc.Core;
using Grpc.Net.Client;

namespace EdgeSdk.Vehicle;

/// <summary>
/// A small kuksa.val.v2 client for people and scripts: values by path, given and shown as text in the
/// signal's own datatype (it asks the server for the metadata first). Works against any kuksa.val.v2
/// server (EdgeSdk's or KUKSA's). Server refusals surface as <see cref="RpcException"/> with KUKSA's codes.
/// </summary>
/// <example>
/// <code>
/// using var client = new VssGrpcClient("127.0.0.1:55555");
/// VssUpdate speed = await client.GetAsync("Vehicle.Speed", ct);
/// await client.SetAsync("Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature", "21.5", current: false, ct);
/// </code>
/// </example>
public sealed class VssGrpcClient : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly VAL.VALClient _client;
    private readonly Grpc.Core.Metadata? _headers;

    /// <summary>
    /// Connects (lazily) to <paramref name="address"/>: <c>host:port</c> or an <c>http://</c> URI; sends
    /// <paramref name="token"/> as a bearer token when the server requires one.
    /// </summary>
    /// <exception cref="ArgumentException">The address is not host:port.</exception>
    public VssGrpcClient(string address, string? token = null)
    {
        _headers = string.IsNullOrEmpty(token) ? null : new Grpc.Core.Metadata { { "authorization", "Bearer " + token } };
        ArgumentException.ThrowIfNullOrEmpty(address);
        string uri = address.Contains("://", StringComparison.Ordinal) ? address : "http://" + address;
        if (!Uri.TryCreate(uri, UriKind.Absolute, out Uri? parsed) || parsed.Port <= 0)
        {
            throw new ArgumentException($"--server '{address}' is not host:port such as 127.0.0.1:55555", nameof(address));
        }

        Address = parsed;
        _channel = GrpcChannel.ForAddress(parsed);
        _client = new VAL.VALClient(_channel);
    }

    /// <summary>The server's address.</summary>
    public Uri Address { get; }

    /// <summary>The server's description of one signal (a leaf path, no wildcards).</summary>
    public async Task<VssSignal> GetSignalAsync(string path, CancellationToken cancellationToken = default)
    {
        ListMetadataResponse response = await _client.ListMetadataAsync(new ListMetadataRequest { Root = path }, headers: _headers, cancellationToken: cancellationToken).ConfigureAwait(false);
        Protocol.Metadata metadata = response.Metadata.FirstOrDefault(m => m.Path == path)
            ?? throw new RpcException(new Status(StatusCode.NotFound, $"{path} is a branch or pattern, not a signal"));
        return FromMetadata(metadata);
    }

    /// <summary>The servers's metadata matching a pattern (<c>Vehicle.Cabin.**</c>).</summary>
    public async Task<IReadOnlyList<VssSignal>> ListAsync(string pattern, CancellationToken cancellationToken = default)
    {
        ListMetadataResponse response = await _client.ListMetadataAsync(new ListMetadataRequest { Root = pattern }, headers: _headers, cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. response.Metadata.Select(FromMetadata)];
    }

    /// <summary>A signal's current value.</summary>
    public async Task<VssUpdate> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        VssSignal signal = await GetSignalAsync(path, cancellationToken).ConfigureAwait(false);
        GetValueResponse response = await _client.GetValueAsync(new GetValueRequest { SignalId = new SignalID { Id = signal.Id } }, headers: _headers, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ToUpdate(signal, response.DataPoint);
    }

    /// <summary>
    /// Sets a signal from text in its datatype: an actuator's target (Actuate) unless <paramref name="current"/>,
    /// otherwise its current value (PublishValue; sensors and attributes always). Returns the value sent.
    /// </summary>
    /// <exception cref="ArgumentException">The text is not a value of the signal's datatype.</exception>
    public async Task<VssValue> SetAsync(string path, string text, bool current, CancellationToken cancellationToken = default)
    {
        VssSignal signal = await GetSignalAsync(path, cancellationToken).ConfigureAwait(false);
        if (!VssValue.TryParse(text, signal.DataType, out VssValue value, out string error))
        {
            throw new ArgumentException($"{path} is {VssTypes.Name(signal.DataType)}: {error}");
        }

        var id = new SignalID { Id = signal.Id };
        if (signal.EntryType == VssEntryType.Actuator && !current)
        {
            await _client.ActuateAsync(new ActuateRequest { SignalId = id, Value = KuksaConvert.ToProto(value) }, headers: _headers, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var datapoint = new Datapoint { Value = KuksaConvert.ToProto(value), Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(DateTime.UtcNow) };
            await _client.PublishValueAsync(new PublishValueRequest { SignalId = id, DataPoint = datapoint }, headers: _headers, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return value;
    }

    /// <summary>Subscribes to signals: first their current values, then every update, until cancelled.</summary>
    public async IAsyncEnumerable<VssUpdate> SubscribeAsync(IReadOnlyList<string> paths, uint bufferSize = 100, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var signals = new Dictionary<string, VssSignal>(StringComparer.Ordinal);
        foreach (string path in paths)
        {
            signals[path] = await GetSignalAsync(path, cancellationToken).ConfigureAwait(false);
        }

        var request = new SubscribeRequest { BufferSize = bufferSize };
        request.SignalPaths.Add(paths);
        using AsyncServerStreamingCall<SubscribeResponse> call = _client.Subscribe(request, headers: _headers, cancellationToken: cancellationToken);
        await foreach (SubscribeResponse response in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            foreach ((string path, Datapoint datapoint) in response.Entries)
            {
                if (signals.TryGetValue(path, out VssSignal? signal))
                {
                    yield return ToUpdate(signal, datapoint);
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _channel.Dispose();

    private static VssUpdate ToUpdate(VssSignal signal, Datapoint? datapoint) =>
        new(signal, KuksaConvert.FromProto(datapoint?.Value), datapoint?.Timestamp?.ToDateTime() ?? default);

    private static VssSignal FromMetadata(Protocol.Metadata metadata) => new(metadata.Id, metadata.Path, (VssEntryType)(int)metadata.EntryType, (VssDataType)(int)metadata.DataType)
    {
        Unit = metadata.Unit,
        Description = metadata.Description,
        Comment = metadata.Comment,
        Deprecation = metadata.Deprecation,
        Min = KuksaConvert.FromProto(metadata.Min),
        Max = KuksaConvert.FromProto(metadata.Max),
        Allowed = KuksaConvert.FromProto(metadata.AllowedValues),
    };
}
