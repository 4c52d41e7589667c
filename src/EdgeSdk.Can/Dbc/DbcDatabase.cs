using System.Collections.Generic;
using System.IO;

namespace EdgeSdk.Can;

/// <summary>
/// The contents of a DBC file: messages with their signals, value tables, comments and attributes, and
/// the list of constructs that were skipped (with line numbers). Build one with <see cref="DbcParser"/>.
/// </summary>
public sealed class DbcDatabase
{
    internal DbcDatabase(
        string fileName, string version, string[] nodes, CanMessage[] messages, IReadOnlyDictionary<string, CanValueDescription[]> valueTables,
        IReadOnlyList<DbcAttributeDefinition> attributeDefinitions, CanAttributeValue[] networkAttributes, string comment,
        IReadOnlyDictionary<string, string> nodeComments, IReadOnlyList<DbcDiagnostic> warnings)
    {
        FileName = fileName;
        Version = version;
        Nodes = nodes;
        Messages = messages;
        ValueTables = valueTables;
        AttributeDefinitions = attributeDefinitions;
        NetworkAttributes = networkAttributes;
        Comment = comment;
        NodeComments = nodeComments;
        Warnings = warnings;
    }

    /// <summary>The file name given to the parser.</summary>
    public string FileName { get; }

    /// <summary>The <c>VERSION</c> string, or "".</summary>
    public string Version { get; }

    /// <summary>Node names (<c>BU_</c>).</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>Every message, in file order. Pass to <see cref="CanDecoder"/> to decode frames.</summary>
    public CanMessage[] Messages { get; }

    /// <summary>Named value tables (<c>VAL_TABLE_</c>).</summary>
    public IReadOnlyDictionary<string, CanValueDescription[]> ValueTables { get; }

    /// <summary>Attribute definitions (<c>BA_DEF_</c>) with their defaults.</summary>
    public IReadOnlyList<DbcAttributeDefinition> AttributeDefinitions { get; }

    /// <summary>Attribute values assigned to the network itself (<c>BA_ "name" value;</c>).</summary>
    public IReadOnlyList<CanAttributeValue> NetworkAttributes { get; }

    /// <summary>The network comment (<c>CM_ "text";</c>), or "".</summary>
    public string Comment { get; }

    /// <summary>Node comments (<c>CM_ BU_</c>) by node name.</summary>
    public IReadOnlyDictionary<string, string> NodeComments { get; }

    /// <summary>Constructs that were skipped or adjusted, each with its line: the file still loaded.</summary>
    public IReadOnlyList<DbcDiagnostic> Warnings { get; }

    /// <summary>Total number of signals over all messages.</summary>
    public int SignalCount
    {
        get
        {
            int n = 0;
            foreach (CanMessage m in Messages)
            {
                n += m.Signals.Length;
            }

            return n;
        }
    }

    /// <summary>Reads and parses a DBC file; a syntax error becomes an <see cref="InvalidDataException"/> whose message is <c>file:line: reason</c>.</summary>
    /// <param name="path">Path of the DBC file.</param>
    /// <returns>The database.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file has a syntax error.</exception>
    public static DbcDatabase Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"DBC file '{path}' not found: give the path of an existing .dbc file.", path);
        }

        string text = File.ReadAllText(path);
        if (!DbcParser.TryParse(text, path, out DbcDatabase? database, out DbcDiagnostic? error))
        {
            throw new InvalidDataException($"{error} (fix the DBC file)");
        }

        return database;
    }

    /// <summary>Finds a message by name.</summary>
    /// <param name="name">Message name.</param>
    /// <returns>The message, or null.</returns>
    public CanMessage? FindMessage(string name)
    {
        foreach (CanMessage m in Messages)
        {
            if (m.Name == name)
            {
                return m;
            }
        }

        return null;
    }

    /// <summary>Creates a decoder for every message of this database.</summary>
    /// <returns>A new decoder.</returns>
    public CanDecoder CreateDecoder() => new(Messages);
}
