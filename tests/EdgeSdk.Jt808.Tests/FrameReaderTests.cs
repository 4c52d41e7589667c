namespace EdgeSdk.Jt808.Tests;

public class FrameReaderTests
{
    private static List<string> ReadAll(Jt808FrameReader reader, byte[] stream, int chunk)
    {
        var frames = new List<string>();
        for (int start = 0; start < stream.Length; start += chunk)
        {
            int n = Math.Min(chunk, stream.Length - start);
            int p = 0;
            while (p < n)
            {
                p += reader.Feed(stream, start + p, n - p);
                if (reader.HasFrame)
                {
                    frames.Add(Convert.ToHexString(reader.Frame, 0, reader.FrameLength));
                }
            }
        }

        return frames;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Every_vector_comes_out_whole_whatever_the_chunking_with_noise_and_double_flags_between(int chunk)
    {
        string[] vectors = Jt808Vector.Load().Select(v => v.Hex.ToUpperInvariant()).ToArray();
        // Noise before the first frame, double flags (7E7E) between frames, noise between frames.
        string stream = "0102" + string.Join("7E", vectors) + "AABB" + vectors[0];
        var reader = new Jt808FrameReader();
        List<string> frames = ReadAll(reader, Hex.Parse(stream), chunk);
        Assert.Equal(vectors.Append(vectors[0]).ToArray(), frames.ToArray());
        Assert.Equal(vectors.Length + 1, reader.FramesRead);
        Assert.Equal(4, reader.BytesDiscarded);
        Assert.Equal(0, reader.FramesOverflowed);
    }

    [Fact]
    public void A_frame_without_a_closing_flag_is_dropped_at_the_bound_and_the_stream_resyncs()
    {
        byte[] garbage = new byte[Jt808FrameReader.MaxFrameLength + 10];
        garbage[0] = 0x7E;
        Array.Fill(garbage, (byte)0x11, 1, garbage.Length - 1);
        string v8 = "7E00020000040021679287002B7D027E";
        byte[] stream = [.. garbage, .. Hex.Parse(v8)];
        var reader = new Jt808FrameReader();
        List<string> frames = ReadAll(reader, stream, 1000);
        Assert.Single(frames);
        Assert.Equal("00020000040021679287002B7D02", frames[0][2..^2]);
        Assert.Equal(1, reader.FramesOverflowed);
        Assert.Equal(garbage.Length, reader.BytesDiscarded);
    }
}
