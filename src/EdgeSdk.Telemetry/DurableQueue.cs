using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Hashing;

namespace EdgeSdk.Telemetry;

/// <summary>
/// A bounded, durable FIFO of byte records on disk: append-only segment files, a CRC-32 per record,
/// torn-tail recovery at open, records removed only when the caller says they were acknowledged, and
/// drop-oldest (counted) when full. Thread-safe. Records are also held in memory, so reading never
/// touches the disk; the files are only read back by <see cref="Open"/>.
/// </summary>
/// <remarks>
/// Segment file <c>{first sequence:D20}.seg</c>: the 4 bytes <c>EDQ1</c>, then records of
/// [u32 payload length][u32 CRC-32 of sequence and payload][u64 sequence][payload], little-endian.
/// The file <c>state</c> holds [u64 head sequence][u64 dropped total][u32 CRC-32]: records below the head
/// were acknowledged or dropped. It is replaced atomically (write <c>state.tmp</c>, rename).
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue; the issue and the docs call it the durable queue.")]
public sealed class DurableQueue : IDisposable
{
    private const int RecordHeaderBytes = 16;
    private const int StateBytes = 20;
    private static readonly byte[] Magic = "EDQ1"u8.ToArray();

    private readonly DurableQueueOptions _options;
    private readonly Queue<QueuedRecord> _records = new();
    private readonly List<Segment> _segments = [];
    private readonly Lock _lock = new();
    private FileStream? _active;
    private long _head;
    private long _nextSequence;
    private long _dropped;
    private long _lastFsync;
    private bool _disposed;

    private DurableQueue(DurableQueueOptions options) => _options = options;

    /// <summary>What recovery found when the queue was opened.</summary>
    public QueueRecoveryReport Recovery { get; private set; } = new(0, 0, 0, 0);

    /// <summary>Records waiting for acknowledgement.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _records.Count;
            }
        }
    }

    /// <summary>Records dropped because the queue was full, over the queue's whole life (persisted).</summary>
    public long DroppedTotal => Interlocked.Read(ref _dropped);

    /// <summary>The sequence number the next append gets.</summary>
    public long NextSequence => Interlocked.Read(ref _nextSequence);

    /// <summary>Opens the queue in a directory, recovering what a previous process left (see <see cref="Recovery"/>).</summary>
    /// <exception cref="IOException">The directory cannot be created or read.</exception>
    public static DurableQueue Open(DurableQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RecordsPerSegment, 1);
        Directory.CreateDirectory(options.Directory);
        var queue = new DurableQueue(options);
        queue.Recover();
        return queue;
    }

    /// <summary>
    /// Appends a record and writes it through to the OS (fsync per <see cref="DurableQueueOptions.FsyncInterval"/>).
    /// When the queue is full the oldest record is dropped first and counted in <see cref="DroppedTotal"/>.
    /// </summary>
    /// <returns>The record's sequence number.</returns>
    public long Append(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > _options.MaxRecordBytes)
        {
            throw new ArgumentException($"record of {payload.Length} bytes exceeds the queue's limit of {_options.MaxRecordBytes}", nameof(payload));
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            bool dropped = false;
            while (_records.Count >= _options.Capacity)
            {
                QueuedRecord oldest = _records.Dequeue();
                _head = oldest.Sequence + 1;
                _dropped++;
                dropped = true;
            }

            long sequence = _nextSequence;
            if (_active == null || _segments[^1].Count >= _options.RecordsPerSegment)
            {
                StartSegment(sequence);
            }

            var record = new byte[RecordHeaderBytes + payload.Length];
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)payload.Length);
            BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(8), sequence);
            payload.CopyTo(record.AsSpan(RecordHeaderBytes));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), Crc32.HashToUInt32(record.AsSpan(8)));
            _active!.Write(record);
            _active.Flush(flushToDisk: FsyncDue());
            _segments[^1].Count++;
            _segments[^1].Last = sequence;
            _records.Enqueue(new QueuedRecord(sequence, payload.ToArray(), Stopwatch.GetTimestamp()));
            _nextSequence = sequence + 1;
            if (dropped)
            {
                CommitHead();
            }

            return sequence;
        }
    }

    /// <summary>The oldest records, up to <paramref name="max"/>, without removing them.</summary>
    public IReadOnlyList<QueuedRecord> Peek(int max)
    {
        lock (_lock)
        {
            return _records.Take(max).ToArray();
        }
    }

    /// <summary>
    /// Removes every record up to and including <paramref name="sequence"/> (they were acknowledged), persists
    /// the new head and deletes segment files that hold nothing newer.
    /// </summary>
    /// <returns>How many records were removed (fewer than sent when some were dropped meanwhile).</returns>
    public int Remove(long sequence)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int removed = 0;
            while (_records.Count > 0 && _records.Peek().Sequence <= sequence)
            {
                _records.Dequeue();
                removed++;
            }

            if (sequence >= _head)
            {
                _head = sequence + 1;
                CommitHead();
            }

            return removed;
        }
    }

    /// <summary>Forces everything written so far to disk (fsync).</summary>
    public void Flush()
    {
        lock (_lock)
        {
            _active?.Flush(flushToDisk: true);
            _lastFsync = Stopwatch.GetTimestamp();
        }
    }

    /// <summary>Flushes to disk and closes the files.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _active?.Flush(flushToDisk: true);
            _active?.Dispose();
        }
    }

    private bool FsyncDue()
    {
        long now = Stopwatch.GetTimestamp();
        if (Stopwatch.GetElapsedTime(_lastFsync, now) < _options.FsyncInterval)
        {
            return false;
        }

        _lastFsync = now;
        return true;
    }

    private void StartSegment(long firstSequence)
    {
        _active?.Dispose();
        string path = Path.Combine(_options.Directory, $"{firstSequence:D20}.seg");
        _active = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        _active.Write(Magic);
        _segments.Add(new Segment(path) { Last = firstSequence - 1 });
    }

    // Persists the head, then deletes closed segments below it. Called under the lock.
    private void CommitHead()
    {
        var state = new byte[StateBytes];
        BinaryPrimitives.WriteInt64LittleEndian(state, _head);
        BinaryPrimitives.WriteInt64LittleEndian(state.AsSpan(8), _dropped);
        BinaryPrimitives.WriteUInt32LittleEndian(state.AsSpan(16), Crc32.HashToUInt32(state.AsSpan(0, 16)));
        string path = Path.Combine(_options.Directory, "state");
        string temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            file.Write(state);
            file.Flush(flushToDisk: FsyncDue());
        }

        File.Move(temporary, path, overwrite: true);
        while (_segments.Count > 1 && _segments[0].Last < _head)
        {
            File.Delete(_segments[0].Path);
            _segments.RemoveAt(0);
        }
    }

    private void Recover()
    {
        string statePath = Path.Combine(_options.Directory, "state");
        if (File.Exists(statePath))
        {
            byte[] state = File.ReadAllBytes(statePath);
            // A damaged state file only costs resending: the head falls back to the oldest record on disk.
            if (state.Length == StateBytes && Crc32.HashToUInt32(state.AsSpan(0, 16)) == BinaryPrimitives.ReadUInt32LittleEndian(state.AsSpan(16)))
            {
                _head = BinaryPrimitives.ReadInt64LittleEndian(state);
                _dropped = BinaryPrimitives.ReadInt64LittleEndian(state.AsSpan(8));
            }
        }

        _nextSequence = Math.Max(_head, 1);
        long next = _nextSequence;
        int segmentsRead = 0, corrupt = 0;
        long truncated = 0;
        foreach (string path in Directory.GetFiles(_options.Directory, "*.seg").Order(StringComparer.Ordinal))
        {
            segmentsRead++;
            long lastInFile = -1;
            using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
            {
                long good = ReadSegment(file, ref lastInFile);
                if (good < file.Length)
                {
                    corrupt++;
                    truncated += file.Length - good;
                    file.SetLength(good);
                }
            }

            if (lastInFile >= 0)
            {
                next = Math.Max(next, lastInFile + 1);
            }

            if (lastInFile < _head)
            {
                File.Delete(path);
            }
            else
            {
                _segments.Add(new Segment(path) { Last = lastInFile, Count = _options.RecordsPerSegment });
            }
        }

        _nextSequence = next;
        _head = Math.Max(_head, _records.Count > 0 ? _records.Peek().Sequence : next);
        Recovery = new QueueRecoveryReport(segmentsRead, _records.Count, corrupt, truncated);
        while (_records.Count > _options.Capacity)
        {
            _records.Dequeue();
            _dropped++;
        }
    }

    // Reads records until the end or the first bad one; returns the length of the good prefix.
    private long ReadSegment(FileStream file, ref long lastSequence)
    {
        var magic = new byte[Magic.Length];
        if (file.Read(magic) != Magic.Length || !magic.AsSpan().SequenceEqual(Magic))
        {
            return 0;
        }

        long good = Magic.Length;
        var header = new byte[RecordHeaderBytes];
        while (true)
        {
            if (file.ReadAtLeast(header, RecordHeaderBytes, throwOnEndOfStream: false) < RecordHeaderBytes)
            {
                return good;
            }

            uint length = BinaryPrimitives.ReadUInt32LittleEndian(header);
            if (length > _options.MaxRecordBytes)
            {
                return good;
            }

            var body = new byte[8 + length];
            header.AsSpan(8).CopyTo(body);
            if (file.ReadAtLeast(body.AsSpan(8), (int)length, throwOnEndOfStream: false) < length
                || Crc32.HashToUInt32(body) != BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)))
            {
                return good;
            }

            long sequence = BinaryPrimitives.ReadInt64LittleEndian(body);
            // Sequences only grow; anything else is a leftover and is skipped.
            if (sequence >= _head && sequence >= _nextSequence)
            {
                _records.Enqueue(new QueuedRecord(sequence, body[8..], 0));
                _nextSequence = sequence + 1;
            }

            lastSequence = Math.Max(lastSequence, sequence);
            good = file.Position;
        }
    }

    private sealed class Segment(string path)
    {
        public string Path { get; } = path;
        public long Last { get; set; }
        public int Count { get; set; }
    }
}
