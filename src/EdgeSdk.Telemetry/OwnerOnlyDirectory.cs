namespace EdgeSdk.Telemetry;

/// <summary>
/// Creates the directories that hold a device's queued fixes (positions, times, its identity) so that only the
/// owner can list, read or write them: on a shared disk or a multi-user Pi, other accounts must not read a
/// vehicle's track or plant records in its queue. <see cref="DurableQueue"/> uses it; so does a program that
/// prepares a queue folder itself (the CLI checks <c>--queue</c> before it opens the queue).
/// </summary>
public static class OwnerOnlyDirectory
{
    /// <summary>rwx for the owner, nothing for group and others (0700).</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>
    /// Creates <paramref name="path"/> and any missing parents with <see cref="Mode"/> on Unix (umask can only
    /// remove bits, so it stays 0700). A directory that already exists keeps its mode: it may be one the user
    /// chose and shares on purpose, and changing another program's folder would be a surprise.
    /// </summary>
    /// <param name="path">The directory.</param>
    /// <exception cref="IOException">A directory cannot be created; .NET's message names it.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to create a directory on the way.</exception>
    public static void Create(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path); // inherits the profile's ACL, which is the user's own
        }
        else
        {
            // .NET applies the mode to the last directory only; the missing parents (e.g. edgesdk/queue/FLEET
            // under XDG_STATE_HOME) name the fleets and devices too, so each is made 0700 from the top down.
            var missing = new Stack<string>();
            for (string? level = Path.GetFullPath(path); level != null && !Directory.Exists(level); level = Path.GetDirectoryName(level))
            {
                missing.Push(level);
            }

            while (missing.TryPop(out string? level))
            {
                Directory.CreateDirectory(level, Mode);
            }
        }
    }
}
