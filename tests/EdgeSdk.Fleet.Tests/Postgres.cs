using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace EdgeSdk.Fleet.Tests;

/// <summary>
/// A throwaway cluster of Debian's postgresql-15 (with postgresql-15-postgis-3) in a temporary directory on a
/// free 127.0.0.1 port; run as the postgres user when the tests run as root, because postgres refuses root.
/// Stopped (fast) and deleted on dispose.
/// </summary>
public sealed class Postgres : IAsyncDisposable
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private readonly string _directory;

    private Postgres()
    {
        _directory = Directory.CreateTempSubdirectory("edgesdk-postgres-").FullName;
        Port = FreePort();
    }

    public int Port { get; }

    public string DataDirectory => Path.Combine(_directory, "data");

    public static async Task<Postgres> StartAsync()
    {
        if (!File.Exists(Path.Combine(BinDirectory, "initdb")))
        {
            throw new InvalidOperationException($"{BinDirectory}/initdb is missing: apt-get install postgresql-15 postgresql-15-postgis-3");
        }

        var cluster = new Postgres();
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "-R", "postgres:postgres", cluster._directory);
        }

        await cluster.RunPostgresToolAsync("initdb", "-D", cluster.DataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
        await cluster.StartServerAsync();
        return cluster;
    }

    /// <summary>A connection string for a database of this cluster (postgres is the superuser, so it may create PostGIS).</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5;Command Timeout=60";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public Task StartServerAsync() => RunPostgresToolAsync("pg_ctl", "-D", DataDirectory, "-l", Path.Combine(_directory, "postgres.log"), "-w", "-t", "120",
        "-o", $"-p {Port} -c listen_addresses=127.0.0.1 -k {_directory}", "start");

    /// <summary>Fast shutdown: open connections are cut, as when the database server goes away.</summary>
    public Task StopAsync() => RunPostgresToolAsync("pg_ctl", "-D", DataDirectory, "-m", "fast", "-w", "-t", "120", "stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
            {
                await StopAsync();
            }
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task RunPostgresToolAsync(string tool, params string[] arguments)
    {
        string path = Path.Combine(BinDirectory, tool);
        return Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output} {await error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
