using System.Reflection;
using Npgsql;

namespace EdgeSdk.Fleet;

/// <summary>
/// The versioned migrations embedded from Migrations/NNNN_name.sql, applied in order in one transaction
/// together with their rows in fleet_schema_version (PostgreSQL DDL is transactional: all or nothing). A
/// transaction-scoped advisory lock makes consumers that start together apply each migration once.
/// </summary>
internal static class FleetSchema
{
    private const long MigrationLockKey = 0x45_64_67_65_46_6C_74; // "EdgeFlt": any constant shared by all consumers

    /// <summary>The embedded migrations, by version.</summary>
    public static IReadOnlyList<(int Version, string Name, string Sql)> Migrations { get; } = Load();

    /// <summary>Applies the migrations the database lacks; returns how many were applied.</summary>
    public static async Task<int> MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (NpgsqlCommand lockCommand = new($"SELECT pg_advisory_xact_lock({MigrationLockKey})", connection, transaction))
        {
            // Before anything else: even CREATE TABLE IF NOT EXISTS fails when two sessions run it at once.
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (NpgsqlCommand create = new(
            "CREATE TABLE IF NOT EXISTS fleet_schema_version (version int PRIMARY KEY, name text NOT NULL, applied_utc timestamptz NOT NULL DEFAULT now())",
            connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        int applied = 0;
        foreach ((int version, string name, string sql) in Migrations)
        {
            await using (NpgsqlCommand check = new("SELECT count(*) FROM fleet_schema_version WHERE version = $1", connection, transaction))
            {
                check.Parameters.Add(new NpgsqlParameter { Value = version });
                if ((long)(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0)
                {
                    continue; // applied earlier, or by another consumer while we waited for the lock
                }
            }

            await using (NpgsqlCommand migrate = new(sql, connection, transaction))
            {
                await migrate.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (NpgsqlCommand record = new("INSERT INTO fleet_schema_version (version, name) VALUES ($1, $2)", connection, transaction))
            {
                record.Parameters.Add(new NpgsqlParameter { Value = version });
                record.Parameters.Add(new NpgsqlParameter { Value = name });
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            applied++;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }

    private static List<(int, string, string)> Load()
    {
        const string prefix = "EdgeSdk.Fleet.Migrations.";
        Assembly assembly = typeof(FleetSchema).Assembly;
        var migrations = new List<(int, string, string)>();
        foreach (string resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            string file = resource[prefix.Length..^".sql".Length];
            int version = int.Parse(file[..file.IndexOf('_', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            migrations.Add((version, file, reader.ReadToEnd()));
        }

        return migrations;
    }
}
