#nullable enable

using System;
using System.Collections.Generic;
using System.Linq;

namespace EdgeSdk;

/// <summary>
/// "Did you mean …?" for every place a user types a name: the edgesdk command line and the JT/T 808 platform
/// script. One source file compiled into each project that needs it (internal there), so there is one rule.
/// </summary>
internal static class ClosestName
{
    /// <summary>
    /// How far a typo may be from a name and still be suggested: one edit for short names, a third of the
    /// length for long ones, never more than three (Damerau-Levenshtein edits: insert, delete, change, swap).
    /// </summary>
    public static int MaxEdits(string typed) => Math.Clamp(typed.Length / 3, 1, 3);

    /// <summary>The closest candidate within <see cref="MaxEdits"/>, or the only one the typed text begins; null when none is close.</summary>
    public static string? Find(string typed, IEnumerable<string> candidates, Func<string, string>? show = null)
    {
        show ??= c => c;
        string? best = null;
        int bestDistance = int.MaxValue;
        var prefixed = new List<string>();
        foreach (string candidate in candidates.Distinct(StringComparer.Ordinal))
        {
            int distance = Distance(typed.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }

            if (typed.Length >= 3 && candidate.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            {
                prefixed.Add(candidate);
            }
        }

        if (best != null && bestDistance <= MaxEdits(typed))
        {
            return show(best);
        }

        return prefixed.Count == 1 ? show(prefixed[0]) : null;
    }

    /// <summary>Optimal-string-alignment distance: insertions, deletions, changes and swaps of neighbours each cost one.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
