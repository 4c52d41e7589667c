namespace EdgeSdk.Can;

/// <summary>One token of DBC text: its kind, text (strings unquoted), line, and whether it starts its line.</summary>
internal readonly record struct DbcToken(DbcTokenKind Kind, string Text, int Line, bool FirstOnLine, int Start, int End);

/// <summary>Kinds of DBC tokens.</summary>
internal enum DbcTokenKind
{
    Identifier,
    Number,
    String,
    Punctuation,
    End,
}
