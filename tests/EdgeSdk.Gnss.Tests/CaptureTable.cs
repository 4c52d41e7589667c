using System.Globalization;
using System.Text;

namespace EdgeSdk.Gnss.Tests;

/// <summary>The per-capture agreement table (markdown) and its totals.</summary>
public static class CaptureTable
{
    public const string Header = "| capture | gpsd positioned TPVs | agree | % | ours where gpsd has no TPV | gpsd satellite identities | agree | % | differing epochs |";

    public static string Row(CaptureComparison.Result r)
        => $"| {r.Capture} | {r.GpsdPositions} | {r.AgreeingPositions} | {Percent(r.AgreeingPositions, r.GpsdPositions)} | {r.Unreported} | {r.GpsdSatellites} | {r.AgreeingSatellites} | {Percent(r.AgreeingSatellites, r.GpsdSatellites)} | {r.Differences.Count} |";

    public static string Render(IReadOnlyList<CaptureComparison.Result> results)
    {
        var text = new StringBuilder();
        text.AppendLine(Header).AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (CaptureComparison.Result r in results)
        {
            text.AppendLine(Row(r));
        }

        int tpv = results.Sum(r => r.GpsdPositions), tpvAgree = results.Sum(r => r.AgreeingPositions);
        int sat = results.Sum(r => r.GpsdSatellites), satAgree = results.Sum(r => r.AgreeingSatellites);
        text.AppendLine(CultureInfo.InvariantCulture, $"| **total: {results.Count} captures, {results.Count(r => r.Differences.Count == 0)} identical** | {tpv} | {tpvAgree} | {Percent(tpvAgree, tpv)} | {results.Sum(r => r.Unreported)} | {sat} | {satAgree} | {Percent(satAgree, sat)} | {results.Sum(r => r.Differences.Count)} |");
        return text.ToString();
    }

    private static string Percent(int part, int whole) => whole == 0 ? "–" : (100.0 * part / whole).ToString("F2", CultureInfo.InvariantCulture);
}
