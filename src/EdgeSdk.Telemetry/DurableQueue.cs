using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO.Hashing;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace EdgeSdk.Telemetry;

/// <summary>
/// A bounded, durable FIFO of byte records on disk: append-only segment files, a CRC-32 per record,
/// recovery at open that skips damaged records and reports the sequence numbers they held, records removed
/// only when the caller says they were acknowledged, and drop-oldest (counted) when full. Thread-safe.
/// One queue per directory, enforced by an exclusive lock.
/// </summary>
/// <remarks>
/// <para>
/// Memory: every unacknowledged record is also kept in memory (its payload plus about 100 bytes of
/// bookkeeping), so <see cref="Peek"/> never reads the disk; the files are read back only by <see cref="Open"/>.
/// Measured: 140 bytes of managed heap per 60-byte record, 12.1 MB for a full default queue of 86,400 (README).
/// </para>
/// <para>
/// Segment file <c>{first sequence:D20}.seg</c>: <c>EDQ2</c> and the 8-byte <see cref="InstanceId"/>, then
/// records of [u32 payload length][u32 CRC-32 of sequence and payload][u64 sequence][payload], little-endian.
/// (<c>EDQ1</c> segments of older versions, without the instance, are still read.) The newest segment is
/// never deleted, so it always shows the highest sequence number used.
/// </para>
/// <para>
/// State: two copies, <c>state.a</c> and <c>state.b</c>, each [<c>EDS2</c>][u64 generation][u64 head][u64 dropped
/// total][u64 next sequence][u64 instance][u32 CRC-32]; a commit overwrites the older copy in place (no new disk
/// block is needed, so commits work on a full disk) and a torn or damaged copy leaves the other. Records below
/// the head were acknowledged or dropped. The file <c>lock</c> is held open with an exclusive lock.
/// </para>
/// <para>
/// Errors: <see cref="Append"/> throws <see cref="IOException"/> when the record cannot be stored (disk full,
/// permission, I/O error); the record then got no sequence number and left no bytes behind, and the next
/// append tries again. <see cref="Remove"/> never throws for I/O: a state commit that fails is retried at the
/// next call (a restart meanwhile only resends acknowledged records, which consumers drop as duplicates).
/// <see cref="LastError"/> says what is failing now.
/// </para>
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue; the issue and the docs call it the durable queue.")]
public sealed class DurableQueue : IDisposable
{
    private const int RecordHeaderBytes = 16;
    private const int NoSpace = 28; // ENOSPC, which .NET reports as the IOException's HResult on Unix
    private const string NoSpaceText = "no space left on device";
    private const int LegacyStateBytes = 20;
    private const int StateBytes = 44 + 4;
    private const int SegmentHeaderBytes = 12;
    private const int LegacySegmentHeaderBytes = 4;

    // The highest number a record can carry: the numbering after it (long.MaxValue) must not wrap to negative
    // numbers, which recovery would read as below every head. Only a crafted or faulty state or segment gets near it.
    private const long LastSequence = long.MaxValue - 1;
    private static readonly byte[] SegmentMagic = "EDQ2"u8.ToArray();
    private static readonly byte[] LegacySegmentMagic = "EDQ1"u8.ToArray();
    private static readonly byte[] StateMagic = "EDS2"u8.ToArray();

    private readonly DurableQueueOptions _options;
    private readonly Queue<QueuedRecord> _records = new();
    private readonly List<Segment> _segments = [];
    private readonly Lock _lock = new();
    private readonly SafeFileHandle[] _state = new SafeFileHandle[2];
    private FileStream? _lockFile;
    private SafeFileHandle? _active;
    private long _activeLength;
    private long _head;
    private long _nextSequence;
    private long _dropped;
    private long _generation;
    private long _lastFsync;
    private bool _commitPending;
    private bool _diskFull;
    private bool _disposed;
    private string? _appendError, _commitError;

    private DurableQueue(DurableQueueOptions options) => _options = options;

    /// <summary>What recovery found when the queue was opened.</summary>
    public QueueRecoveryReport Recovery { get; private set; } = new(0, 0, 0, 0);

    /// <summary>
    /// This queue's numbering epoch: a random non-zero number chosen when the directory was first used (0 for a
    /// directory created by a version without it), and chosen anew only when the numbering could not be
    /// recovered. Sequence numbers are unique per (device, instance); the publisher sends it with every batch.
    /// </summary>
    public long InstanceId { get; private set; }

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

    /// <summary>
    /// One line naming the directory and the cause when the last append or state commit failed (e.g.
    /// <c>cannot write the queue in '/var/lib/q': no space left on device</c>), or null once writes succeed again.
    /// </summary>
    public string? LastError => Volatile.Read(ref _appendError) ?? Volatile.Read(ref _commitError);

    /// <summary>
    /// Opens the queue in a directory, taking its lock and recovering what a previous process left (see
    /// <see cref="Recovery"/>).
    /// </summary>
    /// <exception cref="IOException">
    /// The directory is in use by another queue (another process, or another instance in this one), or cannot be
    /// created, read or written; the message names the directory and the cause.
    /// </exception>
    public static DurableQueue Open(DurableQueueOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.RecordsPerSegment, 1);
        var queue = new DurableQueue(options);
        try
        {
            OwnerOnlyDirectory.Create(options.Directory);
            queue.TakeLock();
            queue.Recover();
            return queue;
        }
        catch (IOException ex) when (ex.Data.Contains(typeof(DurableQueue)))
        {
            queue.Dispose();
            throw;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            queue.Dispose();
            throw Failure($"queue directory '{options.Directory}' cannot be used", ex);
        }
    }

    /// <summary>
    /// Appends a record and writes it through to the OS (fsync per <see cref="DurableQueueOptions.FsyncInterval"/>).
    /// When the queue is full the oldest record is dropped first and counted in <see cref="DroppedTotal"/>.
    /// </summary>
    /// <returns>The record's sequence number.</returns>
    /// <exception cref="IOException">
    /// The record could not be stored (disk full, permission, I/O error): it got no sequence number, nothing of it
    /// stays on disk or in memory, and nothing was dropped for it.
    /// </exception>
    public long Append(ReadOnlySpan<byte> payload)
    {
        if (payload.Length > _options.MaxRecordBytes)
        {
            throw new ArgumentException($"record of {payload.Length} bytes exceeds the queue's limit of {_options.MaxRecordBytes}", nameof(payload));
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_diskFull && !SpaceReturned())
            {
                // Disk full is a state: refuse at once instead of writing a partial record and cutting it off again.
                throw Failure($"cannot write the queue in '{_options.Directory}': {NoSpaceText}", inner: null);
            }

            long sequence = _nextSequence;
            if (sequence > LastSequence)
            {
                IOException exhausted = Failure($"cannot write the queue in '{_options.Directory}': its numbering is exhausted " +
                    "(the state or segments were written by a faulty build or altered); send what it holds, then delete the directory", inner: null);
                Volatile.Write(ref _appendError, exhausted.Message);
                throw exhausted;
            }

            var record = new byte[RecordHeaderBytes + payload.Length];
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)payload.Length);
            BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(8), sequence);
            payload.CopyTo(record.AsSpan(RecordHeaderBytes));
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), Crc32.HashToUInt32(record.AsSpan(8)));
            try
            {
                if (_active == null || _segments[^1].Count >= _options.RecordsPerSegment)
                {
                    StartSegment(sequence);
                }

                WriteRecord(record);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                IOException failure = Failure($"cannot write the queue in '{_options.Directory}'", ex);
                Volatile.Write(ref _appendError, failure.Message);
                _diskFull = ex.HResult == NoSpace;
                throw failure;
            }

            _segments[^1].Count++;
            _segments[^1].Last = sequence;
            _nextSequence = sequence + 1;
            bool dropped = false;
            while (_records.Count >= _options.Capacity)
            {
                QueuedRecord oldest = _records.Dequeue();
                _head = oldest.Sequence + 1;
                _dropped++;
                dropped = true;
            }

            _records.Enqueue(new QueuedRecord(sequence, payload.ToArray(), Stopwatch.GetTimestamp()));
            Volatile.Write(ref _appendError, null);
            if (dropped || _commitPending)
            {
                TryCommitHead();
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

    // The newest records below `belowSequence`, newest first, at most `max` of them (a ring over one pass: no copy of the queue).
    internal IReadOnlyList<QueuedRecord> PeekNewest(int max, long belowSequence)
    {
        if (max < 1)
        {
            return [];
        }

        var ring = new QueuedRecord[max];
        int seen = 0;
        lock (_lock)
        {
            foreach (QueuedRecord record in _records)
            {
                if (record.Sequence >= belowSequence)
                {
                    break; // sequences rise through the queue
                }

                ring[seen++ % max] = record;
            }
        }

        int n = Math.Min(seen, max);
        var newest = new QueuedRecord[n];
        for (int i = 0; i < n; i++)
        {
            newest[i] = ring[(seen - 1 - i) % max];
        }

        return newest;
    }

    /// <summary>
    /// Removes every record up to and including <paramref name="sequence"/> (they were acknowledged), persists
    /// the new head and deletes segment files that hold nothing newer. Never throws for I/O: a failed state
    /// commit is retried at the next call and shows in <see cref="LastError"/>. A number above the last one issued
    /// acknowledges everything issued so far and nothing later (later appends still get numbers above the head).
    /// </summary>
    /// <returns>How many records were removed (fewer than sent when some were dropped meanwhile).</returns>
    public int Remove(long sequence)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);

            // A head above the numbering would put the next appends below it, where the next open takes them as
            // acknowledged and drops them (and sequence + 1 would wrap at long.MaxValue).
            sequence = Math.Min(sequence, _nextSequence - 1);
            int removed = 0;
            while (_records.Count > 0 && _records.Peek().Sequence <= sequence)
            {
                _records.Dequeue();
                removed++;
            }

            if (sequence >= _head)
            {
                _head = sequence + 1;
                TryCommitHead();
            }
            else if (_commitPending)
            {
                TryCommitHead();
            }

            return removed;
        }
    }

    /// <summary>Flushes to disk, closes the files and releases the directory's lock.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            try
            {
                if (_commitPending)
                {
                    TryCommitHead();
                }

                if (_active != null)
                {
                    RandomAccess.FlushToDisk(_active);
                }
            }
            catch (IOException)
            {
                // Closing must not fail: what did not reach the disk is recovered (or reported lost) at the next open.
            }

            _active?.Dispose();
            foreach (SafeFileHandle? state in _state)
            {
                state?.Dispose();
            }

            _lockFile?.Dispose();
        }
    }

    // One exception type for every I/O failure, with the directory named; tagged so Open does not wrap it twice.
    private static IOException Failure(string what, Exception? inner)
    {
        string cause = inner switch
        {
            null => string.Empty,
            UnauthorizedAccessException => ": permission denied",
            IOException { HResult: NoSpace } => ": " + NoSpaceText,
            IOException { HResult: 30 } => ": read-only file system",
            _ => ": " + inner.Message,
        };
        var ex = new IOException(what + cause, inner);
        ex.Data[typeof(DurableQueue)] = true;
        return ex;
    }

    // After ENOSPC, writing resumes once two maximum records fit again, so a nearly full disk does not flip
    // between refusing and accepting with every record's size.
    private bool SpaceReturned()
    {
        try
        {
            _diskFull = new DriveInfo(_options.Directory).AvailableFreeSpace < 2L * Math.Max(_options.MaxRecordBytes, 4096);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            _diskFull = false; // cannot tell: try the write, which fails again if it must
        }

        return !_diskFull;
    }

    private void TakeLock()
    {
        string path = Path.Combine(_options.Directory, "lock");
        try
        {
            // FileShare.None takes flock(LOCK_EX | LOCK_NB) on Unix: a second queue, in this or another process, fails.
            _lockFile = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (ex.HResult == 11) // EWOULDBLOCK: the lock is held
        {
            throw Failure($"queue directory '{_options.Directory}' is in use by another queue (another process or publisher); " +
                "give each one its own directory", inner: null);
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
        string path = SegmentPath(firstSequence);
        var header = new byte[SegmentHeaderBytes];
        SegmentMagic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(4), InstanceId);
        SafeFileHandle handle = File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read);
        try
        {
            RandomAccess.Write(handle, header, 0);
        }
        catch
        {
            // A segment without its header would read as damage at the next open: remove it (unlink needs no space).
            handle.Dispose();
            TryDelete(path);
            throw;
        }

        _active?.Dispose();
        _active = handle;
        if (_segments.Count > 0 && _segments[^1].Path == path)
        {
            _segments.RemoveAt(_segments.Count - 1); // the same file, abandoned after a failed write and now recreated
        }

        _activeLength = SegmentHeaderBytes;
        _segments.Add(new Segment(path) { Last = firstSequence - 1 });
    }

    // Writes at the end of the active segment without a user-space buffer, so a failed write cannot be written
    // again later; on failure the partial bytes are cut off, or the segment is closed when even that fails.
    private void WriteRecord(byte[] record)
    {
        try
        {
            RandomAccess.Write(_active!, record, _activeLength);
            if (FsyncDue())
            {
                RandomAccess.FlushToDisk(_active!);
            }
        }
        catch
        {
            try
            {
                RandomAccess.SetLength(_active!, _activeLength);
            }
            catch (IOException)
            {
                // The next append starts a new segment; recovery cuts the stray bytes off this one.
                _active!.Dispose();
                _active = null;
            }

            throw;
        }

        _activeLength += record.Length;
    }

    // Persists the head (and the numbering) into the older state copy, then deletes closed segments below the
    // head. Called under the lock. A failure leaves the other copy intact and is retried at the next call.
    private void TryCommitHead()
    {
        try
        {
            WriteState();
            _commitPending = false;
            Volatile.Write(ref _commitError, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _commitPending = true;
            Volatile.Write(ref _commitError, Failure($"cannot commit the queue's state in '{_options.Directory}'", ex).Message);
            return;
        }

        while (_segments.Count > 1 && _segments[0].Last < _head)
        {
            TryDelete(_segments[0].Path);
            _segments.RemoveAt(0);
        }
    }

    private void WriteState()
    {
        long generation = _generation + 1;
        var state = new byte[StateBytes];
        StateMagic.CopyTo(state, 0);
        BinaryPrimitives.WriteInt64LittleEndian(state.AsSpan(4), generation);
        BinaryPrimitives.WriteInt64LittleEndian(state.AsSpan(12), _head);
        BinaryPrimitives.WriteInt64LittleEndian(state.AsSpan(20), _dropped);
        BinaryPrimitives.WriteInt64LittleEndian(state.AsSpan(28), _nextSequence);
        BinaryPrimitives.WriteInt64LittleEndian(state.AsSpan(36), InstanceId);
        BinaryPrimitives.WriteUInt32LittleEndian(state.AsSpan(44), Crc32.HashToUInt32(state.AsSpan(0, 44)));
        SafeFileHandle copy = _state[generation & 1];
        RandomAccess.Write(copy, state, 0);
        if (FsyncDue())
        {
            RandomAccess.FlushToDisk(copy);
        }

        _generation = generation;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left behind: recovery deletes acknowledged segments again at the next open.
        }
    }

    private string SegmentPath(long firstSequence) =>
        Path.Combine(_options.Directory, firstSequence.ToString("D20", CultureInfo.InvariantCulture) + ".seg");

    private void Recover()
    {
        // State: the valid copy with the highest generation; a legacy single 'state' file otherwise.
        bool stateValid = false, stateSeen = false;
        long stateNext = 0;
        int rejected = 0;
        for (int i = 0; i < 2; i++)
        {
            string path = Path.Combine(_options.Directory, i == 0 ? "state.a" : "state.b");
            stateSeen |= File.Exists(path);
            _state[i] = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
            var bytes = new byte[StateBytes];
            if (RandomAccess.Read(_state[i], bytes, 0) == StateBytes && bytes.AsSpan(0, 4).SequenceEqual(StateMagic)
                && Crc32.HashToUInt32(bytes.AsSpan(0, 44)) == BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(44)))
            {
                long generation = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(4));
                long head = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12));
                long dropped = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(20));
                long next = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(28));
                if (!PlausibleState(generation, head, dropped, next))
                {
                    rejected++;
                }
                else if (!stateValid || generation > _generation)
                {
                    _generation = generation;
                    _head = head;
                    _dropped = dropped;
                    stateNext = next;
                    InstanceId = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(36));
                    stateValid = true;
                }
            }
        }

        string legacyPath = Path.Combine(_options.Directory, "state");
        if (!stateValid && File.Exists(legacyPath))
        {
            stateSeen = true;
            byte[] state = File.ReadAllBytes(legacyPath);
            if (state.Length == LegacyStateBytes && Crc32.HashToUInt32(state.AsSpan(0, 16)) == BinaryPrimitives.ReadUInt32LittleEndian(state.AsSpan(16)))
            {
                long head = BinaryPrimitives.ReadInt64LittleEndian(state);
                long dropped = BinaryPrimitives.ReadInt64LittleEndian(state.AsSpan(8));
                if (PlausibleState(generation: 1, head, dropped, next: Math.Max(head, 1)))
                {
                    _head = head;
                    _dropped = dropped;
                    stateNext = Math.Max(head, 1);
                    stateValid = true; // instance 0: the numbering of a directory from before instances existed
                }
                else
                {
                    rejected++;
                }
            }
        }

        // Segments, oldest first. 'expected' is the next sequence number the files should hold; a valid record
        // above it after damage proves the numbers in between were lost.
        var segments = new List<(string Path, long First)>();
        foreach (string path in Directory.GetFiles(_options.Directory, "*.seg"))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(path), NumberStyles.None, CultureInfo.InvariantCulture, out long first))
            {
                segments.Add((path, first));
            }
        }

        segments.Sort((a, b) => a.First.CompareTo(b.First));
        var lost = new List<SequenceRange>();
        long? instanceFromSegments = null;
        long highest = 0; // highest sequence number proven used (0: none)
        long expected = stateValid ? Math.Max(_head, 1) : (segments.Count > 0 ? segments[0].First : 1);
        int corrupt = 0;
        long cutBytes = 0;
        bool damagedSinceGood = false, newestTailDamaged = false;
        var damaged = new List<(string Path, byte[] Bytes, SegmentScan Scan)>();
        for (int s = 0; s < segments.Count; s++)
        {
            (string path, long first) = segments[s];
            highest = Math.Max(highest, first - 1);
            if (first > expected && damagedSinceGood)
            {
                AddLost(lost, expected, first - 1);
            }

            expected = Math.Max(expected, first);
            byte[] bytes = File.ReadAllBytes(path);
            var scan = new SegmentScan(bytes, _options.MaxRecordBytes);
            if (scan.Instance is { } instance)
            {
                instanceFromSegments = instance;
            }

            long lastInFile = -1;
            foreach ((long sequence, int offset, int length, bool afterDamage) in scan.Records)
            {
                if (sequence < expected)
                {
                    continue; // an older copy (cannot happen in files this version wrote); never numbers going back
                }

                if (sequence > expected && afterDamage)
                {
                    AddLost(lost, expected, sequence - 1);
                }

                if (sequence >= _head)
                {
                    _records.Enqueue(new QueuedRecord(sequence, bytes.AsSpan(offset, length).ToArray(), 0));
                }

                expected = sequence + 1;
                lastInFile = sequence;
                highest = Math.Max(highest, sequence);
            }

            damagedSinceGood = scan.TailDamaged;
            corrupt += scan.DamagedRegions;
            cutBytes += scan.DamagedBytes;
            bool newest = s == segments.Count - 1;
            newestTailDamaged = newest && scan.TailDamaged;
            if (!newest && lastInFile < _head && (lastInFile >= 0 || scan.DamagedRegions == 0))
            {
                TryDelete(path); // acknowledged entirely; the newest segment stays as the record of the numbering
                continue;
            }

            if (scan.DamagedRegions > 0)
            {
                damaged.Add((path, bytes, scan));
            }

            _segments.Add(new Segment(path) { Last = Math.Max(lastInFile, first - 1), Count = _options.RecordsPerSegment });
        }

        if (damagedSinceGood && stateValid && stateNext > expected)
        {
            AddLost(lost, expected, stateNext - 1); // the damaged tail held records the state knows were appended
        }

        highest = Math.Max(highest, (stateValid ? stateNext : 1) - 1);
        // The numbering is proven when the state is valid, or when the newest segment ends cleanly (its last
        // record is the last number used). Otherwise a new instance: reusing (instance, sequence) would be silent loss.
        bool numberingProven = stateValid || (segments.Count > 0 && !newestTailDamaged);
        bool fresh = !stateSeen && segments.Count == 0;
        bool newInstance = false;
        if (!stateValid)
        {
            if (!fresh && numberingProven && instanceFromSegments is { } known)
            {
                InstanceId = known;
            }
            else
            {
                InstanceId = NewInstanceId();
                newInstance = !fresh;
            }

            _head = _records.Count > 0 ? _records.Peek().Sequence : highest + 1;
        }

        // A head above every number issued (a state copy damaged in a way its CRC does not catch; found by fuzzing)
        // must not make new records land below it, where the next open would take them as acknowledged and drop
        // them; numbering continues from it rather than reusing numbers a consumer may already have seen.
        // highest + 1 cannot wrap: records carry at most LastSequence and a plausible state's next is at least 1.
        bool raisedToHead = _head > Math.Max(highest + 1, 1);
        _nextSequence = Math.Max(Math.Max(highest + 1, 1), _head);
        _head = Math.Max(_head, _records.Count > 0 ? _records.Peek().Sequence : _nextSequence);
        foreach ((string path, byte[] bytes, SegmentScan scan) in damaged)
        {
            RewriteWithoutDamage(path, bytes, scan);
        }

        Recovery = new QueueRecoveryReport(segments.Count, _records.Count, corrupt, cutBytes)
        {
            LostSequences = lost,
            StateDamaged = stateSeen && !stateValid,
            NewInstance = newInstance,
            StateCopiesRejected = rejected,
            NumberingRaisedToHead = raisedToHead,
        };
        while (_records.Count > _options.Capacity)
        {
            // The head moves past a dropped record, as in Append, so the next open neither resends nor counts it again.
            _head = _records.Dequeue().Sequence + 1;
            _dropped++;
        }

        // Persist at once, into both copies: it proves the directory is writable now (a read-only one fails here,
        // not at the first fix), records the instance, gives both copies their disk blocks (so later in-place
        // commits need no new space), and retires a legacy state file.
        WriteState();
        WriteState();
        TryDelete(legacyPath);
    }

    // A state copy with a valid CRC can still hold numbers no build of this queue writes (a faulty writer, or
    // tampering): a negative head or dropped total, a next sequence below 1 (next - 1 would wrap at long.MinValue
    // and make every number look used), or a generation that cannot be raised again. Such a copy is rejected like a
    // damaged one (counted in the report), so the other copy or the segments decide. A head above next is not
    // rejected: recovery continues the numbering from the head (see Recover).
    private static bool PlausibleState(long generation, long head, long dropped, long next) =>
        generation is > 0 and < long.MaxValue && head >= 0 && dropped >= 0 && next >= 1;

    // Lost ranges count only records not yet acknowledged (at or above the head).
    private void AddLost(List<SequenceRange> lost, long first, long last)
    {
        first = Math.Max(first, _head);
        if (last >= first)
        {
            lost.Add(new SequenceRange(first, last));
        }
    }

    // An instance ID tells this queue's numbering from another's of the same device; it is not a secret (it travels in
    // every message), so it needs the OS's randomness but not RandomNumberGenerator, whose first use maps OpenSSL
    // (3.7 MB of a NativeAOT tracker's RSS when nothing else, such as TLS, needs it). Random.Shared is seeded from the
    // OS (arc4random or /dev/urandom).
    private static long NewInstanceId()
    {
        Span<byte> bytes = stackalloc byte[8];
        long id;
        do
        {
            Random.Shared.NextBytes(bytes);
            id = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        }
        while (id == 0);
        return id;
    }

    // Rewrites a damaged segment with only its valid records (temporary file, rename), so the damage is reported
    // once. When that fails (disk full) the file stays as it is and the next open reports it again.
    private void RewriteWithoutDamage(string path, byte[] bytes, SegmentScan scan)
    {
        string temporary = path + ".tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            {
                if (scan.HeaderBytes > 0)
                {
                    file.Write(bytes, 0, scan.HeaderBytes);
                }
                else
                {
                    // The header was the damage: write this queue's (the records' instance is this one, or unknown).
                    var header = new byte[SegmentHeaderBytes];
                    SegmentMagic.CopyTo(header, 0);
                    BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(4), InstanceId);
                    file.Write(header);
                }

                foreach ((_, int offset, int length, _) in scan.Records)
                {
                    file.Write(bytes, offset - RecordHeaderBytes, length + RecordHeaderBytes);
                }

                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
        }
    }

    // Reads one segment: its header, then records; at a record whose length or CRC is wrong it searches forward,
    // byte by byte, for the next offset where a whole record with a valid CRC starts (a false match needs a
    // 32-bit CRC collision) and counts what it skipped as one damaged region.
    private sealed class SegmentScan
    {
        private readonly int _maxRecordBytes;

        public SegmentScan(byte[] bytes, int maxRecordBytes)
        {
            _maxRecordBytes = maxRecordBytes;
            Run(bytes);
        }

        public List<(long Sequence, int PayloadOffset, int PayloadLength, bool AfterDamage)> Records { get; } = [];

        public long? Instance { get; private set; }

        public int HeaderBytes { get; private set; }

        public int DamagedRegions { get; private set; }

        public long DamagedBytes { get; private set; }

        public bool TailDamaged { get; private set; }

        private void Run(byte[] bytes)
        {
            int position;
            if (bytes.Length >= SegmentHeaderBytes && bytes.AsSpan(0, 4).SequenceEqual(SegmentMagic))
            {
                Instance = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(4));
                position = HeaderBytes = SegmentHeaderBytes;
            }
            else if (bytes.Length >= LegacySegmentHeaderBytes && bytes.AsSpan(0, 4).SequenceEqual(LegacySegmentMagic))
            {
                Instance = 0;
                position = HeaderBytes = LegacySegmentHeaderBytes;
            }
            else
            {
                // The header itself is damaged: keep a fresh one and look for records after it.
                HeaderBytes = 0;
                position = 0;
                if (bytes.Length > 0)
                {
                    DamagedRegions++;
                }
            }

            bool afterDamage = HeaderBytes == 0 && bytes.Length > 0;
            long damageStart = afterDamage ? 0 : -1;
            while (position < bytes.Length)
            {
                if (TryRecordAt(bytes, position, out long sequence, out int length))
                {
                    if (damageStart >= 0)
                    {
                        DamagedBytes += position - damageStart;
                        damageStart = -1;
                    }

                    Records.Add((sequence, position + RecordHeaderBytes, length, afterDamage));
                    afterDamage = false;
                    position += RecordHeaderBytes + length;
                    continue;
                }

                if (damageStart < 0)
                {
                    damageStart = position;
                    DamagedRegions++;
                    afterDamage = true;
                }

                position++;
            }

            if (damageStart >= 0)
            {
                DamagedBytes += bytes.Length - damageStart;
                TailDamaged = true;
            }
        }

        private bool TryRecordAt(byte[] bytes, int position, out long sequence, out int length)
        {
            sequence = 0;
            length = 0;
            if (bytes.Length - position < RecordHeaderBytes)
            {
                return false;
            }

            uint declared = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position));
            if (declared > (uint)_maxRecordBytes || declared > bytes.Length - position - RecordHeaderBytes)
            {
                return false;
            }

            length = (int)declared;
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(position + 4));
            if (Crc32.HashToUInt32(bytes.AsSpan(position + 8, 8 + length)) != crc)
            {
                return false;
            }

            sequence = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(position + 8));
            return sequence is > 0 and <= LastSequence;
        }
    }

    private sealed class Segment(string path)
    {
        public string Path { get; } = path;
        public long Last { get; set; }
        public int Count { get; set; }
    }
}
