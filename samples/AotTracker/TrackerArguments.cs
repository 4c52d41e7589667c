using System.Globalization;

namespace AotTracker;

/// <summary>
/// The command line, parsed by hand: System.CommandLine would add its own code and type data to every page
/// the binary maps, which is what this sample keeps small.
/// </summary>
public sealed class TrackerArguments
{
    public const string Usage = """
        Usage: AotTracker SOURCE --mqtt URL --device ID [--fleet F] [--queue DIR] [--user NAME] [--status SECONDS] [--drain SECONDS] [--hold-without-subscriber] [--insecure]

        Reads fixes from SOURCE, keeps them in a durable queue on disk and publishes them to the MQTT broker.

          SOURCE            serial:/dev/ttyUSB0?baud=9600, /dev/serial0, tcp://HOST:PORT, udp://:PORT, a file, or - (stdin)
          --mqtt URL        broker: mqtt://HOST:PORT, or mqtts://HOST:PORT for TLS
          --device ID       this vehicle's ID
          --fleet F         fleet (default: default)
          --queue DIR       queue directory (default: the per-user data folder for fleet and device)
          --user NAME       MQTT user name; the password is read from EDGESDK_MQTT_PASSWORD
          --status SECONDS  one status line every SECONDS (default: 10; 0: none)
          --drain SECONDS   on Ctrl+C or SIGTERM, wait this long for the broker to acknowledge the queue (default: 5);
                            at the end of a file, give up when nothing was acknowledged for this long
          --hold-without-subscriber
                            keep fixes queued while the broker has no subscriber for them (MQTT 5 PUBACK 0x10,
                            "no matching subscribers") and send them again later; for a platform on shared
                            subscriptions (mosquitto 2.0 forgets them on restart). With no consumer at all the queue
                            only grows, until full (then the oldest are dropped, counted). Default: off
          --insecure        allow mqtt:// to a broker that is not on this machine (plain text)
          --help            this text
        """;

    public required string Source { get; init; }

    public required string Mqtt { get; init; }

    public required string Device { get; init; }

    public string Fleet { get; init; } = "default";

    public string? Queue { get; init; }

    public string? User { get; init; }

    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Drain { get; init; } = TimeSpan.FromSeconds(5);

    public bool Insecure { get; init; }

    /// <summary>--hold-without-subscriber: <see cref="EdgeSdk.Telemetry.TelemetryPublisherOptions.HoldWhenNoSubscriber"/>.</summary>
    public bool HoldWithoutSubscriber { get; init; }

    /// <summary>Null for --help; otherwise the arguments.</summary>
    /// <exception cref="ArgumentException">A missing, unknown or malformed argument; the message names it.</exception>
    public static TrackerArguments? Parse(IReadOnlyList<string> args)
    {
        string? source = null, mqtt = null, device = null, fleet = null, queue = null, user = null;
        double status = 10, drain = 5;
        bool insecure = false, hold = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    return null;
                case "--mqtt": mqtt = Value(args, ref i); break;
                case "--device": device = Value(args, ref i); break;
                case "--fleet": fleet = Value(args, ref i); break;
                case "--queue": queue = Value(args, ref i); break;
                case "--user": user = Value(args, ref i); break;
                case "--status": status = Seconds(args, ref i); break;
                case "--drain": drain = Seconds(args, ref i); break;
                case "--insecure": insecure = true; break;
                case "--hold-without-subscriber": hold = true; break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"unknown option '{arg}' (see --help)");
                    }

                    if (source != null)
                    {
                        throw new ArgumentException($"one SOURCE only: '{source}' and '{arg}' (see --help)");
                    }

                    source = arg;
                    break;
            }
        }

        return new TrackerArguments
        {
            Source = source ?? throw new ArgumentException("no SOURCE: name the receiver, e.g. serial:/dev/ttyUSB0?baud=9600 (see --help)"),
            Mqtt = mqtt ?? throw new ArgumentException("--mqtt is missing: the broker, e.g. --mqtt mqtt://127.0.0.1:1883"),
            Device = device ?? throw new ArgumentException("--device is missing: this vehicle's ID, e.g. --device truck-042"),
            Fleet = fleet ?? "default",
            Queue = queue,
            User = user,
            StatusInterval = TimeSpan.FromSeconds(status),
            Drain = TimeSpan.FromSeconds(drain),
            Insecure = insecure,
            HoldWithoutSubscriber = hold,
        };
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new ArgumentException($"{args[i]} needs a value (see --help)");
        }

        return args[++i];
    }

    private static double Seconds(IReadOnlyList<string> args, ref int i)
    {
        string name = args[i], text = Value(args, ref i);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds >= 0) || seconds > 86_400)
        {
            throw new ArgumentException($"{name} takes seconds from 0 to 86400, not '{text}'");
        }

        return seconds;
    }
}
