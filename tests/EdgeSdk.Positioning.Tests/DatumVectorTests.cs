namespace EdgeSdk.Positioning.Tests;

/// <summary>The published reference values of TestData/china-datum/vectors.txt (G1–G10, V3/V4).</summary>
public class DatumVectorTests
{
    private const double ForwardTolerance = 1e-9; // degrees, about 0.1 mm

    [Theory]
    [InlineData(31.1774276, 121.5272106, 31.17530398364597, 121.531541859215)] // G1 Shanghai
    [InlineData(22.543847, 113.912316, 22.540796131694766, 113.9171764808363)] // G2 Shenzhen
    [InlineData(39.911954, 116.377817, 39.91334545536069, 116.38404722455657)] // G3 Beijing
    [InlineData(39.915, 116.404, 39.91640428150164, 116.41024449916938)] // G4 coordtransform README
    [InlineData(40.670063, 122.4523, 40.6717610654, 122.4576308837)] // V3 (JT808 vector position)
    [InlineData(22.585732, 113.864672, 22.5827103175, 113.8695954425)] // V4
    public void Wgs_to_gcj_matches_the_published_values(double lat, double lon, double gcjLat, double gcjLon)
    {
        GeoPoint gcj = ChinaDatum.WgsToGcj(new GeoPoint(lat, lon));
        // V3/V4 are given to 10 decimals, the others to 13-15.
        Assert.Equal(gcjLat, gcj.LatitudeDegrees, ForwardTolerance);
        Assert.Equal(gcjLon, gcj.LongitudeDegrees, ForwardTolerance);
    }

    [Fact]
    public void Gcj_to_wgs_is_the_exact_inverse_not_the_one_step_approximation()
    {
        // G5: coordtransform's one-step answer is [116.39775550083061, 39.91359571849836]; exact is 6 cm away.
        GeoPoint wgs = ChinaDatum.GcjToWgs(new GeoPoint(39.915, 116.404));
        Assert.Equal(39.913596235609, wgs.LatitudeDegrees, 1e-11);
        Assert.Equal(116.397755754575, wgs.LongitudeDegrees, 1e-11);
        Assert.True(Math.Abs(wgs.LatitudeDegrees - 39.91359571849836) > 5e-7);

        // G8 (gcoord's spec checks 5 dp; gcoord iterates only to 1e-6°): [123,45] → [122.99395597, 44.99804071];
        // the one-step approximation gives [122.99392458, 44.99802184], about 2.8 m off.
        GeoPoint g8 = ChinaDatum.GcjToWgs(new GeoPoint(45, 123));
        Assert.Equal(44.99804071, g8.LatitudeDegrees, 1e-6);
        Assert.Equal(122.99395597, g8.LongitudeDegrees, 1e-6);
        Assert.InRange(Meters(g8, new GeoPoint(44.99802184, 122.99392458)), 3.1, 3.3); // measured to the 8-decimal values quoted
    }

    [Theory]
    [InlineData(39.915, 116.404)]
    [InlineData(45, 123)]
    [InlineData(29.5750, 106.5330)]
    [InlineData(18.25, 109.5)]
    [InlineData(53.4, 122.3)]
    public void Inverses_reproduce_their_input_to_under_a_millimetre(double lat, double lon)
    {
        var p = new GeoPoint(lat, lon);
        GeoPoint back = ChinaDatum.WgsToGcj(ChinaDatum.GcjToWgs(p));
        Assert.True(Meters(p, back) < 0.001, $"{Meters(p, back)} m");
        back = ChinaDatum.GcjToBd(ChinaDatum.BdToGcj(p));
        Assert.True(Meters(p, back) < 0.001, $"{Meters(p, back)} m");
        back = ChinaDatum.WgsToBd(ChinaDatum.BdToWgs(p));
        Assert.True(Meters(p, back) < 0.001, $"{Meters(p, back)} m");
    }

    [Fact]
    public void Gcj_to_bd_and_back_match_the_published_values()
    {
        // G6 coordtransform gcj02tobd09(116.404, 39.915)
        GeoPoint bd = ChinaDatum.GcjToBd(new GeoPoint(39.915, 116.404));
        Assert.Equal(39.92133699351021, bd.LatitudeDegrees, 1e-12);
        Assert.Equal(116.41036949371029, bd.LongitudeDegrees, 1e-12);

        // G7 bd09togcj02(116.404, 39.915) is the published one-step inverse, 4.5 cm from the exact one
        // (whose forward transform gives back the input: Inverses_reproduce_their_input_to_under_a_millimetre).
        GeoPoint gcj = ChinaDatum.BdToGcj(new GeoPoint(39.915, 116.404));
        Assert.Equal(39.908656339477, gcj.LatitudeDegrees, 1e-11);
        Assert.InRange(Meters(gcj, new GeoPoint(39.90865673957631, 116.39762729119315)), 0.040, 0.050);

        // G9 gcoord GCJ02→BD09 [123,45] → [123.00636499, 45.00636899] (quoted to 8 decimals, truncated)
        GeoPoint g9 = ChinaDatum.GcjToBd(new GeoPoint(45, 123));
        Assert.Equal(45.00636899, g9.LatitudeDegrees, 2e-8);
        Assert.Equal(123.00636499, g9.LongitudeDegrees, 2e-8);

        // V3/V4 WGS → BD-09
        GeoPoint v3 = ChinaDatum.WgsToBd(new GeoPoint(40.670063, 122.4523));
        Assert.Equal(40.6773938793, v3.LatitudeDegrees, 1e-9);
        Assert.Equal(122.4642440245, v3.LongitudeDegrees, 1e-9);
        GeoPoint v4 = ChinaDatum.WgsToBd(new GeoPoint(22.585732, 113.864672));
        Assert.Equal(22.5890060858, v4.LatitudeDegrees, 1e-9);
        Assert.Equal(113.8760557073, v4.LongitudeDegrees, 1e-9);
    }

    [Fact]
    public void Bd_to_wgs_gives_the_standard_answer_not_eviltransforms_known_wrong_value()
    {
        // G10: eviltransform's test expects (29.196131605295484, 120.00877901149691), which only its
        // sin(y·π) typo (issue #43) produces. The vectors file's "standard" answer (29.196207983,
        // 120.008728623) is the chain of the two one-step approximations (coordtransform gives exactly
        // that); the exact chain is 1.7 m from it and 10.6 m from the wrong value.
        var bd = new GeoPoint(29.199786, 120.019809);
        GeoPoint wgs = ChinaDatum.BdToWgs(bd);
        Assert.Equal(29.196220284, wgs.LatitudeDegrees, 1e-9);
        Assert.Equal(120.008739819, wgs.LongitudeDegrees, 1e-9);
        Assert.True(Meters(bd, ChinaDatum.WgsToBd(wgs)) < 0.001);
        Assert.InRange(Meters(wgs, new GeoPoint(29.196207983, 120.008728623)), 1.0, 2.0);
        Assert.True(Meters(wgs, new GeoPoint(29.196131605295484, 120.00877901149691)) > 9.0);
    }

    [Theory]
    [InlineData(45, 183)] // G9: outside China, unchanged
    [InlineData(48.8566, 2.3522)] // Paris
    [InlineData(0.8292, 110)] // just south of the box
    [InlineData(30, 72.0039)] // just west of the box
    [InlineData(55.8272, 120)] // just north of the box
    [InlineData(30, 137.8348)] // just east of the box
    public void Points_outside_the_china_box_are_unchanged_in_every_direction(double lat, double lon)
    {
        var p = new GeoPoint(lat, lon);
        foreach (CoordinateSystem from in Enum.GetValues<CoordinateSystem>())
        {
            foreach (CoordinateSystem to in Enum.GetValues<CoordinateSystem>())
            {
                Assert.Equal(p, ChinaDatum.Convert(p, from, to));
            }
        }
    }

    [Fact]
    public void The_box_edges_are_inside()
    {
        Assert.True(ChinaDatum.IsInChina(ChinaDatum.MinLatitudeDegrees, ChinaDatum.MinLongitudeDegrees));
        Assert.True(ChinaDatum.IsInChina(ChinaDatum.MaxLatitudeDegrees, ChinaDatum.MaxLongitudeDegrees));
        Assert.NotEqual(new GeoPoint(30, 72.004), ChinaDatum.WgsToGcj(new GeoPoint(30, 72.004)));
    }

    [Fact]
    public void Convert_chains_through_gcj()
    {
        var wgs = new GeoPoint(29.5750, 106.5330);
        GeoPoint bd = ChinaDatum.Convert(wgs, CoordinateSystem.Wgs84, CoordinateSystem.Bd09);
        Assert.Equal(ChinaDatum.GcjToBd(ChinaDatum.WgsToGcj(wgs)), bd);
        GeoPoint back = ChinaDatum.Convert(bd, CoordinateSystem.Bd09, CoordinateSystem.Wgs84);
        Assert.True(Meters(wgs, back) < 0.001);
        Assert.Equal(wgs, ChinaDatum.Convert(wgs, CoordinateSystem.Gcj02, CoordinateSystem.Gcj02));
    }

    private static double Meters(GeoPoint a, GeoPoint b) =>
        GreatCircle.DistanceMeters(a.LatitudeDegrees, a.LongitudeDegrees, b.LatitudeDegrees, b.LongitudeDegrees);
}
