using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace EdgeSdk.Docs.Tests;

/// <summary>
/// Compiles an example as the Program.cs of a new console app would be (top-level statements, the SDK's
/// implicit usings, nullable enabled, latest C#) against the running .NET and the EdgeSdk libraries, fails on
/// any error or warning, then runs it with standard output captured.
/// </summary>
internal static class ExampleRunner
{
    // What `dotnet new console` imports implicitly (Microsoft.NET.Sdk's ImplicitUsings).
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        // The running runtime's assemblies plus the EdgeSdk libraries this project references (all beside the tests).
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return tpa.Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal)
                        || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll"
                        || Path.GetFileName(p).StartsWith("EdgeSdk.", StringComparison.Ordinal)
                        || Path.GetFileName(p).StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
                        || Path.GetFileName(p).StartsWith("MQTTnet", StringComparison.Ordinal)
                        || Path.GetFileName(p).StartsWith("Google.Protobuf", StringComparison.Ordinal))
            .Concat(new[] { typeof(EdgeSdk.Nmea.NmeaParser), typeof(EdgeSdk.Gnss.GnssReceiver), typeof(EdgeSdk.Telemetry.TelemetryPublisher) }
                .Select(t => t.Assembly.Location))
            .DistinctBy(Path.GetFileName)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();
    });

    /// <summary>Compiler errors and warnings, one per line; empty when the example compiles cleanly.</summary>
    public static (Assembly? Assembly, string Diagnostics) Compile(ReadmeExample example)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "ReadmeExample" + Guid.NewGuid().ToString("N"),
            new[]
            {
                CSharpSyntaxTree.ParseText(ImplicitUsings, parse, "GlobalUsings.g.cs"),
                // #line: errors name the README and its line, where the reader has to fix them.
                CSharpSyntaxTree.ParseText($"#line {example.Line + 1} \"{example.Readme}\"\n{example.Code}", parse, example.ToString()),
            },
            References.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        string diagnostics = string.Join('\n', result.Diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS8019") // CS8019: unused using, hidden in a console app
            .Select(d => d.ToString()));
        if (!result.Success)
        {
            return (null, diagnostics);
        }

        image.Position = 0;
        return (AssemblyLoadContext.Default.LoadFromStream(image), diagnostics);
    }

    /// <summary>Runs the compiled example's entry point with <paramref name="workingDirectory"/> current; returns its standard output.</summary>
    public static async Task<string> RunAsync(Assembly assembly, string workingDirectory, TimeSpan timeout)
    {
        MethodInfo entry = assembly.EntryPoint!;
        TextWriter original = Console.Out;
        string originalDirectory = Environment.CurrentDirectory;
        using var output = new StringWriter();
        Console.SetOut(output);
        Environment.CurrentDirectory = workingDirectory;
        try
        {
            object?[] args = entry.GetParameters().Length == 0 ? Array.Empty<object?>() : new object?[] { Array.Empty<string>() };
            Task run = Task.Run(() => entry.Invoke(null, args));
            Task finished = await Task.WhenAny(run, Task.Delay(timeout));
            Assert.True(finished == run, $"the example did not finish within {timeout.TotalSeconds} s; output so far:\n{output}");
            await run;
        }
        finally
        {
            Console.SetOut(original);
            Environment.CurrentDirectory = originalDirectory;
        }

        return output.ToString();
    }
}
