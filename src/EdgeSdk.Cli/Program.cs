using System.CommandLine;

namespace EdgeSdk.Cli;

/// <summary>Entry point of the <c>edgesdk</c> command: builds the command tree and runs it.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        RootCommand root = CommandTree.Build();
        ParseResult parsed = root.Parse(args);
        // User errors (a missing port, an unreachable broker) become one line and a non-zero exit
        // code in UserErrors; System.CommandLine's own handler would print a stack trace.
        return UserErrors.Run(() => parsed.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
    }
}
