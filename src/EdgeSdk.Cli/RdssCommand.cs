using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeSdk.Nmea;
using EdgeSdk.Rdss;
using EdgeSdk.Simulation.Rdss;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk rdss info|send|listen SOURCE</c>: talk to a BeiDou RDSS terminal on a serial port (EdgeSdk.Rdss);
/// <c>edgesdk rdss sim</c>: a simulated truck terminal and command-centre terminal on two virtual serial ports.
/// A terminal that cannot be opened or does not answer is one line on stderr and exit code 2.
/// </summary>
internal static class RdssCommand
{
    public static Command Create()
    {
        var command = new Command("rdss", "BeiDou RDSS short messages: read the card, send, listen; simulate a terminal pair.");
        command.Subcommands.Add(CreateInfo());
        command.Subcommands.Add(CreateSend());
        command.Subcommands.Add(CreateListen());
        command.Subcommands.Add(CreateSim());
        return command;
    }

    private static Argument<string> Source() => new("source") { Description = "The terminal's serial port, e.g. /dev/ttyUSB1 (or a simulated one from `edgesdk rdss sim`)." };

    private static Option<int> Baud() => new("--baud") { Description = "Baud rate of the terminal's port.", DefaultValueFactory = _ => 115200 };

    private static Option<string> Protocol() => new("--protocol") { Description = "Send sentences: 2.1 ($CCTXA) or bds3 ($CCTCQ).", DefaultValueFactory = _ => "2.1" };

    private static Option<double> Timeout() => new("--timeout") { Description = "Seconds to wait for the terminal's answer ($BDICI, $BDFKI).", DefaultValueFactory = _ => 5.0 };

    private static Command CreateInfo()
    {
        Argument<string> source = Source();
        Option<int> baud = Baud();
        Option<string> protocol = Protocol();
        Option<double> timeout = Timeout();
        var info = new Command("info", "Read the card ($CCICA → $BDICI): user ID, service interval, level, longest message.") { source, baud, protocol, timeout };
        info.SetAction(async (parse, ct) => await WithTerminal(parse.GetValue(source)!, parse.GetValue(baud), parse.GetValue(protocol)!, parse.GetValue(timeout), async terminal =>
        {
            RdssCardInfo card = await terminal.GetCardInfoAsync(ct);
            Console.WriteLine(
                $"card {card.UserId}: service interval {card.ServiceInterval.TotalSeconds:0} s, level {card.CommunicationLevel}, " +
                $"longest message {card.MaxMessageBits} bits, {card.SubordinateCount} subordinate users, {(card.Encrypted ? "encrypted" : "not encrypted")}");
            return ExitCodes.Ok;
        }));
        return info;
    }

    private static Command CreateSend()
    {
        Argument<string> source = Source();
        Option<int> baud = Baud();
        Option<string> protocol = Protocol();
        Option<double> timeout = Timeout();
        var to = new Option<int>("--to") { Description = "The destination card's user ID.", Required = true };
        var text = new Option<string?>("--text") { Description = "Text to send (mixed Chinese/ASCII, GB18030)." };
        var hex = new Option<string?>("--hex") { Description = "Bytes to send as code, in hex (e.g. a compact position report)." };
        var send = new Command("send", "Send one short message and wait for the terminal's $BDFKI (queued behind the card's service interval).")
        {
            source, baud, protocol, timeout, to, text, hex,
        };
        send.SetAction(async (parse, ct) =>
        {
            string? t = parse.GetValue(text), h = parse.GetValue(hex);
            if ((t == null) == (h == null))
            {
                throw new ArgumentException("give the message with exactly one of --text or --hex");
            }

            byte[] payload;
            try
            {
                payload = h != null ? Convert.FromHexString(h.Replace(" ", "", StringComparison.Ordinal)) : RdssText.ToBytes(t!);
            }
            catch (FormatException)
            {
                throw new ArgumentException($"--hex '{h}' is not hex: give pairs of hex digits, e.g. 48656C6C6F");
            }

            return await WithTerminal(parse.GetValue(source)!, parse.GetValue(baud), parse.GetValue(protocol)!, parse.GetValue(timeout), async terminal =>
            {
                RdssSendResult r = await terminal.SendAsync(parse.GetValue(to), payload, h != null ? RdssPayloadEncoding.Code : RdssPayloadEncoding.Mixed, ct);
                if (r.IsSent)
                {
                    Console.WriteLine($"sent: {r.Detail}, {r.Attempts} attempt(s)");
                    return ExitCodes.Ok;
                }

                Console.Error.WriteLine($"edgesdk: rdss send {StatusName(r.Status)}: {r.Detail}");
                return r.Status == RdssSendStatus.InvalidDestination ? ExitCodes.Usage : ExitCodes.DataProblem;
            });
        });
        return send;
    }

    private static Command CreateListen()
    {
        Argument<string> source = Source();
        Option<int> baud = Baud();
        Option<string> protocol = Protocol();
        Option<double> timeout = Timeout();
        var count = new Option<int>("--count") { Description = "Stop after this many messages (0: until Ctrl+C).", DefaultValueFactory = _ => 0 };
        var listen = new Command("listen", "Print each received message ($BDTXR/$BDTCI) as one JSON line: from, encoding, text, hex, position fixes.")
        {
            source, baud, protocol, timeout, count,
        };
        listen.SetAction(async (parse, ct) => await WithTerminal(parse.GetValue(source)!, parse.GetValue(baud), parse.GetValue(protocol)!, parse.GetValue(timeout), async terminal =>
        {
            int wanted = parse.GetValue(count), seen = 0;
            var codec = new RdssPositionCodec();
            var jsonOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            try
            {
                await foreach (RdssMessage m in terminal.Messages.ReadAllAsync(ct))
                {
                    using var stream = new MemoryStream();
                    using (var json = new Utf8JsonWriter(stream, jsonOptions))
                    {
                        json.WriteStartObject();
                        json.WriteNumber("from", m.SenderUserId);
                        json.WriteString("encoding", m.Encoding.ToString().ToLowerInvariant());
                        json.WriteString("received_utc", m.ReceivedUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
                        if (m.Text != null)
                        {
                            json.WriteString("text", m.Text);
                        }

                        json.WriteString("hex", Convert.ToHexString(m.Payload));
                        if (m.Encoding == RdssPayloadEncoding.Code && RdssPositionReports.TryDecode(codec, m.Payload, out IReadOnlyList<Gnss.GnssFix> fixes) == RdssCodecResult.Ok)
                        {
                            json.WriteStartArray("fixes");
                            foreach (Gnss.GnssFix f in fixes)
                            {
                                json.WriteStartObject();
                                json.WriteString("time_utc", f.TimeUtc!.Value.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture));
                                json.WriteNumber("lat", f.LatitudeDegrees!.Value);
                                json.WriteNumber("lon", f.LongitudeDegrees!.Value);
                                if (f.SpeedMetersPerSecond.HasValue)
                                {
                                    json.WriteNumber("speed_mps", f.SpeedMetersPerSecond.Value);
                                }

                                json.WriteEndObject();
                            }

                            json.WriteEndArray();
                        }

                        json.WriteEndObject();
                    }

                    Console.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
                    if (wanted > 0 && ++seen >= wanted)
                    {
                        return ExitCodes.Ok;
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                Console.Error.WriteLine($"edgesdk rdss listen: {terminal.Counters.Received} messages received, {terminal.Counters.ReceivedDropped} dropped");
                return ExitCodes.Interrupted;
            }

            return ExitCodes.Ok;
        }));
        return listen;
    }

    private static Command CreateSim()
    {
        var truck = new Option<int>("--truck") { Description = "User ID of the truck's card.", DefaultValueFactory = _ => 179773 };
        var centre = new Option<int>("--centre") { Description = "User ID of the command centre's card.", DefaultValueFactory = _ => 4207733 };
        var interval = new Option<double>("--interval") { Description = "Service interval of both cards in seconds.", DefaultValueFactory = _ => 60 };
        var maxBits = new Option<int>("--max-bits") { Description = "Longest message the cards accept, in bits (560 global, 14000 regional).", DefaultValueFactory = _ => 560 };
        var level = new Option<int>("--level") { Description = "Communication level the cards report.", DefaultValueFactory = _ => 3 };
        var delay = new Option<double>("--delay") { Description = "Seconds from an accepted send to its delivery.", DefaultValueFactory = _ => 1 };
        var loss = new Option<double>("--loss") { Description = "Probability (0-1) that a message is lost on the way.", DefaultValueFactory = _ => 0 };
        var protocol = Protocol();
        var truckLink = new Option<string?>("--truck-link") { Description = "Also link the truck terminal's port at this path." };
        var centreLink = new Option<string?>("--centre-link") { Description = "Also link the command centre terminal's port at this path." };
        var duration = new Option<double>("--duration") { Description = "Seconds to run (0: until Ctrl+C).", DefaultValueFactory = _ => 0 };
        var sim = new Command("sim", "Simulate an RDSS truck terminal and a command-centre terminal on two virtual serial ports.")
        {
            truck, centre, interval, maxBits, level, delay, loss, protocol, truckLink, centreLink, duration,
        };
        sim.SetAction(async (parse, ct) =>
        {
            double p = parse.GetValue(loss);
            if (p is < 0 or > 1)
            {
                throw new ArgumentException($"--loss {p} is not a probability: give 0 to 1");
            }

            var network = new SimulatedRdssNetwork(new SimulatedRdssNetworkOptions { DeliveryDelay = TimeSpan.FromSeconds(parse.GetValue(delay)), LossProbability = p });
            RdssProtocol wire = ParseProtocol(parse.GetValue(protocol)!);
            SimulatedRdssCard Card(int id, int subordinates) => new()
            {
                UserId = id,
                ServiceInterval = TimeSpan.FromSeconds(parse.GetValue(interval)),
                CommunicationLevel = parse.GetValue(level),
                MaxMessageBits = parse.GetValue(maxBits),
                SubordinateCount = subordinates,
                Protocol = wire,
            };
            await using SimulatedRdssTerminal truckTerminal = network.OpenTerminal(Card(parse.GetValue(truck), 0), parse.GetValue(truckLink));
            await using SimulatedRdssTerminal centreTerminal = network.OpenTerminal(Card(parse.GetValue(centre), 1), parse.GetValue(centreLink));
            Console.WriteLine($"truck {truckTerminal.Card.UserId}: {truckTerminal.DevicePath}");
            Console.WriteLine($"centre {centreTerminal.Card.UserId}: {centreTerminal.DevicePath}");
            double seconds = parse.GetValue(duration);
            try
            {
                await Task.Delay(seconds > 0 ? TimeSpan.FromSeconds(seconds) : System.Threading.Timeout.InfiniteTimeSpan, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }

            Console.Error.WriteLine(
                $"edgesdk rdss sim: {network.Delivered} delivered, {network.Lost} lost, {network.UnknownDestination} to unknown cards; " +
                $"refused for the interval {truckTerminal.RefusedInterval + centreTerminal.RefusedInterval}, for the length {truckTerminal.RefusedLength + centreTerminal.RefusedLength}");
            return ct.IsCancellationRequested ? ExitCodes.Interrupted : ExitCodes.Ok;
        });
        return sim;
    }

    private static async Task<int> WithTerminal(string port, int baud, string protocol, double timeoutSeconds, Func<RdssTerminal, Task<int>> action)
    {
        var options = new RdssTerminalOptions { Protocol = ParseProtocol(protocol), FeedbackTimeout = TimeSpan.FromSeconds(timeoutSeconds) };
        try
        {
            await using RdssTerminal terminal = RdssTerminal.OpenSerial(port, baud, options);
            return await action(terminal);
        }
        catch (RdssTerminalException e)
        {
            Console.Error.WriteLine($"edgesdk: {e.Message}");
            return ExitCodes.Usage;
        }
    }

    private static RdssProtocol ParseProtocol(string name) => name switch
    {
        "2.1" or "v21" => RdssProtocol.V21,
        "bds3" or "4.0" => RdssProtocol.Bds3,
        _ => throw new ArgumentException($"unknown --protocol '{name}': use 2.1 or bds3"),
    };

    private static string StatusName(RdssSendStatus status) => status switch
    {
        RdssSendStatus.NoFeedback => "no_feedback",
        RdssSendStatus.TooLong => "too_long",
        RdssSendStatus.InvalidDestination => "invalid_destination",
        RdssSendStatus.QueueFull => "queue_full",
        RdssSendStatus.UnsupportedEncoding => "unsupported_encoding",
        _ => status.ToString().ToLowerInvariant(),
    };
}
