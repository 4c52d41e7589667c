namespace EdgeSdk.Simulation.Receiver;

/// <summary>
/// The names users give the imitated receivers (<c>edgesdk sim --receiver</c>, config files): one table
/// from name to <see cref="ReceiverModel"/>, so a command line only composes it.
/// </summary>
public static class ReceiverModels
{
    private static readonly (string Name, ReceiverModel Model)[] Table =
    [
        ("casic", ReceiverModel.Casic),
        ("ublox-m9", ReceiverModel.UbloxM9),
        ("legacy-gps", ReceiverModel.LegacyGps),
    ];

    /// <summary>Every receiver name, in the table's order: <c>casic</c>, <c>ublox-m9</c>, <c>legacy-gps</c>.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(Table, e => e.Name);

    /// <summary>The names as a user reads them in a message: <c>casic, ublox-m9 or legacy-gps</c>.</summary>
    public static string NamesText => string.Join(", ", Names.Take(Names.Count - 1)) + " or " + Names[^1];

    /// <summary>The model a name stands for (exact, lower case); false for an unknown name.</summary>
    public static bool TryParse(string? name, out ReceiverModel model)
    {
        foreach ((string n, ReceiverModel m) in Table)
        {
            if (n == name)
            {
                model = m;
                return true;
            }
        }

        model = default;
        return false;
    }

    /// <summary>The name of a model, as <see cref="TryParse"/> reads it.</summary>
    public static string NameOf(ReceiverModel model)
    {
        foreach ((string n, ReceiverModel m) in Table)
        {
            if (m == model)
            {
                return n;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(model), model, "not a receiver model");
    }
}
