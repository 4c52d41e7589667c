using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using EdgeSdk.Can;
using EdgeSdk.Gnss;
using EdgeSdk.Jt808;
using EdgeSdk.Nmea;
using EdgeSdk.Telemetry;
using EdgeSdk.Telemetry.V1;
using Google.Protobuf;

namespace EdgeSdk.Fuzz;

/// <summary>
/// The targets. Each feeds one input through an API that promises not to throw on bad input, so any exception that
/// escapes is a failure; where the API gives more (a round trip, an answer) the target checks that too and throws
/// <see cref="FuzzInvariantException"/>. Hangs are caught by the runner's time limit.
/// </summary>
public static class FuzzTargets
{
    /// <summary>Every target, in the order run.sh runs them for <c>all</c>.</summary>
    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("nmea", "NmeaReader + NmeaParser fed in chunks (first byte = chunk size), and NmeaTypedSentence.TryParse per line", Nmea),
        new("fusion", "NmeaParser -> EpochFusion.Add / TryTakeFix / Flush", Fusion),
        new("fixbatch", "protobuf FixBatch (ParseFrom's InvalidProtocolBufferException allowed) -> FixBatchCodec.TryDecode", FixBatchDecode),
        new("queue", "DurableQueue.Open on a directory whose state.a, state.b and segment are the input; then peek, remove, append, reopen", Queue),
        new("queue-crc", "as queue, but the harness writes valid CRC-32s into 48-byte states and the segment's records first, so the fuzzed heads, sequences and lengths reach recovery", QueueWithValidCrcs),
        new("gpsd", "GpsdServer command parser over loopback TCP: the server must still answer a command sent after the input", Gpsd),
        new("dbc", "DbcParser.TryParse (exactly one of database / diagnostic)", Dbc),
        new("candump", "CandumpFormat.TryParseLine per line (a parsed frame must format and parse back the same) and CandumpFileSource", Candump),
        new("jt808", "Jt808FrameReader -> Jt808Codec.TryDecode -> subpackage assembler, TryEncode of what decoded", Jt808),
        new("rdss", "RdssParser fed the input; RdssPositionCodec.TryDecode on every TCI payload and on the raw input", Rdss),
    ];

    /// <summary>
    /// The gate's self-check (tests/fuzz/gate.sh): fails on inputs starting with <c>BUG!</c>, which AFL reaches from
    /// the seed <c>AAAA</c> only through coverage feedback, one byte comparison at a time. If the gate stops finding
    /// it, the instrumentation or the crash reporting is broken and a clean run of the real targets proves nothing.
    /// </summary>
    public static FuzzTarget Canary { get; } = new("canary", "self-check: fails on inputs starting with BUG!", Fuzz.Canary.CanaryCheck.Run);

    /// <summary>The target with this name (one of <see cref="All"/> or the canary), or null.</summary>
    public static FuzzTarget? Find(string name) => name == Canary.Name ? Canary : All.FirstOrDefault(t => t.Name == name);

    private static void Nmea(byte[] input)
    {
        var parser = new NmeaParser(Reader(input));
        FeedInChunks(input, parser.Feed, () =>
        {
            while (parser.Read() != NmeaSentenceType.None)
            {
                _ = parser.Current.ToString();
            }
        });
        parser.Complete();
        while (parser.Read() != NmeaSentenceType.None)
        {
        }

        foreach (string line in Encoding.Latin1.GetString(input).Split('\n'))
        {
            _ = NmeaTypedSentence.TryParse(line, NmeaChecksumPolicy.CheckedWhenPresent, out _, out _);
        }

        // Differential invariant: the .NET fast path sees the same sentences, values, counters and reject reasons.
        NmeaReader settings = Reader(input);
        string? difference = NmeaDifferential.FirstDifference(
            input, input.Length == 0 ? 1 : input[0] + 1, settings.ChecksumPolicy, settings.SkipCommentLines, settings.MaxSentenceLength, out _);
        if (difference != null)
        {
            throw new FuzzInvariantException("fast path differs from the portable path: " + difference);
        }
    }

    private static void Fusion(byte[] input)
    {
        var parser = new NmeaParser(Reader(input));
        var fusion = new EpochFusion { EarlyCloseAfter = input.Length > 1 ? input[1] % 5 : 3 };
        FeedInChunks(input, parser.Feed, () =>
        {
            while (parser.Read() != NmeaSentenceType.None)
            {
                fusion.Add(parser.Current);
                while (fusion.TryTakeFix(out _))
                {
                }
            }
        });
        parser.Complete();
        while (parser.Read() != NmeaSentenceType.None)
        {
            fusion.Add(parser.Current);
        }

        _ = fusion.Flush();
        while (fusion.TryTakeFix(out _))
        {
        }
    }

    private static void FixBatchDecode(byte[] input)
    {
        long reference = input.Length >= 8 ? BinaryPrimitives.ReadInt64LittleEndian(input) : 0;
        FixBatch batch;
        try
        {
            batch = FixBatch.Parser.ParseFrom(input.AsSpan(Math.Min(8, input.Length)));
        }
        catch (InvalidProtocolBufferException)
        {
            return; // protobuf's own contract for malformed bytes; the consumer counts it
        }

        var fixes = new List<GnssFix>();
        bool ok = FixBatchCodec.TryDecode(batch, reference, fixes, out string? error);
        if (ok != (error == null) || (ok && fixes.Count != (int)batch.Count))
        {
            throw new FuzzInvariantException($"TryDecode returned {ok} with error '{error}' and {fixes.Count} fixes for a batch of {batch.Count}");
        }
    }

    private static readonly string QueueDirectory = Path.Combine(
        Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"edgesdk-fuzz-queue-{Environment.ProcessId}");

    // Input layout: [u8 n][n bytes state.a][u8 m][m bytes state.b][rest: segment 00000000000000000001.seg].
    private static void Queue(byte[] input) => Queue(input, fixCrcs: false);

    private static void QueueWithValidCrcs(byte[] input) => Queue(input, fixCrcs: true);

    private static void Queue(byte[] input, bool fixCrcs)
    {
        if (Directory.Exists(QueueDirectory))
        {
            Directory.Delete(QueueDirectory, recursive: true);
        }

        Directory.CreateDirectory(QueueDirectory);
        ReadOnlySpan<byte> rest = input;
        byte[] stateA = TakePart(ref rest).ToArray(), stateB = TakePart(ref rest).ToArray(), segment = rest.ToArray();
        if (fixCrcs)
        {
            FixCrcs(stateA, stateB, segment);
        }

        File.WriteAllBytes(Path.Combine(QueueDirectory, "state.a"), stateA);
        File.WriteAllBytes(Path.Combine(QueueDirectory, "state.b"), stateB);
        File.WriteAllBytes(Path.Combine(QueueDirectory, "00000000000000000001.seg"), segment);
        var options = new DurableQueueOptions
        {
            Directory = QueueDirectory, Capacity = 8, RecordsPerSegment = 4, MaxRecordBytes = 256, FsyncInterval = TimeSpan.Zero,
        };
        byte[] marker = [0xED, 0x6E, (byte)input.Length];
        long appended;
        using (DurableQueue queue = DurableQueue.Open(options))
        {
            IReadOnlyList<QueuedRecord> records = queue.Peek(100);
            if (records.Count != queue.Count)
            {
                throw new FuzzInvariantException($"Peek gave {records.Count} records, Count says {queue.Count}");
            }

            if (records.Count > 0)
            {
                queue.Remove(records[0].Sequence);
            }

            if (queue.NextSequence == long.MaxValue)
            {
                // A crafted state or record left no number to give: the append must be refused (its documented
                // IOException), not wrap to a negative number that the next open takes as acknowledged.
                try
                {
                    queue.Append(marker);
                }
                catch (IOException ex) when (ex.Message.Contains("numbering is exhausted", StringComparison.Ordinal))
                {
                    return;
                }

                throw new FuzzInvariantException("an append with the numbering at long.MaxValue was not refused");
            }

            appended = queue.Append(marker);
        }

        using (DurableQueue queue = DurableQueue.Open(options))
        {
            IReadOnlyList<QueuedRecord> records = queue.Peek(100);
            if (records.Count == 0 || records[^1].Sequence != appended || !records[^1].Payload.AsSpan().SequenceEqual(marker))
            {
                throw new FuzzInvariantException($"the record appended as {appended} is not the last after reopening ({records.Count} records)");
            }
        }
    }

    // The layouts of DurableQueue's doc comment: state [EDS2][5 x u64][u32 CRC-32 of the 44 bytes before];
    // segment [EDQ2][u64 instance] then records [u32 length][u32 CRC-32 of sequence and payload][u64 sequence][payload].
    private static void FixCrcs(byte[] stateA, byte[] stateB, byte[] segment)
    {
        foreach (byte[] state in new[] { stateA, stateB })
        {
            if (state.Length == 48)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(state.AsSpan(44), System.IO.Hashing.Crc32.HashToUInt32(state.AsSpan(0, 44)));
            }
        }

        int position = 12;
        while (position + 16 <= segment.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32LittleEndian(segment.AsSpan(position));
            if (length > (uint)(segment.Length - position - 16))
            {
                break;
            }

            BinaryPrimitives.WriteUInt32LittleEndian(segment.AsSpan(position + 4), System.IO.Hashing.Crc32.HashToUInt32(segment.AsSpan(position + 8, 8 + (int)length)));
            position += 16 + (int)length;
        }
    }

    private static ReadOnlySpan<byte> TakePart(ref ReadOnlySpan<byte> rest)
    {
        if (rest.IsEmpty)
        {
            return rest;
        }

        int n = Math.Min(rest[0], rest.Length - 1);
        ReadOnlySpan<byte> part = rest.Slice(1, n);
        rest = rest[(1 + n)..];
        return part;
    }

    private static readonly Lazy<GpsdServer> Server = new(() =>
    {
        var server = new GpsdServer(new IPEndPoint(IPAddress.Loopback, 0), "/dev/fuzz");
        server.Start();
        return server;
    });

    private static long _gpsdInputs;

    private static void Gpsd(byte[] input)
    {
        // A command after the input (after a newline, which ends any line the server is skipping) must be answered:
        // a session that died on the input, or a server that stopped accepting, never answers it.
        string marker = $"ZZEND{Interlocked.Increment(ref _gpsdInputs)}";
        using var client = new TcpClient();
        client.Connect(Server.Value.LocalEndpoint);
        client.ReceiveTimeout = 10_000;
        client.SendTimeout = 10_000;
        NetworkStream stream = client.GetStream();
        stream.Write(input);
        stream.Write(Encoding.ASCII.GetBytes($"\n?{marker};\n"));
        client.Client.Shutdown(SocketShutdown.Send);
        using var answer = new MemoryStream();
        try
        {
            stream.CopyTo(answer);
        }
        catch (IOException ex)
        {
            throw new FuzzInvariantException($"the server did not close the session within 10 s: {ex.Message}");
        }

        string text = Encoding.ASCII.GetString(answer.ToArray());
        if (!text.Contains($"Unrecognized request '{marker}'", StringComparison.Ordinal))
        {
            throw new FuzzInvariantException($"the server did not answer the command after the input; it sent {text.Length} characters");
        }
    }

    private static void Dbc(byte[] input)
    {
        bool ok = DbcParser.TryParse(Encoding.UTF8.GetString(input), "fuzz.dbc", out DbcDatabase? database, out DbcDiagnostic? error);
        if (ok != (database != null) || ok == (error != null))
        {
            throw new FuzzInvariantException($"TryParse returned {ok} with database {database != null} and diagnostic {error != null}");
        }
    }

    private static void Candump(byte[] input)
    {
        string text = Encoding.Latin1.GetString(input);
        foreach (string line in text.Split('\n'))
        {
            if (CandumpFormat.TryParseLine(line, out CanFrame frame) != CandumpLineStatus.Frame)
            {
                continue;
            }

            string formatted = CandumpFormat.FormatLine(frame);
            if (CandumpFormat.TryParseLine(formatted, out CanFrame again) != CandumpLineStatus.Frame
                || again.Id != frame.Id || again.IsExtended != frame.IsExtended || again.IsFd != frame.IsFd || again.IsRemote != frame.IsRemote
                || again.TimestampMicroseconds != frame.TimestampMicroseconds || again.Channel != frame.Channel
                || !again.Data.AsSpan().SequenceEqual(frame.Data))
            {
                throw new FuzzInvariantException($"'{line.Trim()}' parsed, formatted as '{formatted}', which does not parse back the same");
            }
        }

        var source = new CandumpFileSource(new MemoryStream(input));
        Task.Run(async () =>
        {
            await foreach (CanFrame _ in source.ReadFramesAsync().ConfigureAwait(false))
            {
            }
        }).GetAwaiter().GetResult();
    }

    private static void Jt808(byte[] input)
    {
        var reader = new Jt808FrameReader();
        var codec = new Jt808Codec { StrictEscapes = input.Length > 0 && (input[0] & 1) == 0, VerifyChecksum = input.Length > 0 && (input[0] & 2) == 0 };
        var assembler = new Jt808SubpackageAssembler(4, 16);
        int offset = 0;
        while (offset < input.Length)
        {
            int used = reader.Feed(input, offset, input.Length - offset);
            if (used <= 0 && !reader.HasFrame)
            {
                throw new FuzzInvariantException($"Feed consumed {used} bytes at offset {offset} of {input.Length} without a frame");
            }

            offset += used;
            if (!reader.HasFrame)
            {
                continue;
            }

            if (codec.TryDecode(reader.Frame, 0, reader.FrameLength, out Jt808Message message) != Jt808DecodeResult.Ok)
            {
                continue;
            }

            if (message.Header.IsSubpackage)
            {
                _ = assembler.TryAdd(message, out _);
            }

            _ = codec.TryEncode(message, out _);
        }
    }

    private static void Rdss(byte[] input)
    {
        var parser = new RdssParser(new NmeaReader(4096) { ChecksumPolicy = input.Length > 0 && input[0] % 2 == 1 ? NmeaChecksumPolicy.Ignored : NmeaChecksumPolicy.CheckedWhenPresent });
        var codec = new RdssPositionCodec();
        var fixes = new RdssPositionFix[RdssPositionCodec.MaxFixes];
        parser.Feed(input, 0, input.Length);
        parser.Complete();
        while (parser.Read() != NmeaSentenceType.None)
        {
            if (parser.CurrentKind == RdssSentenceKind.Tci)
            {
                Decode(parser.Tci.Payload.Bytes, parser.Tci.Payload.Length);
            }
        }

        Decode(input, input.Length);

        void Decode(byte[] data, int length)
        {
            RdssCodecResult result = codec.TryDecode(data, 0, length, fixes, out int count);
            if (count < 0 || count > fixes.Length || (result != RdssCodecResult.Ok && count != 0))
            {
                throw new FuzzInvariantException($"TryDecode returned {result} with {count} fixes");
            }
        }
    }

    // The first byte's top bits pick the checksum policy (mutated sentences rarely keep a valid checksum, so without
    // Ignored the decoders behind it would see little) and whether comment lines are skipped.
    private static NmeaReader Reader(byte[] input)
    {
        int settings = input.Length == 0 ? 0 : input[0] >> 5;
        return new NmeaReader
        {
            ChecksumPolicy = (settings & 3) switch { 1 => NmeaChecksumPolicy.Required, 2 or 3 => NmeaChecksumPolicy.Ignored, _ => NmeaChecksumPolicy.CheckedWhenPresent },
            SkipCommentLines = (settings & 4) != 0,
        };
    }

    // The first byte picks the chunk size (1..256), so lines and binary frames split across Feed calls are covered.
    private static void FeedInChunks(byte[] input, Action<byte[], int, int> feed, Action drain)
    {
        int chunk = input.Length == 0 ? 1 : input[0] + 1;
        for (int offset = 0; offset < input.Length; offset += chunk)
        {
            feed(input, offset, Math.Min(chunk, input.Length - offset));
            drain();
        }
    }
}
