namespace EdgeSdk.Can.Tests;

/// <summary>Paths of the test data copied next to the test assembly.</summary>
internal static class TestFiles
{
    public static readonly string[] RealDbcs = ["hongqi_hs5.dbc", "gwm_haval_h6_phev_2024.dbc", "tesla_model3_vehicle.dbc", "vw_mqb.dbc"];

    public static string Dbc(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "dbc", name);

    public static DbcDatabase Parse(string text, string fileName = "test.dbc")
    {
        Assert.True(DbcParser.TryParse(text, fileName, out DbcDatabase? db, out DbcDiagnostic? error), error?.ToString());
        return db!;
    }
}
