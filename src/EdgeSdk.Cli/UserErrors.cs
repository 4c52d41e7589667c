using System.Net.Sockets;

namespace EdgeSdk.Cli;

/// <summary>
/// Turns the failures a user can fix (missing file or port, permission, unreachable host,
/// bad argument) into one line on stderr and exit code <see cref="ExitCodes.Usage"/>, instead of a stack trace.
/// </summary>
internal static class UserErrors
{
    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (DataProblemException ex)
        {
            // The input was read but holds nothing usable: a data problem, not a usage mistake.
            Console.Error.WriteLine($"edgesdk: {ex.Message}");
            return ExitCodes.DataProblem;
        }
        catch (Exception ex) when (IsUserError(ex))
        {
            Console.Error.WriteLine($"edgesdk: {Describe(ex)}");
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException)
        {
            return ExitCodes.Interrupted;
        }
    }

    /// <summary>
    /// Why an I/O operation failed, in the words a user acts on ("permission denied"), instead of .NET's
    /// sentence ("Access to the path '/x' is denied."). The errno is the IOException's HResult on Linux.
    /// </summary>
    public static string Reason(Exception ex) => ex switch
    {
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "the path is too long",
        DirectoryNotFoundException or FileNotFoundException => "it does not exist",
        IOException { HResult: 28 } => "no space left on the device",
        IOException { HResult: 30 } => "the file system is read-only",
        IOException { HResult: 20 } => "a part of the path is a file, not a folder",
        IOException { HResult: 17 } => "something else already has that name",
        _ => ex.Message,
    };

    /// <summary>Why a file could not be created, naming the part of the path at fault.</summary>
    public static string FileReason(string path, Exception ex) => ex switch
    {
        _ when Directory.Exists(path) => "it is a folder: give a file name",
        DirectoryNotFoundException => $"the folder {Path.GetDirectoryName(Path.GetFullPath(path))} does not exist",
        _ => Reason(ex),
    };

    private static bool IsUserError(Exception ex) => ex is IOException or UnauthorizedAccessException
        or SocketException or ArgumentException or FormatException or TimeoutException or InvalidDataException
        || (ex is AggregateException aggregate && aggregate.InnerExceptions.All(IsUserError));

    private static string Describe(Exception ex) => ex is AggregateException aggregate
        ? string.Join("; ", aggregate.InnerExceptions.Select(Describe))
        : ex.Message;
}
