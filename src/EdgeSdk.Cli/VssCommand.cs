using System.CommandLine;
using EdgeSdk.Vehicle;
using Grpc.Core;

namespace EdgeSdk.Cli;

/// <summary><c>edgesdk vss get|set|subscribe PATH</c>: a small kuksa.val.v2 client (EdgeSdk's databroker or KUKSA's).</summary>
internal static class VssCommand
{
    public static Command Create()
    {
        var command = new Command("vss", "Read, write and watch VSS signals on a kuksa.val.v2 databroker (edgesdk databroker, KUKSA databroker).");
        command.Subcommands.Add(Get());
        command.Subcommands.Add(Set());
        command.Subcommands.Add(Subscribe());
        return command;
    }

    private static Option<string> ServerOption() => new("--server") { Description = "Databroker address", DefaultValueFactory = _ => "127.0.0.1:55555" };

    // One option on every subcommand: a JWT, or a file holding one, for a databroker that requires tokens.
    private static readonly Option<string?> Token = new("--token") { Description = "Bearer token (JWT text or a file holding it) for a databroker started with --jwt-public-key" };

    private static string? ReadToken(ParseResult parse) => parse.GetValue(Token) is { } token && File.Exists(token) ? File.ReadAllText(token).Trim() : parse.GetValue(Token);

    private static Command Get()
    {
        var path = new Argument<string>("path") { Description = "Signal path, e.g. Vehicle.Speed" };
        Option<string> server = ServerOption();
        var command = new Command("get", "Print a signal's current value as one JSON line.") { path, server, Token };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(server)!, ReadToken(parse), async client =>
        {
            VssUpdate update = await client.GetAsync(parse.GetValue(path)!, cancellationToken);
            Console.WriteLine(update.ToJson());
        }));
        return command;
    }

    private static Command Set()
    {
        var path = new Argument<string>("path") { Description = "Signal path, e.g. Vehicle.Cabin.HVAC.Station.Row1.Driver.Temperature" };
        var value = new Argument<string>("value") { Description = "Value in the signal's datatype: 21.5, true, ECO, [1,2]" };
        var current = new Option<bool>("--current") { Description = "Set an actuator's current value (PublishValue) instead of its target (Actuate)" };
        Option<string> server = ServerOption();
        var command = new Command("set", "Actuate an actuator (its provider applies the target), or publish a sensor's or attribute's value.") { path, value, current, server, Token };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(server)!, ReadToken(parse), async client =>
        {
            VssValue sent = await client.SetAsync(parse.GetValue(path)!, parse.GetValue(value)!, parse.GetValue(current), cancellationToken);
            Console.Error.WriteLine($"edgesdk vss: {parse.GetValue(path)} ← {sent}");
        }));
        return command;
    }

    private static Command Subscribe()
    {
        var paths = new Argument<string[]>("path") { Description = "Signal path(s)", Arity = ArgumentArity.OneOrMore };
        var count = new Option<int?>("--count", "-n") { Description = "Stop after this many updates (the first ones are the current values)" };
        Option<string> server = ServerOption();
        var command = new Command("subscribe", "Print the signals' current values, then every update, one JSON line each.") { paths, count, server, Token };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(server)!, ReadToken(parse), async client =>
        {
            int? limit = parse.GetValue(count);
            int printed = 0;
            try
            {
                await foreach (VssUpdate update in client.SubscribeAsync(parse.GetValue(paths)!, cancellationToken: cancellationToken))
                {
                    Console.WriteLine(update.ToJson());
                    if (++printed == limit)
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
            {
            }
        }));
        return command;
    }

    // Refusals and an unreachable server are the user's to fix: one line naming the server and the code.
    private static async Task<int> RunAsync(string server, string? token, Func<VssGrpcClient, Task> action)
    {
        using var client = new VssGrpcClient(server, token);
        try
        {
            await action(client);
            return ExitCodes.Ok;
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && ex.Status.DebugException != null)
        {
            // A transport failure (the server's own UNAVAILABLE, "no provider", carries no exception).
            Console.Error.WriteLine($"edgesdk vss: cannot reach a databroker at {server}: {ex.Status.DebugException.Message} (start one with: edgesdk databroker --simulate)");
            return ExitCodes.Usage;
        }
        catch (RpcException ex)
        {
            Console.Error.WriteLine($"edgesdk vss: {server} refused: {ex.StatusCode}: {ex.Status.Detail}");
            return ExitCodes.Usage;
        }
    }
}
