using System.CommandLine;
using System.Net;
using EdgeSdk.Gnss;

namespace EdgeSdk.Cli;

/// <summary><c>edgesdk serve --gpsd 127.0.0.1:2947 SOURCE</c>: a gpsd-protocol server on a receiver.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        Argument<string> source = FixesCommand.SourceArgument();
        var gpsd = new Option<string>("--gpsd")
        {
            Description = "Address to serve gpsd's protocol on",
            DefaultValueFactory = _ => "127.0.0.1:2947",
        };
        Option<bool> realtime = FixesCommand.RealtimeOption();
        var nowait = new Option<bool>("--nowait", "-n") { Description = "Read the source at once instead of waiting for the first watching client (gpsd -n)" };
        var maxClients = new Option<int>("--max-clients") { Description = "Clients served at once; more are told so and closed", DefaultValueFactory = _ => 64 };
        var command = new Command("serve", "Serve a receiver's fixes over gpsd's socket protocol (gpspipe, cgps and libgps clients work unmodified).");
        command.Arguments.Add(source);
        command.Options.Add(gpsd);
        command.Options.Add(realtime);
        command.Options.Add(nowait);
        command.Options.Add(maxClients);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string address = parseResult.GetValue(gpsd)!;
            if (!IPEndPoint.TryParse(address, out IPEndPoint? endpoint) || endpoint.Port == 0 && !address.EndsWith(":0", StringComparison.Ordinal))
            {
                throw new ArgumentException($"--gpsd '{address}' is not an address:port such as 127.0.0.1:2947");
            }

            var options = new GnssReceiverOptions { Realtime = parseResult.GetValue(realtime) };
            await using GnssReceiver receiver = GnssReceiver.Open(parseResult.GetValue(source)!, options);
            receiver.StatusChanged += (_, e) => Console.Error.WriteLine($"edgesdk: {e.Text}");
            int clients = parseResult.GetValue(maxClients);
            if (clients < 1)
            {
                throw new ArgumentException($"--max-clients {clients} must be at least 1");
            }

            await using var server = new GpsdServer(endpoint, receiver.Source.Path) { MaxClients = clients };
            server.Start();
            Console.Error.WriteLine($"edgesdk: serving gpsd protocol on {server.LocalEndpoint} for {receiver.Source.Name}");
            if (server.EffectiveMaxClients < clients)
            {
                Console.Error.WriteLine($"edgesdk: at most {server.EffectiveMaxClients} clients at once, not {clients}: the open-file limit (ulimit -n) leaves no more");
            }
            try
            {
                if (!parseResult.GetValue(nowait))
                {
                    await server.WaitForWatcherAsync(cancellationToken);
                }

                await server.RunAsync(receiver.ReadFixesAsync(cancellationToken), cancellationToken);
                Console.Error.WriteLine($"edgesdk: source ended after {server.PublishedFixes} fixes; still serving the last one (Ctrl+C to stop)");
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine($"edgesdk: stopped after serving {server.PublishedFixes} fixes");
            }

            return ExitCodes.Interrupted; // the only way a server ends
        });
        return command;
    }
}
