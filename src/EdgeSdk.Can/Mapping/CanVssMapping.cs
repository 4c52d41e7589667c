using System.Text.Json;

namespace EdgeSdk.Can;

/// <summary>
/// Which VSS quantities travel in which CAN signals, for both directions (a simulated car encodes, a feeder
/// decodes): a JSON file <c>{"signals":[{"vss":"Vehicle.Speed","message":"ESP_21","signal":"ESP_v_Signal","intervalMs":20}, ...]}</c>
/// with optional <c>scale</c>, <c>transform</c>, <c>valueMap</c> and <c>onChange</c> per entry (see <see cref="CanVssMappingEntry"/>).
/// Checked against the DBC when loaded, so a typo is one clear error, not silently missing frames.
/// </summary>
public sealed class CanVssMapping
{
    /// <summary>The mapping entries, in file order.</summary>
    public IReadOnlyList<CanVssMappingEntry> Signals { get; init; } = [];

    /// <summary>Reads a mapping file.</summary>
    /// <param name="path">Path of the JSON file.</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid mapping; the message names the entry.</exception>
    public static CanVssMapping Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"mapping file '{path}' not found: give a JSON file {{\"signals\":[{{\"vss\":...,\"message\":...,\"signal\":...}}]}}", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses mapping JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Name used in error messages.</param>
    /// <returns>The mapping.</returns>
    /// <exception cref="InvalidDataException">Malformed JSON or an entry without vss/message/signal.</exception>
    public static CanVssMapping Parse(string json, string source = "mapping")
    {
        CanVssMappingFile? file;
        try
        {
            file = JsonSerializer.Deserialize(json, CanVssMappingJsonContext.Default.CanVssMappingFile);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a valid mapping JSON ({e.Message})", e);
        }

        if (file?.Signals is not { Length: > 0 } files)
        {
            throw new InvalidDataException($"{source}: no \"signals\" entries");
        }

        var entries = new CanVssMappingEntry[files.Length];
        for (int i = 0; i < files.Length; i++)
        {
            entries[i] = files[i]?.ToEntry() ?? throw new InvalidDataException($"{source}: entry {i + 1} is null");
        }

        var mapping = new CanVssMapping { Signals = entries };
        for (int i = 0; i < mapping.Signals.Count; i++)
        {
            CanVssMappingEntry e = mapping.Signals[i];
            if (e.Vss.Length == 0 || e.Message.Length == 0 || e.Signal.Length == 0)
            {
                throw new InvalidDataException($"{source}: entry {i + 1} needs \"vss\", \"message\" and \"signal\"");
            }

            if (e.IntervalMs < 1)
            {
                throw new InvalidDataException($"{source}: entry {i + 1} ({e.Vss}): intervalMs must be at least 1");
            }

            if (e.Scale == 0 || !double.IsFinite(e.Scale))
            {
                throw new InvalidDataException($"{source}: entry {i + 1} ({e.Vss}): scale must be a finite non-zero number");
            }

            if (e.Transform is not ("" or "abs" or "negative"))
            {
                throw new InvalidDataException($"{source}: entry {i + 1} ({e.Vss}): transform '{e.Transform}' is not abs, negative or empty");
            }
        }

        return mapping;
    }

    /// <summary>Checks every entry against a DBC and, when given, against the VSS paths the user of the mapping knows.</summary>
    /// <param name="database">The DBC.</param>
    /// <param name="source">Name used in error messages.</param>
    /// <param name="checkVss">Returns null for a known VSS path, else why it is not usable (e.g. <c>the simulated vehicle has no 'X'</c>).</param>
    /// <exception cref="InvalidDataException">An entry names an unknown quantity, message or signal.</exception>
    public void Validate(DbcDatabase database, string source = "mapping", Func<string, string?>? checkVss = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        for (int i = 0; i < Signals.Count; i++)
        {
            CanVssMappingEntry e = Signals[i];
            if (checkVss?.Invoke(e.Vss) is string problem)
            {
                throw new InvalidDataException($"{source}: entry {i + 1}: {problem}");
            }

            CanMessage? message = database.FindMessage(e.Message);
            if (message == null)
            {
                throw new InvalidDataException($"{source}: entry {i + 1} ({e.Vss}): message '{e.Message}' is not in {database.FileName}");
            }

            if (message.IndexOf(e.Signal) < 0)
            {
                throw new InvalidDataException($"{source}: entry {i + 1} ({e.Vss}): message {e.Message} has no signal '{e.Signal}'");
            }
        }
    }
}
