using System.Data.Common;
using System.Net.Sockets;
using System.Text.Json;
using EdgeSdk.Gnss;
using EdgeSdk.Telemetry;
using Npgsql;
using NpgsqlTypes;

namespace EdgeSdk.Fleet;

/// <summary>
/// The fleet platform store in PostgreSQL with PostGIS: idempotent writes of received fix batches and device
/// events, and the queries a platform needs. Thread-safe; each call takes a pooled connection.
/// </summary>
public sealed class FleetStore : IAsyncDisposable
{
    // One statement per table; arrays in, unnest out, so a batch is one round trip. ORDER BY the key makes
    // concurrent consumers lock rows in the same order (no deadlocks); ON CONFLICT DO NOTHING makes copies no-ops.
    private const string InsertFixes = $"""
        INSERT INTO fleet_fix (fleet, device, queue_instance, sequence, time_utc, sent_utc, mode, position,
                               altitude_msl_m, speed_mps, course_deg, satellites_used, path)
        SELECT f, d, q, s, t, st, m, {PointOfRow}, alt, spd, crs, sat, $14
        FROM {FixRowsTable}
        ORDER BY f, d, q, s
        ON CONFLICT DO NOTHING
        """;

    // The fix rows a statement takes as arrays ($1..$13, FleetFixRows), and the position column made of a row.
    private const string FixRowsTable = """
        unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::timestamptz[], $6::timestamptz[], $7::smallint[],
               $8::float8[], $9::float8[], $10::float8[], $11::float8[], $12::float8[], $13::smallint[])
             AS u(f, d, q, s, t, st, m, lat, lon, alt, spd, crs, sat)
        """;

    private const string PointOfRow = "CASE WHEN lat IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography END";

    // Run after InsertFixes in the same transaction: MQTT copies of fixes stored by satellite (which the insert
    // skipped on the instance-tag index) replace them in place, full instance and full resolution; never a second row.
    private const string UpgradeSatelliteFixes = $"""
        UPDATE fleet_fix AS x
        SET queue_instance = u.q, path = 'upgraded', upgraded_utc = clock_timestamp(), time_utc = u.t, sent_utc = u.st, mode = u.m,
            position = {PointOfRow}, altitude_msl_m = u.alt, speed_mps = u.spd, course_deg = u.crs, satellites_used = u.sat
        FROM {FixRowsTable}
        WHERE x.path = 'satellite' AND x.fleet = u.f AND x.device = u.d AND x.sequence = u.s
          AND (x.queue_instance & 4294967295) = (u.q & 4294967295)
        """;

    // A satellite report carries the low 32 bits of the queue instance: the full instance is taken from the device's
    // MQTT rows when there are any, so both paths' rows share it; else the tag stands in until the upgrade.
    private const string ResolveQueueInstance = """
        SELECT coalesce((SELECT queue_instance FROM fleet_fix
                         WHERE fleet = $1 AND device = $2 AND (queue_instance & 4294967295) = $3 AND queue_instance <> $3 LIMIT 1), $3)
        """;

    private const string InsertEvents = """
        INSERT INTO fleet_event (fleet, device, queue_instance, sequence, sent_utc, kind, count, detail)
        SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::timestamptz[], $6::text[], $7::bigint[], $8::text[])
                      AS u(f, d, q, s, st, k, c, dt)
        ORDER BY f, d, q, s
        ON CONFLICT DO NOTHING
        """;

    private const string LastPositions = """
        SELECT DISTINCT ON (fleet, device) fleet, device, time_utc, ST_Y(position::geometry), ST_X(position::geometry), speed_mps
        FROM fleet_fix
        WHERE position IS NOT NULL AND ($1::text IS NULL OR fleet = $1)
        ORDER BY fleet, device, time_utc DESC, sequence DESC
        """;

    private readonly NpgsqlDataSource _dataSource;

    private FleetStore(NpgsqlDataSource dataSource, string description)
    {
        _dataSource = dataSource;
        Description = description;
    }

    /// <summary>Where the store is, for messages: host, port and database, never the password.</summary>
    public string Description { get; }

    /// <summary>
    /// Connects and applies the schema migrations the database lacks (creating the PostGIS extension needs a
    /// role that may, e.g. the database owner with PostGIS installed).
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string, e.g. <c>Host=127.0.0.1;Port=5432;Database=fleet;Username=fleet</c>.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    /// <exception cref="ArgumentException">The connection string does not parse.</exception>
    /// <exception cref="IOException">The database cannot be reached or refused us; the message names it.</exception>
    public static async Task<FleetStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"the database connection string does not parse ({ex.Message}); give Host=...;Port=...;Database=...;Username=...", ex);
        }

        string description = $"{builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username}";
        NpgsqlDataSource dataSource = NpgsqlDataSource.Create(builder);
        try
        {
            await FleetSchema.MigrateAsync(dataSource, cancellationToken).ConfigureAwait(false);
            return new FleetStore(dataSource, description);
        }
        catch (Exception ex) when (IsUnavailable(ex))
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            string reason = ex.InnerException is SocketException socket ? $"{ex.Message} ({socket.Message})" : ex.Message;
            throw new IOException($"the database at {description} cannot be used: {reason}; is PostgreSQL running there, and is --db right?", ex);
        }
    }

    /// <summary>True for the failures a retry can cure: connection refused or lost, timeouts, server shutting down, deadlocks.</summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is NpgsqlException or SocketException or TimeoutException or IOException or DbException;

    /// <summary>The schema version the database is at (the highest applied migration).</summary>
    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken = default)
    {
        await using NpgsqlCommand command = _dataSource.CreateCommand("SELECT coalesce(max(version), 0) FROM fleet_schema_version");
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Writes the messages' fixes and events in one transaction; what is already stored is skipped, so a
    /// retry or a redelivery is harmless. Returns only after the commit.
    /// </summary>
    /// <exception cref="NpgsqlException">The database failed; nothing of this call was committed.</exception>
    public async Task<FleetWriteResult> WriteAsync(IReadOnlyList<ReceivedMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        int fixCount = messages.Sum(m => m.Fixes.Count);
        var rows = new FleetFixRows(fixCount);
        var events = messages.Where(m => m.Event is not null).ToArray();
        foreach (ReceivedMessage message in messages)
        {
            foreach (ReceivedFix received in message.Fixes)
            {
                rows.Add(received.Fleet, received.DeviceId, unchecked((long)message.QueueInstance), received.Sequence, received.SentUtc, received.ToGnssFix());
            }
        }

        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long fixesInserted = 0, fixesUpgraded = 0, eventsInserted = 0;
        if (fixCount > 0)
        {
            fixesInserted = await InsertFixRowsAsync(connection, transaction, rows, "mqtt", cancellationToken).ConfigureAwait(false);
            await using NpgsqlCommand upgrade = new(UpgradeSatelliteFixes, connection, transaction);
            rows.AddParametersTo(upgrade);
            fixesUpgraded = await upgrade.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (events.Length > 0)
        {
            await using NpgsqlCommand command = new(InsertEvents, connection, transaction);
            foreach (object values in new object[]
            {
                events.Select(m => m.Fleet).ToArray(), events.Select(m => m.DeviceId).ToArray(),
                events.Select(m => unchecked((long)m.QueueInstance)).ToArray(), events.Select(m => m.Sequence).ToArray(),
                events.Select(m => m.SentUtc).ToArray(), events.Select(m => m.Event!.Kind.ToString()).ToArray(),
                events.Select(m => m.Event!.Count).ToArray(), events.Select(m => m.Event!.Detail).ToArray(),
            })
            {
                command.Parameters.Add(new NpgsqlParameter { Value = values });
            }

            eventsInserted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new FleetWriteResult(fixesInserted, fixCount - fixesInserted - fixesUpgraded, eventsInserted) { FixesUpgraded = fixesUpgraded };
    }

    /// <summary>
    /// Writes fixes that came by BeiDou short message (decoded by the platform's RDSS forwarder) as path
    /// <c>satellite</c>, in one transaction. A fix already stored by either path, matched on (fleet, device, the
    /// queue instance's low 32 bits, sequence), is skipped; when its MQTT copy arrives later, <see cref="WriteAsync"/>
    /// upgrades the row in place. Sequence numbers below 1 cannot be matched and are skipped (counted as already stored).
    /// </summary>
    /// <param name="fleet">The device's fleet.</param>
    /// <param name="deviceId">The device.</param>
    /// <param name="queueInstanceTag">The low 32 bits of the device's queue instance, as the report carries it.</param>
    /// <param name="fixes">The fixes with the device's sequence numbers.</param>
    /// <param name="receivedUtc">When the platform received them (stored as the rows' sent time).</param>
    /// <param name="cancellationToken">Cancels the write; nothing is committed then.</param>
    /// <exception cref="NpgsqlException">The database failed; nothing of this call was committed.</exception>
    public async Task<FleetWriteResult> WriteSatelliteFixesAsync(string fleet, string deviceId, uint queueInstanceTag, IReadOnlyList<SequencedFix> fixes,
        DateTime receivedUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(fixes);
        SequencedFix[] usable = fixes.Where(f => f.Sequence >= 1).ToArray();
        if (usable.Length == 0)
        {
            return new FleetWriteResult(0, fixes.Count, 0);
        }

        await using NpgsqlConnection connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long instance;
        await using (NpgsqlCommand resolve = new(ResolveQueueInstance, connection, transaction))
        {
            resolve.Parameters.Add(new NpgsqlParameter { Value = fleet });
            resolve.Parameters.Add(new NpgsqlParameter { Value = deviceId });
            resolve.Parameters.Add(new NpgsqlParameter { Value = (long)queueInstanceTag });
            instance = (long)(await resolve.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        var rows = new FleetFixRows(usable.Length);
        foreach (SequencedFix fix in usable)
        {
            rows.Add(fleet, deviceId, instance, fix.Sequence, DateTime.SpecifyKind(receivedUtc, DateTimeKind.Utc), fix.Fix);
        }

        long inserted = await InsertFixRowsAsync(connection, transaction, rows, "satellite", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new FleetWriteResult(inserted, fixes.Count - inserted, 0);
    }

    /// <summary>Stored fix rows by path (<c>mqtt</c>, <c>satellite</c>, <c>upgraded</c>), of one fleet or all (null); paths without rows are left out.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountFixesByPathAsync(string? fleet = null, CancellationToken cancellationToken = default)
    {
        await using NpgsqlCommand command = _dataSource.CreateCommand("SELECT path, count(*) FROM fleet_fix WHERE $1::text IS NULL OR fleet = $1 GROUP BY path");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)fleet ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[reader.GetString(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    private static async Task<long> InsertFixRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, FleetFixRows rows, string path,
        CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = new(InsertFixes, connection, transaction);
        rows.AddParametersTo(command);
        command.Parameters.Add(new NpgsqlParameter { Value = path });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stored fix rows, of one fleet or all (null).</summary>
    public async Task<long> CountFixesAsync(string? fleet = null, CancellationToken cancellationToken = default)
    {
        await using NpgsqlCommand command = _dataSource.CreateCommand("SELECT count(*) FROM fleet_fix WHERE $1::text IS NULL OR fleet = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)fleet ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The last position of every vehicle (of one fleet, or all with null), ordered by fleet and device.</summary>
    public Task<IReadOnlyList<VehiclePosition>> LastPositionsAsync(string? fleet = null, CancellationToken cancellationToken = default) =>
        ReadPositionsAsync(LastPositions, fleet, null, cancellationToken);

    /// <summary>
    /// The vehicles whose last position lies inside a polygon (PostGIS ST_Contains, WGS 84 longitude/latitude).
    /// </summary>
    /// <param name="polygon">WKT (<c>POLYGON((lon lat, ...))</c>) or a GeoJSON geometry.</param>
    /// <param name="fleet">One fleet, or null for all.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="ArgumentException">The polygon is neither WKT nor GeoJSON.</exception>
    public async Task<IReadOnlyList<VehiclePosition>> InsideAsync(string polygon, string? fleet = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(polygon);
        string sql = $"""
            WITH area AS (
                SELECT ST_SetSRID(CASE WHEN left(ltrim($2), 1) = '{"{"}' THEN ST_GeomFromGeoJSON($2) ELSE ST_GeomFromText($2) END, 4326) AS shape),
            last AS ({LastPositions})
            SELECT last.* FROM last, area
            WHERE ST_Contains(area.shape, ST_SetSRID(ST_MakePoint(last.st_x, last.st_y), 4326))
            ORDER BY fleet, device
            """;
        try
        {
            return await ReadPositionsAsync(sql, fleet, polygon, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InternalError or PostgresErrorCodes.InvalidParameterValue or PostgresErrorCodes.InvalidTextRepresentation)
        {
            throw new ArgumentException($"the polygon is neither WKT nor GeoJSON ({ex.MessageText}); give e.g. \"POLYGON((lon lat, lon lat, lon lat, lon lat))\"", ex);
        }
    }

    /// <summary>
    /// A vehicle's track from <paramref name="fromUtc"/> (inclusive) to <paramref name="toUtc"/> (exclusive) as a
    /// GeoJSON Feature: a LineString through its fixes in time order (null geometry when there are none), with
    /// device, fleet, first and last fix time and the number of fixes as properties.
    /// </summary>
    public async Task<string> TrackGeoJsonAsync(string deviceId, DateTime fromUtc, DateTime toUtc, string? fleet = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(deviceId);
        const string sql = """
            SELECT count(*), min(time_utc), max(time_utc),
                   ST_AsGeoJSON(ST_MakeLine(position::geometry ORDER BY time_utc, sequence))
            FROM fleet_fix
            WHERE device = $1 AND ($2::text IS NULL OR fleet = $2) AND time_utc >= $3 AND time_utc < $4 AND position IS NOT NULL
            """;
        await using NpgsqlCommand command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = deviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)fleet ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc) });
        command.Parameters.Add(new NpgsqlParameter { Value = DateTime.SpecifyKind(toUtc, DateTimeKind.Utc) });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        long fixes = reader.GetInt64(0);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteStartObject("properties");
            json.WriteString("device", deviceId);
            if (fleet is not null)
            {
                json.WriteString("fleet", fleet);
            }

            json.WriteNumber("fixes", fixes);
            if (fixes > 0)
            {
                json.WriteString("first", reader.GetFieldValue<DateTime>(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteString("last", reader.GetFieldValue<DateTime>(2).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            }

            json.WriteEndObject();
            json.WritePropertyName("geometry");
            if (reader.IsDBNull(3))
            {
                json.WriteNullValue();
            }
            else
            {
                json.WriteRawValue(reader.GetString(3));
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Distance per vehicle per UTC day (geodesic, PostGIS ST_Length on geography), of one day or of all days
    /// (null), ordered by fleet, device and day.
    /// </summary>
    public async Task<IReadOnlyList<DailyDistance>> DistancePerDayAsync(DateOnly? day = null, string? fleet = null, CancellationToken cancellationToken = default)
    {
        const string sql = """
            SELECT fleet, device, (time_utc AT TIME ZONE 'UTC')::date AS day,
                   coalesce(ST_Length(ST_MakeLine(position::geometry ORDER BY time_utc, sequence)::geography), 0), count(*)
            FROM fleet_fix
            WHERE position IS NOT NULL AND ($1::text IS NULL OR fleet = $1)
              AND ($2::date IS NULL OR (time_utc >= $2::timestamp AT TIME ZONE 'UTC' AND time_utc < ($2 + 1)::timestamp AT TIME ZONE 'UTC'))
            GROUP BY fleet, device, day
            ORDER BY fleet, device, day
            """;
        await using NpgsqlCommand command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)fleet ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = day is { } d ? d : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });
        var distances = new List<DailyDistance>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            distances.Add(new DailyDistance(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetDouble(3), reader.GetInt64(4)));
        }

        return distances;
    }

    /// <summary>Closes the pooled connections.</summary>
    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<IReadOnlyList<VehiclePosition>> ReadPositionsAsync(string sql, string? fleet, string? polygon, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand command = _dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)fleet ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        if (polygon is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = polygon, NpgsqlDbType = NpgsqlDbType.Text });
        }

        var positions = new List<VehiclePosition>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            positions.Add(new VehiclePosition(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTime>(2),
                reader.GetDouble(3), reader.GetDouble(4), reader.IsDBNull(5) ? null : reader.GetDouble(5)));
        }

        return positions;
    }
}
