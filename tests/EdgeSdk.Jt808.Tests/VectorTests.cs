using System.Globalization;
using System.Text.Json;

namespace EdgeSdk.Jt808.Tests;

/// <summary>Every vector of TestData/jt808/vectors.txt decodes to exactly its listed values and re-encodes byte-identical.</summary>
public class VectorTests
{
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (Jt808Vector v in Jt808Vector.Load())
        {
            data.Add(v.Name);
        }

        return data;
    }

    [Fact]
    public void The_file_holds_the_six_handed_out_vectors_at_least()
    {
        var names = Jt808Vector.Load().Select(v => v.Name).ToArray();
        Assert.True(names.Length >= 6, $"only {names.Length} vectors");
        Assert.Subset(names.ToHashSet(), new HashSet<string> { "V1", "V2", "V3", "V4", "V5", "V8" });
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Vector_decodes_to_the_listed_values_and_reencodes_identically(string name)
    {
        Jt808Vector vector = Jt808Vector.Load().Single(v => v.Name == name);
        byte[] frame = Hex.Parse(vector.Hex);
        var codec = new Jt808Codec();
        Jt808DecodeResult result = codec.TryDecode(frame, 0, frame.Length, out Jt808Message? message);
        Assert.Equal(Jt808DecodeResult.Ok, result);
        Assert.NotNull(message);
        Assert.Equal(1, codec.Statistics.Count(Jt808DecodeResult.Ok));

        Jt808Header h = message.Header;
        var report = message.Body as Jt808LocationReport;
        foreach (JsonProperty p in vector.Decoded.EnumerateObject())
        {
            JsonElement e = p.Value;
            switch (p.Name)
            {
                case "msgid": Assert.Equal(HexInt(e), h.MessageId); break;
                case "bodylen": Assert.Equal(e.GetInt32(), h.BodyLength); break;
                case "actual_bodylen": Assert.Equal(e.GetInt32(), message.BodyBytes.Length); break;
                case "ver2019": Assert.Equal(e.GetBoolean(), h.VersionFlag); break;
                case "protover":
                    Assert.Equal(e.ValueKind != JsonValueKind.Null, h.Is2019Layout);
                    if (e.ValueKind != JsonValueKind.Null)
                    {
                        Assert.Equal(e.GetInt32(), h.ProtocolVersion);
                    }

                    break;
                case "phone": Assert.Equal(e.GetString(), h.Phone); break;
                case "seq": Assert.Equal(e.GetInt32(), h.SequenceNumber); break;
                case "checksum": Assert.Equal(HexInt(e), message.Checksum); break;
                case "checksum_ok": Assert.Equal(e.GetBoolean(), message.ChecksumOk); break;
                case "alarm": Assert.Equal((uint)HexInt(e), R(report).AlarmFlags); break;
                case "status": Assert.Equal((uint)HexInt(e), R(report).StatusFlags); break;
                case "acc_on": Assert.Equal(e.GetBoolean(), R(report).IsAccOn); break;
                case "fixed": Assert.Equal(e.GetBoolean(), R(report).IsFixed); break;
                case "south": Assert.Equal(e.GetBoolean(), R(report).LatitudeDegrees < 0); break;
                case "west": Assert.Equal(e.GetBoolean(), R(report).LongitudeDegrees < 0); break;
                case "lat": Assert.Equal(e.GetDouble(), R(report).LatitudeDegrees, 9); break;
                case "lng": Assert.Equal(e.GetDouble(), R(report).LongitudeDegrees, 9); break;
                case "alt_m": Assert.Equal(e.GetInt32(), R(report).AltitudeMeters); break;
                case "speed_kmh": Assert.Equal(e.GetDouble(), R(report).SpeedKilometersPerHour, 9); break;
                case "dir_deg": Assert.Equal(e.GetInt32(), R(report).DirectionDegrees); break;
                case "time": AssertTime(e.GetString()!, R(report)); break;
                case "extras":
                    string[] expected = e.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToArray();
                    string[] actual = R(report).Items.Select(i => $"{i.Id:X2}:{Hex.Of(i.Value)}").ToArray();
                    Assert.Equal(expected, actual);
                    break;
                case "mileage_km":
                    Assert.True(R(report).TryGetMileageKilometers(out double km));
                    Assert.Equal(e.GetDouble(), km, 9);
                    break;
                case "fuel_L":
                    Assert.True(R(report).TryGetFuelLiters(out double liters));
                    Assert.Equal(e.GetDouble(), liters, 9);
                    break;
                case "csq":
                    Assert.True(R(report).TryGetSignalStrength(out int csq));
                    Assert.Equal(e.GetInt32(), csq);
                    break;
                case "gnss_sats":
                    Assert.True(R(report).TryGetSatelliteCount(out int sats));
                    Assert.Equal(e.GetInt32(), sats);
                    break;
                default:
                    Assert.Fail($"{name}: the test does not know the field '{p.Name}'; teach it before trusting this vector");
                    break;
            }
        }

        Assert.True(codec.TryEncode(message, out byte[]? again));
        Assert.Equal(vector.Hex.ToUpperInvariant(), Hex.Of(again!));
    }

    private static Jt808LocationReport R(Jt808LocationReport? report) => report ?? throw new InvalidOperationException("the vector lists location fields but the body is not a 0x0200 report");

    private static int HexInt(JsonElement e) => int.Parse(e.GetString()!.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static void AssertTime(string text, Jt808LocationReport report)
    {
        DateTime gmt8 = DateTime.ParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        Assert.True(report.TryGetTimeGmt8(out int y, out int mo, out int d, out int hh, out int mi, out int ss));
        Assert.Equal(gmt8, new DateTime(y, mo, d, hh, mi, ss));
        Assert.True(report.TryGetTimeUtc(out DateTime utc));
        Assert.Equal(gmt8.AddHours(-8), utc);
    }
}
