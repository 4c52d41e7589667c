namespace EdgeSdk.Vehicle;

/// <summary>
/// The permissions of one token: KUKSA's scope list, e.g. <c>"read actuate:Vehicle.Cabin.** provide:Vehicle.Speed"</c>.
/// An entry without a path applies to every signal; a path is a <see cref="VssPathPattern"/>. Actuate and provide
/// include read, as in KUKSA.
/// </summary>
public sealed class VssPermissions
{
    private readonly List<(VssAccess Access, VssPathPattern? Pattern)> _grants = [];

    private VssPermissions(string scope)
    {
        Scope = scope;
    }

    /// <summary>The scope text the permissions were read from.</summary>
    public string Scope { get; }

    /// <summary>Reads a scope list; refuses unknown verbs and malformed patterns with a reason. Never throws.</summary>
    public static bool TryParse(string scope, out VssPermissions? permissions, out string error)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var parsed = new VssPermissions(scope);
        foreach (string entry in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = entry.IndexOf(':', StringComparison.Ordinal);
            string verb = colon < 0 ? entry : entry[..colon];
            VssAccess? access = verb switch
            {
                "read" => VssAccess.Read,
                "actuate" => VssAccess.Actuate,
                "provide" => VssAccess.Provide,
                _ => null,
            };
            if (access == null)
            {
                permissions = null;
                error = $"scope entry '{entry}': '{verb}' is not read, actuate or provide";
                return false;
            }

            VssPathPattern? pattern = null;
            if (colon >= 0 && !VssPathPattern.TryParse(entry[(colon + 1)..], out pattern, out string patternError))
            {
                permissions = null;
                error = $"scope entry '{entry}': {patternError}";
                return false;
            }

            parsed._grants.Add((access.Value, pattern));
        }

        permissions = parsed;
        error = "";
        return true;
    }

    /// <summary>True when the token allows <paramref name="access"/> on <paramref name="signal"/>.</summary>
    public bool Allows(VssAccess access, VssSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        foreach ((VssAccess granted, VssPathPattern? pattern) in _grants)
        {
            bool covers = granted == access || access == VssAccess.Read;
            if (covers && (pattern == null || pattern.IsMatch(signal.Path)))
            {
                return true;
            }
        }

        return false;
    }
}
