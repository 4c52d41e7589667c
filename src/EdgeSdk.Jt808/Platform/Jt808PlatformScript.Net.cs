#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace EdgeSdk.Jt808;

/// <summary>
/// A small command script for a <see cref="Jt808Platform"/> (<c>edgesdk jt808 platform --script FILE</c>): one command
/// per line, run in order. Parsing checks every line first and names the first bad one (<c>line 3: ...</c>).
/// Each line waits until its terminal has authenticated, then its delay, then acts and waits for the terminal's answer.
/// </summary>
/// <remarks>
/// <code>
/// # comment; blank lines are skipped
/// terminal 013800000000               following lines go to this terminal (default: the first that authenticates)
/// [after DURATION] COMMAND ...        wait DURATION (500ms, 5s, 1.5m) before the command
/// wait DURATION
/// set-params ID=VALUE ...             0x8103. ID: 0x0029 or 41. VALUE: 10 (DWORD), 10:byte|word|dword, "text" (GBK), hex:0A0B
/// query-params [ID ...]               0x8104 (all), or 0x8106 with the ids
/// query-location                      0x8201
/// track INTERVAL_S VALIDITY_S         0x8202 (interval 0 stops tracking)
/// text "MESSAGE" [flags=0x04]         0x8300 (flags: bit 0 urgent, 2 display, 3 read aloud)
/// set-circle id=N lat=DEG lon=DEG radius=M [AREA OPTIONS]                        0x8600
/// set-rectangle id=N top=DEG left=DEG bottom=DEG right=DEG [AREA OPTIONS]         0x8602
/// set-polygon id=N points=LAT,LON;LAT,LON;... [AREA OPTIONS]                     0x8604
/// set-route id=N width=M points=LAT,LON;LAT,LON;... [max-speed= overspeed-s= night-max-speed= name= from= to= attributes=]   0x8606
/// delete-circles|delete-rectangles|delete-polygons|delete-routes [ID ...]        0x8601/3/5/7 (no ids: all)
/// disconnect                          close the terminal's connection
/// AREA OPTIONS: max-speed=KMH overspeed-s=S night-max-speed=KMH name="..." from=YYMMDDhhmmss to=YYMMDDhhmmss
///               attributes=0x0028 (extra attribute bits, e.g. 0x0008 enter / 0x0020 exit alarm to the platform)
///               setting=append|update|modify (circle and rectangle; default append)
/// </code>
/// </remarks>
public sealed class Jt808PlatformScript
{
    private static readonly string[] CommandNames =
    {
        "terminal", "wait", "disconnect", "set-params", "query-params", "query-location", "track", "text", "set-circle", "set-rectangle",
        "set-polygon", "set-route", "delete-circles", "delete-rectangles", "delete-polygons", "delete-routes",
    };

    private static readonly string[] TextOptions = { "flags" };

    private static readonly string[] RouteRequired = { "id", "width", "points" };

    private static readonly string[] AreaOptions = { "max-speed", "overspeed-s", "night-max-speed", "name", "from", "to", "attributes" };

    private Jt808PlatformScript(List<Jt808ScriptCommand> commands) => Commands = commands;

    /// <summary>The commands in order (<c>terminal</c> lines are folded into <see cref="Jt808ScriptCommand.Phone"/>).</summary>
    public IReadOnlyList<Jt808ScriptCommand> Commands { get; }

    /// <summary>Parses a script.</summary>
    /// <param name="text">The script text.</param>
    /// <param name="script">The script, or null on error.</param>
    /// <param name="error">The first error as <c>line N: what is wrong (and how to write it)</c>, or empty.</param>
    /// <returns>True when every line is valid.</returns>
    public static bool TryParse(string text, out Jt808PlatformScript? script, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        script = null;
        error = string.Empty;
        var commands = new List<Jt808ScriptCommand>();
        string? phone = null;
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string? why = ParseLine(line, ref phone, out Jt808ScriptCommand? command, i + 1);
            if (why != null)
            {
                error = $"line {i + 1}: {why}";
                return false;
            }

            if (command != null)
            {
                commands.Add(command);
            }
        }

        script = new Jt808PlatformScript(commands);
        return true;
    }

    /// <summary>Runs the commands in order against <paramref name="platform"/>.</summary>
    /// <param name="platform">A started platform.</param>
    /// <param name="answerTimeout">How long each command waits for the terminal's answer.</param>
    /// <param name="progress">Called after each line with whether it succeeded and a one-line description; may be null.</param>
    /// <param name="cancellationToken">Stops the script (also while waiting for a terminal).</param>
    /// <returns>How many commands failed: no answer in time, connection lost, or an answer with a result other than success.</returns>
    public async Task<int> RunAsync(Jt808Platform platform, TimeSpan answerTimeout, Action<Jt808ScriptCommand, bool, string>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(platform);
        int failed = 0;
        foreach (Jt808ScriptCommand command in Commands)
        {
            Jt808PlatformTerminal terminal = command.Phone != null
                ? await platform.WaitForTerminalAsync(command.Phone, Timeout.InfiniteTimeSpan, true, cancellationToken).ConfigureAwait(false)
                : await platform.WaitForAnyTerminalAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            if (command.Delay > TimeSpan.Zero)
            {
                await Task.Delay(command.Delay, cancellationToken).ConfigureAwait(false);
            }

            bool ok = true;
            string what;
            switch (command.Action)
            {
                case Jt808ScriptAction.Wait:
                    what = $"waited {command.Delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s";
                    break;
                case Jt808ScriptAction.Disconnect:
                    terminal.Disconnect();
                    what = $"disconnected terminal {terminal.Phone}";
                    break;
                default:
                    try
                    {
                        Jt808Message answer = await terminal.SendCommandAsync(command.MessageId, command.Body, answerTimeout, cancellationToken).ConfigureAwait(false);
                        (ok, what) = Describe(command, terminal, answer);
                    }
                    catch (Exception ex) when (ex is TimeoutException or IOException)
                    {
                        ok = false;
                        what = ex.Message;
                    }

                    break;
            }

            if (!ok)
            {
                failed++;
            }

            progress?.Invoke(command, ok, what);
        }

        return failed;
    }

    private static (bool Ok, string What) Describe(Jt808ScriptCommand command, Jt808PlatformTerminal terminal, Jt808Message answer)
    {
        string sent = $"0x{command.MessageId:X4} to terminal {terminal.Phone}";
        return answer.Body switch
        {
            Jt808GeneralResponse g when g.Result == Jt808GeneralResponse.ResultSuccess => (true, $"{sent}: answered success"),
            Jt808GeneralResponse g => (false, $"{sent}: answered result {g.Result} ({ResultName(g.Result)})"),
            Jt808ParameterResponse p => (true, $"{sent}: answered 0x0104 with {p.Parameters.Length} parameters"),
            Jt808LocationQueryResponse l => (true, string.Create(CultureInfo.InvariantCulture, $"{sent}: answered 0x0201 at {l.Report.LatitudeDegrees:0.000000},{l.Report.LongitudeDegrees:0.000000}")),
            _ => (false, $"{sent}: answered 0x{answer.Header.MessageId:X4} that could not be decoded"),
        };
    }

    private static string ResultName(int result) => result switch
    {
        Jt808GeneralResponse.ResultFailure => "failure",
        Jt808GeneralResponse.ResultMessageError => "message error",
        Jt808GeneralResponse.ResultNotSupported => "not supported",
        _ => "unknown result",
    };

    /// <summary>Parses one non-empty line; returns why it is wrong, or null. A <c>terminal</c> line only sets <paramref name="phone"/>.</summary>
    private static string? ParseLine(string line, ref string? phone, out Jt808ScriptCommand? command, int lineNumber)
    {
        command = null;
        string? why = Tokenize(line, out List<string> tokens);
        if (why != null)
        {
            return why;
        }

        TimeSpan delay = TimeSpan.Zero;
        int k = 0;
        if (tokens[0] == "after")
        {
            if (tokens.Count < 3)
            {
                return "'after' needs a duration and a command, e.g. 'after 5s query-location'";
            }

            if (!TryDuration(tokens[1], out delay))
            {
                return $"'{tokens[1]}' is not a duration; write e.g. 500ms, 5s or 1.5m";
            }

            k = 2;
        }

        string name = tokens[k];
        List<string> args = tokens.GetRange(k + 1, tokens.Count - k - 1);
        Jt808ScriptAction action = Jt808ScriptAction.Send;
        int id = 0;
        Jt808Body? body = null;
        switch (name)
        {
            case "terminal":
                if (k > 0 || args.Count != 1 || !IsPhone(args[0]))
                {
                    return "write 'terminal PHONE' with the terminal's phone number (up to 20 digits), on a line of its own";
                }

                phone = args[0];
                return null;
            case "wait":
                if (k > 0 || args.Count != 1 || !TryDuration(args[0], out delay))
                {
                    return "write 'wait DURATION', e.g. 'wait 5s'";
                }

                action = Jt808ScriptAction.Wait;
                break;
            case "disconnect":
                if (args.Count != 0)
                {
                    return "'disconnect' takes no arguments";
                }

                action = Jt808ScriptAction.Disconnect;
                break;
            case "set-params":
                why = SetParameters(args, out body);
                id = Jt808MessageIds.SetParameters;
                break;
            case "query-params":
                why = QueryParameters(args, out id, out body);
                break;
            case "query-location":
                why = args.Count == 0 ? null : "'query-location' takes no arguments";
                id = Jt808MessageIds.LocationQuery;
                break;
            case "track":
                why = Track(args, out body);
                id = Jt808MessageIds.TemporaryTracking;
                break;
            case "text":
                why = Text(args, out body);
                id = Jt808MessageIds.TextMessage;
                break;
            case "set-circle":
            case "set-rectangle":
            case "set-polygon":
                why = SetArea(name, args, out id, out body);
                break;
            case "set-route":
                why = SetRoute(args, out body);
                id = Jt808MessageIds.SetRoute;
                break;
            case "delete-circles":
            case "delete-rectangles":
            case "delete-polygons":
            case "delete-routes":
                why = Delete(name, args, out id, out body);
                break;
            default:
                string? closest = ClosestName.Find(name, CommandNames);
                return closest != null ? $"unknown command '{name}' (did you mean '{closest}'?)" : $"unknown command '{name}'; commands: {string.Join(", ", CommandNames)}";
        }

        if (why != null)
        {
            return $"{name}: {why}";
        }

        command = new Jt808ScriptCommand(lineNumber, line, action, delay, phone, id, body);
        return null;
    }

    private static string? SetParameters(List<string> args, out Jt808Body? body)
    {
        body = null;
        if (args.Count == 0)
        {
            return "give at least one ID=VALUE, e.g. 'set-params 0x0029=10'";
        }

        var parameters = new Jt808Parameter[args.Count];
        for (int i = 0; i < args.Count; i++)
        {
            int eq = args[i].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !TryUInt(args[i][..eq], out uint parameterId))
            {
                return $"'{args[i]}' is not ID=VALUE (ID like 0x0029 or 41)";
            }

            string value = args[i][(eq + 1)..];
            string? why = ParameterValue(value, out byte[] bytes);
            if (why != null)
            {
                return $"parameter 0x{parameterId:X4}: {why}";
            }

            parameters[i] = new Jt808Parameter(parameterId, bytes);
        }

        body = new Jt808SetParameters { Parameters = parameters };
        return null;
    }

    private static string? ParameterValue(string value, out byte[] bytes)
    {
        bytes = Array.Empty<byte>();
        if (Unquote(value, out string text))
        {
            // The parameter length is a BYTE.
            return Gbk(text, out bytes) ?? (bytes.Length <= 255 ? null : $"\"{text}\" is {bytes.Length} bytes in GBK; a parameter holds at most 255");
        }

        if (value.StartsWith("hex:", StringComparison.Ordinal))
        {
            try
            {
                bytes = Convert.FromHexString(value[4..]);
                return bytes.Length <= 255 ? null : "at most 255 bytes";
            }
            catch (FormatException)
            {
                return $"'{value}' is not hex:PAIRS-OF-HEX-DIGITS";
            }
        }

        int colon = value.IndexOf(':', StringComparison.Ordinal);
        string number = colon < 0 ? value : value[..colon];
        string width = colon < 0 ? "dword" : value[(colon + 1)..];
        int size = width switch { "byte" => 1, "word" => 2, "dword" => 4, _ => 0 };
        if (size == 0 || !TryUInt(number, out uint n) || (size < 4 && n >= 1u << (8 * size)))
        {
            return $"'{value}' is not a value; write 10, 10:byte, 10:word, 10:dword, \"text\" or hex:0A0B";
        }

        bytes = Jt808Parameter.FromUnsigned(0, n, size).Value;
        return null;
    }

    private static string? QueryParameters(List<string> args, out int id, out Jt808Body? body)
    {
        id = Jt808MessageIds.QueryParameters;
        body = null;
        if (args.Count == 0)
        {
            return null;
        }

        if (args.Count > 255)
        {
            return "at most 255 ids";
        }

        uint[] ids = new uint[args.Count];
        for (int i = 0; i < args.Count; i++)
        {
            if (!TryUInt(args[i], out ids[i]))
            {
                return $"'{args[i]}' is not a parameter id (0x0029 or 41)";
            }
        }

        id = Jt808MessageIds.QuerySpecificParameters;
        body = new Jt808QuerySpecificParameters { ParameterIds = ids };
        return null;
    }

    private static string? Track(List<string> args, out Jt808Body? body)
    {
        body = null;
        if (args.Count != 2 || !TryUInt(args[0], out uint interval) || interval > 0xFFFF || !TryUInt(args[1], out uint validity))
        {
            return "write 'track INTERVAL_S VALIDITY_S', e.g. 'track 5 600' (interval 0 stops tracking)";
        }

        body = new Jt808TemporaryTracking { IntervalSeconds = (int)interval, ValiditySeconds = validity, ValidityOmitted = interval == 0 };
        return null;
    }

    private static string? Text(List<string> args, out Jt808Body? body)
    {
        body = null;
        if (args.Count == 0 || !Unquote(args[0], out string text))
        {
            return "write 'text \"MESSAGE\"' with the message in double quotes";
        }

        string? why = Options(args, 1, TextOptions, out Dictionary<string, string> options);
        uint flags = 0x04;
        if (why == null && options.TryGetValue("flags", out string? f) && (!TryUInt(f, out flags) || flags > 0xFF))
        {
            why = $"flags '{f}' is not a byte (e.g. 0x04 display, 0x08 read aloud)";
        }

        byte[] bytes = Array.Empty<byte>();
        why ??= Gbk(text, out bytes);
        if (why != null)
        {
            return why;
        }

        // Text type 1 (notice) is written only in the 2019 layout.
        body = new Jt808TextMessage { Flags = (int)flags, TextType = 1, Text = bytes };
        return null;
    }

    private static string? SetArea(string name, List<string> args, out int id, out Jt808Body? body)
    {
        body = null;
        (id, string[] required) = name switch
        {
            "set-circle" => (Jt808MessageIds.SetCircleAreas, new[] { "id", "lat", "lon", "radius" }),
            "set-rectangle" => (Jt808MessageIds.SetRectangleAreas, new[] { "id", "top", "left", "bottom", "right" }),
            _ => (Jt808MessageIds.SetPolygonArea, new[] { "id", "points" }),
        };
        var known = new List<string>(required);
        known.AddRange(AreaOptions);
        if (id != Jt808MessageIds.SetPolygonArea)
        {
            known.Add("setting");
        }

        string? why = Options(args, 0, known.ToArray(), out Dictionary<string, string> o) ?? Required(o, required);
        if (why != null)
        {
            return why;
        }

        Jt808Area area;
        int attributes = 0;
        if (name == "set-circle")
        {
            double lat = 0, lon = 0;
            uint radius = 0;
            why = Degrees(o, "lat", 90, ref lat) ?? Degrees(o, "lon", 180, ref lon) ?? UInt(o, "radius", ref radius);
            if (why != null)
            {
                return why;
            }

            area = new Jt808CircleArea { CenterLatitudeMicrodegrees = Micro(lat), CenterLongitudeMicrodegrees = Micro(lon), RadiusMeters = radius };
            attributes = Hemisphere(lat < 0, lon < 0);
        }
        else if (name == "set-rectangle")
        {
            double top = 0, left = 0, bottom = 0, right = 0;
            why = Degrees(o, "top", 90, ref top) ?? Degrees(o, "left", 180, ref left) ?? Degrees(o, "bottom", 90, ref bottom) ?? Degrees(o, "right", 180, ref right);
            if (why != null)
            {
                return why;
            }

            if (top < bottom || (top < 0) != (bottom < 0) || (left < 0) != (right < 0))
            {
                return "top must be north of bottom, and both corners in one hemisphere";
            }

            area = new Jt808RectangleArea
            {
                TopLeftLatitudeMicrodegrees = Micro(top), TopLeftLongitudeMicrodegrees = Micro(left),
                BottomRightLatitudeMicrodegrees = Micro(bottom), BottomRightLongitudeMicrodegrees = Micro(right),
            };
            attributes = Hemisphere(top < 0, left < 0);
        }
        else
        {
            if ((why = Points(o["points"], 3, out double[] lats, out double[] lons)) != null)
            {
                return why;
            }

            bool south = lats[0] < 0;
            bool west = lons[0] < 0;
            for (int i = 1; i < lats.Length; i++)
            {
                if ((lats[i] < 0) != south || (lons[i] < 0) != west)
                {
                    return "all points must be in one hemisphere (the area has one south/west attribute)";
                }
            }

            var polygon = new Jt808PolygonArea { VertexLatitudesMicrodegrees = new uint[lats.Length], VertexLongitudesMicrodegrees = new uint[lats.Length] };
            for (int i = 0; i < lats.Length; i++)
            {
                polygon.VertexLatitudesMicrodegrees[i] = Micro(lats[i]);
                polygon.VertexLongitudesMicrodegrees[i] = Micro(lons[i]);
            }

            area = polygon;
            attributes = Hemisphere(south, west);
        }

        uint areaId = 0;
        if ((why = UInt(o, "id", ref areaId) ?? AreaLimits(o, area, ref attributes)) != null)
        {
            return why;
        }

        area.AreaId = areaId;
        area.Attributes = attributes;
        int setting = Jt808SetAreas.SettingAppend;
        if (o.TryGetValue("setting", out string? s))
        {
            setting = s switch { "update" => Jt808SetAreas.SettingUpdate, "append" => Jt808SetAreas.SettingAppend, "modify" => Jt808SetAreas.SettingModify, _ => -1 };
            if (setting < 0)
            {
                return $"setting '{s}' is not update, append or modify";
            }
        }

        body = new Jt808SetAreas(id) { SettingType = setting, Areas = new[] { area } };
        return null;
    }

    /// <summary>Speed limits, time window, name and extra attribute bits shared by every area shape.</summary>
    private static string? AreaLimits(Dictionary<string, string> o, Jt808Area area, ref int attributes)
    {
        string? why = Limits(o, out int maxSpeed, out int overspeed, out int night, out byte[] name, out byte[]? from, out byte[]? to, ref attributes, Jt808Area.AttributeSpeedLimit, Jt808Area.AttributeTimeWindow);
        if (why != null)
        {
            return why;
        }

        area.MaxSpeedKilometersPerHour = maxSpeed;
        area.OverspeedDurationSeconds = overspeed;
        area.NightMaxSpeedKilometersPerHour = night;
        area.Name = name;
        area.StartTimeBcd = from ?? new byte[6];
        area.EndTimeBcd = to ?? new byte[6];
        return null;
    }

    private static string? Limits(Dictionary<string, string> o, out int maxSpeed, out int overspeed, out int night, out byte[] name, out byte[]? from, out byte[]? to, ref int attributes, int speedBit, int timeBit)
    {
        maxSpeed = overspeed = night = 0;
        name = Array.Empty<byte>();
        from = to = null;
        if (o.ContainsKey("max-speed"))
        {
            uint m = 0;
            if (UInt(o, "max-speed", ref m) != null || m > 0xFFFF)
            {
                return "max-speed must be km/h from 0 to 65535";
            }

            maxSpeed = (int)m;
            attributes |= speedBit;
            uint d = 0;
            uint n = m;
            if ((o.ContainsKey("overspeed-s") && (UInt(o, "overspeed-s", ref d) != null || d > 0xFF))
                || (o.ContainsKey("night-max-speed") && (UInt(o, "night-max-speed", ref n) != null || n > 0xFFFF)))
            {
                return "overspeed-s must be 0–255 seconds and night-max-speed 0–65535 km/h";
            }

            overspeed = (int)d;
            night = (int)n;
        }
        else if (o.ContainsKey("overspeed-s") || o.ContainsKey("night-max-speed"))
        {
            return "overspeed-s and night-max-speed need max-speed";
        }

        if (o.ContainsKey("from") != o.ContainsKey("to"))
        {
            return "give both from= and to= (YYMMDDhhmmss, GMT+8)";
        }

        if (o.TryGetValue("from", out string? f))
        {
            if (!TryBcdTime(f, out from) || !TryBcdTime(o["to"], out to))
            {
                return "from= and to= must be 12 digits YYMMDDhhmmss (GMT+8)";
            }

            attributes |= timeBit;
        }

        if (o.TryGetValue("attributes", out string? a))
        {
            if (!TryUInt(a, out uint extra) || extra > 0xFFFF)
            {
                return $"attributes '{a}' is not a WORD (e.g. 0x0028)";
            }

            attributes |= (int)extra;
        }

        if (o.TryGetValue("name", out string? n2))
        {
            string text = Unquote(n2, out string inner) ? inner : n2;
            string? why = Gbk(text, out name);
            if (why != null)
            {
                return why;
            }
        }

        return null;
    }

    private static string? SetRoute(List<string> args, out Jt808Body? body)
    {
        body = null;
        var known = new List<string> { "id", "width", "points" };
        known.AddRange(AreaOptions);
        uint routeId = 0, width = 0;
        string? why = Options(args, 0, known.ToArray(), out Dictionary<string, string> o) ?? Required(o, RouteRequired);
        if (why != null || (why = UInt(o, "id", ref routeId) ?? UInt(o, "width", ref width)) != null)
        {
            return why;
        }

        if (width > 255)
        {
            return "width must be 0–255 m";
        }

        if ((why = Points(o["points"], 2, out double[] lats, out double[] lons)) != null)
        {
            return why;
        }

        int routeAttributes = 0;
        int segmentSpeedBit = 0;
        if ((why = Limits(o, out int maxSpeed, out int overspeed, out int night, out byte[] name, out byte[]? from, out byte[]? to, ref segmentSpeedBit, Jt808RoutePoint.AttributeSpeedLimit, 0)) != null)
        {
            return why;
        }

        // The time window and extra attribute bits belong to the route; the speed limit to every segment.
        routeAttributes = segmentSpeedBit & ~Jt808RoutePoint.AttributeSpeedLimit;
        if (from != null)
        {
            routeAttributes |= Jt808SetRoute.AttributeTimeWindow;
        }

        var points = new Jt808RoutePoint[lats.Length];
        for (int i = 0; i < points.Length; i++)
        {
            points[i] = new Jt808RoutePoint
            {
                PointId = (uint)(i + 1),
                SegmentId = (uint)(i + 1),
                LatitudeMicrodegrees = Micro(lats[i]),
                LongitudeMicrodegrees = Micro(lons[i]),
                WidthMeters = (int)width,
                Attributes = (segmentSpeedBit & Jt808RoutePoint.AttributeSpeedLimit) | (lats[i] < 0 ? Jt808RoutePoint.AttributeSouth : 0) | (lons[i] < 0 ? Jt808RoutePoint.AttributeWest : 0),
                MaxSpeedKilometersPerHour = maxSpeed,
                OverspeedDurationSeconds = overspeed,
                NightMaxSpeedKilometersPerHour = night,
            };
        }

        body = new Jt808SetRoute { RouteId = routeId, Attributes = routeAttributes, StartTimeBcd = from ?? new byte[6], EndTimeBcd = to ?? new byte[6], Points = points, Name = name };
        return null;
    }

    private static string? Delete(string name, List<string> args, out int id, out Jt808Body? body)
    {
        id = name switch
        {
            "delete-circles" => Jt808MessageIds.DeleteCircleAreas,
            "delete-rectangles" => Jt808MessageIds.DeleteRectangleAreas,
            "delete-polygons" => Jt808MessageIds.DeletePolygonAreas,
            _ => Jt808MessageIds.DeleteRoutes,
        };
        body = null;
        if (args.Count > 125)
        {
            return "at most 125 ids per line";
        }

        uint[] ids = new uint[args.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            if (!TryUInt(args[i], out ids[i]))
            {
                return $"'{args[i]}' is not an id";
            }
        }

        body = new Jt808DeleteAreas { AreaIds = ids };
        return null;
    }

    private static string? Options(List<string> args, int start, string[] known, out Dictionary<string, string> options)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = start; i < args.Count; i++)
        {
            int eq = args[i].IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? args[i] : args[i][..eq];
            if (eq <= 0 || Array.IndexOf(known, key) < 0)
            {
                return $"'{args[i]}' is not one of {string.Join("= ", known)}=";
            }

            if (!options.TryAdd(key, args[i][(eq + 1)..]))
            {
                return $"{key}= is given twice";
            }
        }

        return null;
    }

    private static string? Required(Dictionary<string, string> options, string[] required)
    {
        foreach (string key in required)
        {
            if (!options.ContainsKey(key))
            {
                return $"{key}= is missing (needs {string.Join("= ", required)}=)";
            }
        }

        return null;
    }

    private static string? UInt(Dictionary<string, string> o, string key, ref uint value) =>
        TryUInt(o[key], out value) ? null : $"{key}='{o[key]}' is not a whole number";

    private static string? Degrees(Dictionary<string, string> o, string key, double limit, ref double degrees) =>
        double.TryParse(o[key], NumberStyles.Float, CultureInfo.InvariantCulture, out degrees) && Math.Abs(degrees) <= limit
            ? null : $"{key}='{o[key]}' is not degrees from -{limit} to {limit}";

    private static string? Points(string text, int minimum, out double[] lats, out double[] lons)
    {
        string[] pairs = text.Split(';', StringSplitOptions.RemoveEmptyEntries);
        lats = new double[pairs.Length];
        lons = new double[pairs.Length];
        if (pairs.Length < minimum)
        {
            return $"points= needs at least {minimum} LAT,LON pairs separated by ';'";
        }

        for (int i = 0; i < pairs.Length; i++)
        {
            string[] ll = pairs[i].Split(',');
            if (ll.Length != 2
                || !double.TryParse(ll[0], NumberStyles.Float, CultureInfo.InvariantCulture, out lats[i]) || Math.Abs(lats[i]) > 90
                || !double.TryParse(ll[1], NumberStyles.Float, CultureInfo.InvariantCulture, out lons[i]) || Math.Abs(lons[i]) > 180)
            {
                return $"point {i + 1} '{pairs[i]}' is not LAT,LON in degrees";
            }
        }

        return null;
    }

    private static uint Micro(double degrees) => (uint)Math.Round(Math.Abs(degrees) * 1e6);

    private static int Hemisphere(bool south, bool west) => (south ? Jt808Area.AttributeSouth : 0) | (west ? Jt808Area.AttributeWest : 0);

    private static bool TryUInt(string text, out uint value) =>
        text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? uint.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value)
            : uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static bool TryDuration(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        (string number, double scale) = text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 0.001)
            : text.EndsWith('s') ? (text[..^1], 1.0)
            : text.EndsWith('m') ? (text[..^1], 60.0)
            : text.EndsWith('h') ? (text[..^1], 3600.0)
            : (string.Empty, 0.0);
        if (scale == 0 || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value) || value * scale > 86_400 * 7)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * scale);
        return true;
    }

    private static bool TryBcdTime(string text, out byte[]? bcd)
    {
        bcd = null;
        if (text.Length != 12)
        {
            return false;
        }

        try
        {
            bcd = Convert.FromHexString(text);
        }
        catch (FormatException)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                bcd = null;
                return false;
            }
        }

        return true;
    }

    private static bool IsPhone(string text)
    {
        if (text.Length is 0 or > 20)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static string? Gbk(string text, out byte[] bytes)
    {
        try
        {
            bytes = Jt808Json.GbkBytes(text);
            return null;
        }
        catch (EncoderFallbackException)
        {
            bytes = Array.Empty<byte>();
            return $"\"{text}\" has a character GBK cannot encode";
        }
    }

    private static bool Unquote(string token, out string text)
    {
        text = token;
        if (token.Length < 2 || token[0] != '"' || token[^1] != '"')
        {
            return false;
        }

        text = token[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
        return true;
    }

    /// <summary>Splits on spaces outside double quotes; quotes stay in the token (<see cref="Unquote"/> removes them), \" escapes a quote.</summary>
    private static string? Tokenize(string line, out List<string> tokens)
    {
        tokens = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '\\' && i + 1 < line.Length && (line[i + 1] == '"' || line[i + 1] == '\\'))
            {
                current.Append(c).Append(line[++i]);
                continue;
            }

            if (c == '"')
            {
                quoted = !quoted;
            }

            if (!quoted && char.IsWhiteSpace(c))
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }

                continue;
            }

            current.Append(c);
        }

        if (quoted)
        {
            return "a double quote is not closed";
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return null;
    }
}
