using System.Reflection;
using System.Threading.Channels;
using EdgeSdk.Vehicle.Protocol;
using Google.Protobuf.Collections;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace EdgeSdk.Vehicle;

/// <summary>kuksa.val.v2's VAL service on a <see cref="VssDatabroker"/>: every call checks the request, then maps <see cref="VssError"/> to KUKSA's status codes.</summary>
internal sealed class KuksaValService(VssDatabroker broker, KuksaValService.Access access, ILogger<KuksaValService>? logger = null) : VAL.VALBase
{
    /// <summary>The server's token validator, or none when every client may do everything.</summary>
    internal sealed record Access(VssTokenValidator? Validator);

    /// <summary>KUKSA's MAX_REQUEST_PATH_LENGTH.</summary>
    private const int MaxPathLength = 1000;

    public override Task<GetValueResponse> GetValue(GetValueRequest request, ServerCallContext context)
    {
        VssPermissions? permissions = Authenticate(context);
        VssSignal signal = Authorize(permissions, Resolve(request.SignalId), VssAccess.Read);
        return Task.FromResult(new GetValueResponse { DataPoint = KuksaConvert.ToProto(broker.GetCurrentValue(signal)) });
    }

    public override Task<GetValuesResponse> GetValues(GetValuesRequest request, ServerCallContext context)
    {
        if (request.SignalIds.Count == 0)
        {
            throw KuksaConvert.Fail(VssError.InvalidRequest, "no signal_ids given");
        }

        VssPermissions? permissions = Authenticate(context);
        var response = new GetValuesResponse();
        foreach (SignalID id in request.SignalIds)
        {
            response.DataPoints.Add(KuksaConvert.ToProto(broker.GetCurrentValue(Authorize(permissions, Resolve(id), VssAccess.Read))));
        }

        return Task.FromResult(response);
    }

    public override Task Subscribe(SubscribeRequest request, IServerStreamWriter<SubscribeResponse> responseStream, ServerCallContext context)
    {
        VssPermissions? permissions = Authenticate(context);
        var signals = new List<VssSignal>();
        foreach (string path in request.SignalPaths)
        {
            signals.Add(Authorize(permissions, Resolve(new SignalID { Path = path }), VssAccess.Read));
        }

        return StreamAsync(signals, request.BufferSize, request.Filter, () => new SubscribeResponse(), r => r.Entries, s => s.Path, responseStream, context);
    }

    public override Task SubscribeById(SubscribeByIdRequest request, IServerStreamWriter<SubscribeByIdResponse> responseStream, ServerCallContext context)
    {
        VssPermissions? permissions = Authenticate(context);
        var signals = new List<VssSignal>();
        foreach (int id in request.SignalIds)
        {
            signals.Add(Authorize(permissions, Resolve(new SignalID { Id = id }), VssAccess.Read));
        }

        return StreamAsync(signals, request.BufferSize, request.Filter, () => new SubscribeByIdResponse(), r => r.Entries, s => s.Id, responseStream, context);
    }

    public override Task<ActuateResponse> Actuate(ActuateRequest request, ServerCallContext context)
    {
        ActuateAll([request], Authenticate(context));
        return Task.FromResult(new ActuateResponse());
    }

    public override async Task<ActuateResponse> ActuateStream(IAsyncStreamReader<ActuateRequest> requestStream, ServerCallContext context)
    {
        VssPermissions? permissions = Authenticate(context);
        await foreach (ActuateRequest request in requestStream.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
        {
            ActuateAll([request], permissions);
        }

        return new ActuateResponse();
    }

    public override Task<BatchActuateResponse> BatchActuate(BatchActuateRequest request, ServerCallContext context)
    {
        ActuateAll(request.ActuateRequests, Authenticate(context));
        return Task.FromResult(new BatchActuateResponse());
    }

    public override Task<ListMetadataResponse> ListMetadata(ListMetadataRequest request, ServerCallContext context)
    {
        Authenticate(context);
        if (request.Root.Length > MaxPathLength)
        {
            throw KuksaConvert.Fail(VssError.InvalidRequest, $"root is longer than {MaxPathLength} characters");
        }

        VssError error = broker.Tree.TryMatch(request.Root, out IReadOnlyList<VssSignal> matches);
        if (error != VssError.None)
        {
            throw KuksaConvert.Fail(error, error == VssError.UnknownSignal
                ? $"no signal matches '{request.Root}'"
                : $"'{request.Root}' is not a path pattern (a branch, a signal, or segments with * and **)");
        }

        var response = new ListMetadataResponse();
        foreach (VssSignal signal in matches)
        {
            response.Metadata.Add(KuksaConvert.ToMetadata(signal));
        }

        return Task.FromResult(response);
    }

    public override Task<PublishValueResponse> PublishValue(PublishValueRequest request, ServerCallContext context)
    {
        VssSignal signal = Authorize(Authenticate(context), Resolve(request.SignalId), VssAccess.Provide);
        VssValue value = KuksaConvert.FromProto(request.DataPoint?.Value);
        VssError error = broker.TrySetCurrentValue(signal, value, KuksaConvert.TimestampOf(request.DataPoint));
        if (error != VssError.None)
        {
            throw KuksaConvert.Fail(error, signal.Explain(error, value));
        }

        return Task.FromResult(new PublishValueResponse());
    }

    public override async Task OpenProviderStream(IAsyncStreamReader<OpenProviderStreamRequest> requestStream, IServerStreamWriter<OpenProviderStreamResponse> responseStream, ServerCallContext context)
    {
        // One writer task owns the response stream; replies and forwarded actuations queue to it (bounded:
        // a provider that stops reading slows its own replies; actuations beyond its target queue fail with DATA_LOSS).
        VssPermissions? permissions = Authenticate(context);
        var outgoing = Channel.CreateBounded<OpenProviderStreamResponse>(new BoundedChannelOptions(256) { SingleReader = true });
        using VssProvider provider = broker.CreateProvider($"grpc {context.Peer}");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        Task writer = WriteAllAsync(outgoing.Reader, responseStream, stop.Token);
        Task forwarder = ForwardTargetsAsync(provider, outgoing.Writer, stop.Token);
        string reason = "the provider closed the stream";
        try
        {
            await foreach (OpenProviderStreamRequest request in requestStream.ReadAllAsync(context.CancellationToken).ConfigureAwait(false))
            {
                OpenProviderStreamResponse? reply = Handle(provider, request, permissions);
                if (reply != null)
                {
                    await outgoing.Writer.WriteAsync(reply, context.CancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (RpcException ex)
        {
            reason = ex.Status.Detail;
            throw;
        }
        finally
        {
            provider.Dispose(); // releases the claims at once, so another provider can take over
            outgoing.Writer.TryComplete();
            await forwarder.ConfigureAwait(false);
            await writer.ConfigureAwait(false);
            if (logger != null)
            {
                VehicleLog.ProviderStreamClosed(logger, provider.Name, reason);
            }
        }
    }

    public override Task<GetServerInfoResponse> GetServerInfo(GetServerInfoRequest request, ServerCallContext context)
    {
        Assembly assembly = typeof(KuksaValService).Assembly;
        string version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString() ?? "";
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        return Task.FromResult(new GetServerInfoResponse
        {
            Name = "EdgeSdk databroker",
            Version = plus < 0 ? version : version[..plus],
            CommitHash = plus < 0 ? "" : version[(plus + 1)..],
        });
    }

    private OpenProviderStreamResponse? Handle(VssProvider provider, OpenProviderStreamRequest request, VssPermissions? permissions)
    {
        switch (request.ActionCase)
        {
            case OpenProviderStreamRequest.ActionOneofCase.ProvideActuationRequest:
                Claim(provider, [.. request.ProvideActuationRequest.ActuatorIdentifiers.Select(id => Authorize(permissions, Resolve(id), VssAccess.Provide))], actuators: true);
                return new OpenProviderStreamResponse { ProvideActuationResponse = new ProvideActuationResponse() };
            case OpenProviderStreamRequest.ActionOneofCase.ProvideSignalRequest:
                Claim(provider, [.. request.ProvideSignalRequest.SignalsSampleIntervals.Keys.Select(id => Authorize(permissions, Resolve(new SignalID { Id = id }), VssAccess.Provide))], actuators: false);
                return new OpenProviderStreamResponse { ProvideSignalResponse = new ProvideSignalResponse() };
            case OpenProviderStreamRequest.ActionOneofCase.PublishValuesRequest:
                return Publish(provider, request.PublishValuesRequest);
            default:
                // Actuation acknowledgements, filter and provider-value replies and error indications need no answer.
                return null;
        }
    }

    private static void Claim(VssProvider provider, IReadOnlyList<VssSignal> signals, bool actuators)
    {
        VssError error = provider.TryClaim(signals, actuators, out string? failed);
        if (error != VssError.None)
        {
            throw KuksaConvert.Fail(error, error == VssError.AlreadyProvided
                ? $"{failed} is already provided by another provider"
                : $"{failed}: {error}");
        }
    }

    private OpenProviderStreamResponse? Publish(VssProvider provider, PublishValuesRequest request)
    {
        var failures = new PublishValuesResponse { RequestId = request.RequestId };
        foreach ((int id, Datapoint datapoint) in request.DataPoints)
        {
            if (!broker.Tree.TryGetSignal(id, out VssSignal? signal))
            {
                failures.Status[id] = new Error { Code = ErrorCode.NotFound, Message = $"no signal has id {id}" };
                continue;
            }

            if (!provider.Owns(signal))
            {
                // Strict case of KUKSA: publishing an unclaimed signal ends the stream.
                throw KuksaConvert.Fail(VssError.NotProvided, $"{signal.Path} (id {id}) has not been claimed with ProvideSignalRequest or ProvideActuationRequest");
            }

            VssValue value = KuksaConvert.FromProto(datapoint.Value);
            VssError error = provider.TryPublish(signal, value, KuksaConvert.TimestampOf(datapoint));
            if (error != VssError.None)
            {
                failures.Status[id] = new Error { Code = KuksaConvert.ErrorCodeOf(error), Message = signal.Explain(error, value) };
            }
        }

        // KUKSA answers a publish only when something failed.
        return failures.Status.Count == 0 ? null : new OpenProviderStreamResponse { PublishValuesResponse = failures };
    }

    private void ActuateAll(RepeatedField<ActuateRequest> requests, VssPermissions? permissions)
    {
        if (requests.Count == 0)
        {
            throw KuksaConvert.Fail(VssError.InvalidRequest, "no actuate_requests given");
        }

        var targets = new VssUpdate[requests.Count];
        DateTime now = DateTime.UtcNow;
        for (int i = 0; i < requests.Count; i++)
        {
            targets[i] = new VssUpdate(Authorize(permissions, Resolve(requests[i].SignalId), VssAccess.Actuate), KuksaConvert.FromProto(requests[i].Value), now);
        }

        VssError error = broker.TryActuate(targets, out int failed);
        if (error != VssError.None)
        {
            VssUpdate target = targets[Math.Max(failed, 0)];
            throw KuksaConvert.Fail(error, target.Signal.Explain(error, target.Value));
        }
    }

    // Without a validator every client may do everything; with one, a call needs a valid token (UNAUTHENTICATED).
    private VssPermissions? Authenticate(ServerCallContext context)
    {
        if (access.Validator is not { } validator)
        {
            return null;
        }

        string? header = context.RequestHeaders.GetValue("authorization");
        return validator.TryValidate(header, DateTime.UtcNow, out VssPermissions? permissions, out string error)
            ? permissions
            : throw new RpcException(new Status(StatusCode.Unauthenticated, error));
    }

    private static VssSignal Authorize(VssPermissions? permissions, VssSignal signal, VssAccess needed) =>
        permissions == null || permissions.Allows(needed, signal)
            ? signal
            : throw new RpcException(new Status(StatusCode.PermissionDenied, $"the token does not allow {needed.ToString().ToLowerInvariant()} on {signal.Path} (scope: {permissions.Scope})"));

    private VssSignal Resolve(SignalID? id)
    {
        switch (id?.SignalCase)
        {
            case SignalID.SignalOneofCase.Id:
                return broker.Tree.TryGetSignal(id.Id, out VssSignal? byId) ? byId : throw KuksaConvert.Fail(VssError.UnknownSignal, $"no signal has id {id.Id}");
            case SignalID.SignalOneofCase.Path:
                if (id.Path.Length > MaxPathLength)
                {
                    throw KuksaConvert.Fail(VssError.InvalidRequest, $"the path is longer than {MaxPathLength} characters");
                }

                return broker.Tree.TryGetSignal(id.Path, out VssSignal? byPath) ? byPath : throw KuksaConvert.Fail(VssError.UnknownSignal, $"{id.Path} is not a signal of the VSS tree");
            default:
                throw KuksaConvert.Fail(VssError.InvalidRequest, "signal_id has neither id nor path");
        }
    }

    private async Task StreamAsync<TResponse, TKey>(
        List<VssSignal> signals, uint bufferSize, Filter? filter, Func<TResponse> create, Func<TResponse, MapField<TKey, Datapoint>> entries,
        Func<VssSignal, TKey> key, IServerStreamWriter<TResponse> responseStream, ServerCallContext context)
        where TKey : notnull
    {
        if (signals.Count == 0)
        {
            throw KuksaConvert.Fail(VssError.InvalidRequest, "no signals given");
        }

        if (bufferSize > VssDatabroker.MaxSubscriptionCapacity)
        {
            throw KuksaConvert.Fail(VssError.InvalidRequest, $"buffer_size {bufferSize} exceeds the maximum {VssDatabroker.MaxSubscriptionCapacity}");
        }

        // buffer_size 0 keeps the latest update only; the queue still holds one initial value per signal,
        // so the first response always carries every subscribed signal.
        int capacity = Math.Min(VssDatabroker.MaxSubscriptionCapacity, Math.Max((int)bufferSize, signals.Count));
        VssError error = broker.TrySubscribe(signals, capacity, out VssSubscription? subscription);
        if (error != VssError.None)
        {
            throw KuksaConvert.Fail(error, $"cannot subscribe: {error}");
        }

        using (subscription)
        {
            using var duration = filter is { DurationMs: > 0 } ? new CancellationTokenSource(TimeSpan.FromMilliseconds(filter.DurationMs)) : null;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, duration?.Token ?? CancellationToken.None);
            try
            {
                while (await subscription!.WaitToReadAsync(stop.Token).ConfigureAwait(false))
                {
                    // Everything queued goes out in one response; a second update of the same signal starts the
                    // next response, so no update is merged away.
                    TResponse response = create();
                    MapField<TKey, Datapoint> map = entries(response);
                    while (subscription.TryRead(out VssUpdate update))
                    {
                        TKey k = key(update.Signal);
                        if (map.ContainsKey(k))
                        {
                            await responseStream.WriteAsync(response, stop.Token).ConfigureAwait(false);
                            response = create();
                            map = entries(response);
                        }

                        map[k] = KuksaConvert.ToProto(update.Datapoint);
                    }

                    await responseStream.WriteAsync(response, stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (duration?.IsCancellationRequested == true && !context.CancellationToken.IsCancellationRequested)
            {
                // The filter's duration is over: the call ends normally.
            }
        }
    }

    private static async Task WriteAllAsync(ChannelReader<OpenProviderStreamResponse> reader, IServerStreamWriter<OpenProviderStreamResponse> responseStream, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (OpenProviderStreamResponse response in reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                await responseStream.WriteAsync(response, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException or IOException)
        {
            // The call ended (client gone or the stream failed); nothing left to write to.
        }
    }

    private static async Task ForwardTargetsAsync(VssProvider provider, ChannelWriter<OpenProviderStreamResponse> outgoing, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (IReadOnlyList<VssUpdate> batch in provider.ReadTargetsAsync(cancellationToken).ConfigureAwait(false))
            {
                var request = new BatchActuateStreamRequest();
                foreach (VssUpdate target in batch)
                {
                    request.ActuateRequests.Add(new ActuateRequest { SignalId = new SignalID { Id = target.Signal.Id }, Value = KuksaConvert.ToProto(target.Value) });
                }

                await outgoing.WriteAsync(new OpenProviderStreamResponse { BatchActuateStreamRequest = request }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
        {
            // The stream ended.
        }
    }
}
