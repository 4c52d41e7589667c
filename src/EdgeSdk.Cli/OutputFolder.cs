namespace EdgeSdk.Cli;

/// <summary>
/// Checks a folder the user named (<c>demo --out</c>, <c>track --queue</c>) before any work starts: creates it
/// and writes a probe file, so an unusable folder is one clear line at once, not .NET's text from deep
/// inside the queue or a summary that cannot be written after a minute's drive.
/// </summary>
internal static class OutputFolder
{
    /// <summary>Creates <paramref name="path"/> if needed and proves it can be written.</summary>
    /// <param name="path">The folder.</param>
    /// <param name="option">How the user named it, for the message (<c>--out</c>).</param>
    /// <param name="ownerOnly">Create it (and missing parents) readable by the owner only (0700), for queue folders: see docs/security.md.</param>
    /// <exception cref="IOException">The folder cannot be created or written; the message names it and the fix.</exception>
    public static void Prepare(string path, string option, bool ownerOnly = false)
    {
        if (File.Exists(path))
        {
            throw new IOException($"{option} {path} is a file, not a folder: give a folder (it is created if missing)");
        }

        // .NET reports a file in the middle of the path as "could not find a part of the path": say which part.
        for (string? parent = Path.GetDirectoryName(Path.GetFullPath(path)); parent != null; parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
            {
                throw new IOException($"{option} {path} cannot be used: {parent} is a file, not a folder — choose a folder you can write to");
            }
        }

        string probe = Path.Combine(path, $".edgesdk-write-test-{Environment.ProcessId}");
        try
        {
            if (ownerOnly)
            {
                Telemetry.OwnerOnlyDirectory.Create(path);
            }
            else
            {
                Directory.CreateDirectory(path);
            }

            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"{option} {path} cannot be used: {UserErrors.Reason(ex)} — choose a folder you can write to", ex);
        }
    }
}
