using System.CommandLine;
using EdgeSdk.Positioning;

namespace EdgeSdk.Cli;

/// <summary>
/// <c>edgesdk geo convert --from wgs84|gcj02|bd09 --to wgs84|gcj02|bd09</c>: converts <c>lat,lon</c>
/// lines on stdin with <see cref="ChinaDatum"/> and prints <c>lat,lon</c> with 9 decimals. A bad line
/// is named on stderr and skipped; any bad line makes the exit code 1.
/// </summary>
internal static class GeoCommand
{
    private static readonly string[] Systems = ["wgs84", "gcj02", "bd09"];

    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "Datum of the input: wgs84 (also CGCS2000), gcj02 or bd09", Required = true };
        var to = new Option<string>("--to") { Description = "Datum of the output: wgs84, gcj02 or bd09", Required = true };
        from.AcceptOnlyFromAmong(Systems);
        to.AcceptOnlyFromAmong(Systems);
        var convert = new Command("convert", "Convert lat,lon lines on stdin between WGS-84/CGCS2000, GCJ-02 and BD-09 (points outside China are unchanged).");
        convert.Options.Add(from);
        convert.Options.Add(to);
        convert.SetAction(parseResult => Convert(System(parseResult.GetValue(from)!), System(parseResult.GetValue(to)!)));
        var geo = new Command("geo", "Geodesy: coordinate conversions for Chinese maps.");
        geo.Subcommands.Add(convert);
        return geo;
    }

    private static CoordinateSystem System(string name) => name switch
    {
        "gcj02" => CoordinateSystem.Gcj02,
        "bd09" => CoordinateSystem.Bd09,
        _ => CoordinateSystem.Wgs84,
    };

    private static int Convert(CoordinateSystem from, CoordinateSystem to)
    {
        TextReader input = Console.In;
        using var output = new StreamWriter(Console.OpenStandardOutput()) { NewLine = "\n", AutoFlush = false };
        long lineNumber = 0, converted = 0, bad = 0;
        while (input.ReadLine() is string line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line) || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            if (!GeoPoint.TryParse(line, out GeoPoint point))
            {
                bad++;
                Console.Error.WriteLine($"edgesdk: line {lineNumber}: \"{line}\" is not lat,lon in degrees (e.g. 29.5630,106.5516)");
                continue;
            }

            output.WriteLine(ChinaDatum.Convert(point, from, to).ToLatLonString());
            converted++;
        }

        output.Flush();
        if (bad > 0)
        {
            Console.Error.WriteLine($"edgesdk: {bad} of {bad + converted} lines were not lat,lon and were skipped");
            return ExitCodes.DataProblem;
        }

        return ExitCodes.Ok;
    }
}
