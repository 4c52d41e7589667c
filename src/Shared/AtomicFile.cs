namespace EdgeSdk;

// Replaces a small file all or nothing: written to a temporary file, flushed to disk, then renamed over the old one,
// so a crash or power cut at any point leaves either the old content or the new, never a torn or empty file.
internal static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        string temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
