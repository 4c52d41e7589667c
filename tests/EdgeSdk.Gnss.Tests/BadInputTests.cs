using System.Text;

namespace EdgeSdk.Gnss.Tests;

/// <summary>Garbage, a wrong baud rate, TXT-only receivers and non-NMEA files: counters and a status, never an exception or a fix.</summary>
public class BadInputTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_non_nmea_file_gives_no_fix_counters_and_a_status_that_says_so()
    {
        byte[] noise = new byte[20000];
        new Random(42).NextBytes(noise);
        for (int i = 0; i < noise.Length; i++)
        {
            noise[i] = noise[i] is (byte)'$' or (byte)'!' ? (byte)'x' : noise[i]; // no accidental sentence starts
        }

        await using var receiver = new GnssReceiver(new StreamGnssSource("noise.bin", new MemoryStream(noise)));
        List<GnssFix> fixes = await receiver.ReadFixesAsync().ToListAsync();
        Assert.Empty(fixes);
        Assert.Equal(20000, receiver.Counters.BytesRead);
        Assert.Equal(20000, receiver.Counters.IgnoredBytes + CountLineEnds(noise));
        Assert.Equal(0, receiver.Counters.ValidSentences);
        Assert.Equal("no valid sentences in file noise.bin (20000 bytes read, " + receiver.Counters.IgnoredBytes + " ignored, 0 rejected) — is it NMEA?", receiver.StatusText);
        Assert.Equal(GnssStatusKind.NoValidData, receiver.StatusKind);
    }

    [Fact]
    public async Task Corrupted_sentences_are_rejected_and_counted()
    {
        string text = "$GPGGA,193221.00,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,*7E\r\n" // wrong checksum
            + "$GPGGA,193221.00,2037.72792,N,08704.08478,W,1,04,1.7,-30.40,M,-13.9,M,,\r\n" // no checksum
            + "$GPGGA,1932\u0001\u00ff21.00*7D\r\n" // binary inside
            + "$GPRMC,193221.00,A,2037.7279,N,08704.0848,W,00.1,201.8,231207,01,W,A*2D\r\n"; // valid
        await using var receiver = new GnssReceiver(new StreamGnssSource("bad.nmea", new MemoryStream(Encoding.Latin1.GetBytes(text))));
        var sentences = new List<string>();
        await foreach (string sentence in receiver.ReadSentencesAsync())
        {
            sentences.Add(sentence);
        }

        Assert.Equal(["$GPRMC,193221.00,A,2037.7279,N,08704.0848,W,00.1,201.8,231207,01,W,A*2D"], sentences);
        Assert.Equal(3, receiver.Counters.RejectedSentences);
        Assert.Equal(1, receiver.Counters.ValidSentences);
    }

    [Fact]
    public async Task Garbage_on_a_serial_port_at_the_wrong_baud_rate_says_try_baud_auto()
    {
        await using SocatPty pty = await SocatPty.StartAsync();
        var options = new GnssReceiverOptions { NoDataTimeout = TimeSpan.FromSeconds(1) };
        await using var receiver = new GnssReceiver(new SerialGnssSource(pty.DevicePath, 9600), options);
        var statuses = new List<string>();
        var quiet = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.StatusChanged += (_, e) =>
        {
            if (e.Kind == GnssStatusKind.NoValidData)
            {
                quiet.TrySetResult(e.Text);
            }
        };
        using var cts = new CancellationTokenSource(Timeout);
        Task<List<GnssFix>> reading = receiver.ReadFixesAsync(cts.Token).ToListAsync(cts.Token).AsTask();
        await SocatPty.WaitForAsync(() => receiver.Source.StatusKind == GnssStatusKind.Opened, "the port to open");
        await using (FileStream peer = pty.OpenPeer())
        {
            // What 115200-baud NMEA looks like when read at 9600: bytes, but never a sentence.
            await peer.WriteAsync(Enumerable.Range(0, 3000).Select(i => (byte)(0x80 | (i * 37 % 127))).ToArray(), cts.Token);
        }

        string status = await quiet.Task.WaitAsync(cts.Token);
        Assert.StartsWith("no valid sentences in 1 s at 9600 baud — try baud=auto (", status);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
        Assert.Equal(0, receiver.Counters.Fixes);
        Assert.Equal(3000, receiver.Counters.IgnoredBytes);
    }

    [Fact]
    public async Task A_receiver_that_sends_only_txt_gets_a_status_naming_the_problem()
    {
        var pipe = new System.IO.Pipelines.Pipe();
        var options = new GnssReceiverOptions { NoDataTimeout = TimeSpan.FromSeconds(1) };
        await using var receiver = new GnssReceiver(new StreamGnssSource("txt-only", pipe.Reader.AsStream()), options);
        var quiet = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.StatusChanged += (_, e) =>
        {
            if (e.Kind == GnssStatusKind.NoNavigationData)
            {
                quiet.TrySetResult(e.Text);
            }
        };
        using var cts = new CancellationTokenSource(Timeout);
        Task<List<GnssFix>> reading = receiver.ReadFixesAsync(cts.Token).ToListAsync(cts.Token).AsTask();
        byte[] txt = Encoding.ASCII.GetBytes("$GPTXT,01,01,01,ANTENNA OK*35\r\n");
        while (!quiet.Task.IsCompleted)
        {
            await pipe.Writer.WriteAsync(txt, cts.Token);
            await Task.WhenAny(quiet.Task, Task.Delay(50, cts.Token));
        }

        Assert.EndsWith("valid sentences in 1 s but none with time or position (only $GPTXT or proprietary) from file txt-only", await quiet.Task);
        await pipe.Writer.CompleteAsync();
        Assert.Empty(await reading);
        Assert.Equal(0, receiver.Counters.NavigationSentences);
        Assert.Equal(receiver.Counters.ValidSentences, receiver.Counters.OtherSentences);
    }

    private static int CountLineEnds(byte[] data) => data.Count(b => b is (byte)'\r' or (byte)'\n');
}
